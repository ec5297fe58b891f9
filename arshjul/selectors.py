"""Reads that span relations: which cycle the public sees, and who the regional leadership are."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from . import wheel
from .models import Cycle, CycleChallenge, Organisation, Strategy


def cycles_for_staff(*, limit: int = 4) -> list[Cycle]:
    """The newest cycles, drafts included: what the admin's start page leads with."""
    return list(Cycle.objects.order_by("-year")[:limit])


def cycle_list_published() -> list[Cycle]:
    """Published cycles, newest first."""
    return list(Cycle.objects.published().select_related("strategy").order_by("-year"))


def cycle_get_published(*, year: int) -> Cycle | None:
    return (
        Cycle.objects.published()
        .select_related("strategy__organiser")
        .prefetch_related(
            Prefetch(
                "cycle_challenges",
                queryset=CycleChallenge.objects.select_related("challenge"),
            )
        )
        .filter(year=year)
        .first()
    )


def site_organiser() -> Organisation | None:
    """The organisation that runs the site: the organiser of the newest cycle's strategy."""
    strategy = Strategy.objects.select_related("organiser").order_by("-cycles__year").first()
    return strategy.organiser if strategy else None


def cycle_is_past(cycle: Cycle, steps: list[wheel.Step], *, today: datetime.date) -> bool:
    """Whether every step of the cycle lies before today: it is history."""
    return bool(steps) and steps[-1].date < today


@dataclass(frozen=True)
class LeadershipGroup:
    category: str
    label: str
    organisations: list[Organisation]

    @property
    def count(self) -> int:
        return len(self.organisations)


def leadership_by_category() -> list[LeadershipGroup]:
    """The active organisations of the regional leadership, grouped by category in the
    category's order (region first, then municipalities…), in one query."""
    by_category: dict[str, list[Organisation]] = {}
    for organisation in Organisation.objects.active().order_by("name"):
        by_category.setdefault(organisation.category, []).append(organisation)
    return [
        LeadershipGroup(value, label, by_category[value])
        for value, label in Organisation.Category.choices
        if value in by_category
    ]
