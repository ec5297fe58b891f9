"""The customer's tips for getting started, as a checklist on the organisation's page.
Some items tick themselves from the data; the others the coordinator ticks."""

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
    Item("working_material", _("Answer the questions in the working material")),
    Item("register", _("Register your participants before the deadline"), True),
]
MANUAL_KEYS = {item.key for item in ITEMS if not item.automatic}


def checklist_for(coordinator, *, has_participants: bool) -> list[tuple[Item, bool]]:
    ticked = set(coordinator.checklist or [])
    automatic = {"coordinator": True, "register": has_participants}
    return [(item, automatic.get(item.key, item.key in ticked)) for item in ITEMS]


def checklist_update(*, coordinator, ticked: set[str]) -> None:
    """Keep the hand-ticked items (unknown keys are ignored)."""
    coordinator.checklist = sorted(ticked & MANUAL_KEYS)
    coordinator.save(update_fields=["checklist"])
