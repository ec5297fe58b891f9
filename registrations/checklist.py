"""The customer's tips for getting started, as a checklist on the organisation's page.
Some items tick themselves from the data; the others the coordinator ticks.

An app that knows when an item is done registers a *ticker* for the item's key
(``tickers.register(function, name="working_material")``): a function of the coordinator
that says whether it is done. Such an item is no longer ticked by hand.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from arshjul.lib.registry import Registry

tickers = Registry("ticker of a checklist item")


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    automatic: bool = False  # ticked from the data, not by hand


ITEMS = [
    Item("coordinator", _("Appoint someone to hold your participation together"), True),
    Item("book_time", _("Book a time to go through the status analysis together")),
    Item("working_material", _("Answer the questions in the working material")),
    Item("register", _("Register your participants before the deadline"), True),
]


def manual_keys() -> set[str]:
    return {item.key for item in ITEMS if not item.automatic} - set(tickers.names())


def checklist_for(coordinator, *, has_participants: bool) -> list[tuple[Item, bool]]:
    """Each item with whether it is done; items that tick themselves come marked
    ``automatic``."""
    ticked = set(coordinator.checklist or [])
    automatic = {"coordinator": True, "register": has_participants}
    automatic |= {name: bool(tickers.get(name)(coordinator)) for name in tickers.names()}
    return [
        (
            Item(item.key, item.text, item.key in automatic),
            automatic.get(item.key, item.key in ticked),
        )
        for item in ITEMS
    ]


def checklist_update(*, coordinator, ticked: set[str]) -> None:
    """Keep the hand-ticked items (unknown keys are ignored)."""
    coordinator.checklist = sorted(ticked & manual_keys())
    coordinator.save(update_fields=["checklist"])
