"""The customer's tips for getting started, as a checklist on the organisation's page.
Some items tick themselves from the data (``automatic``); the others the coordinator ticks.
Sign-ups know their own; what other apps know is handed in (:data:`pages.organisation.TICKED`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    automatic: bool = False  # ticked from the data, not by hand


ITEMS = [
    Item("coordinator", _("Appoint someone to hold your participation together"), True),
    Item("book_time", _("Book a time to go through the status analysis together")),
    Item("working_material", _("Answer the questions in the working material"), True),
    Item("register", _("Register your participants before the deadline"), True),
]


def manual_keys() -> set[str]:
    return {item.key for item in ITEMS if not item.automatic}


def checklist_for(
    coordinator, *, has_participants: bool, ticked_elsewhere: dict[str, bool]
) -> list[tuple[Item, bool]]:
    """Each item with whether it is done: by hand, or from the data (sign-ups' own, and what
    other apps say in ``ticked_elsewhere``, by item key)."""
    by_hand = set(coordinator.checklist or [])
    automatic = {"coordinator": True, "register": has_participants, **ticked_elsewhere}
    return [
        (item, automatic.get(item.key, False) if item.automatic else item.key in by_hand)
        for item in ITEMS
    ]


def checklist_update(*, coordinator, ticked: set[str]) -> None:
    """Keep the hand-ticked items (unknown keys are ignored)."""
    coordinator.checklist = sorted(ticked & manual_keys())
    coordinator.save(update_fields=["checklist"])
