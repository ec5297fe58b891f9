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


@dataclass(frozen=True)
class PublishedCycles:
    """Every published cycle with its steps: read once, for the home and cycle pages."""

    cycles: list[Cycle]  # newest first
    steps: dict[int, list[wheel.Step]]

    def current(self, *, today: datetime.date) -> Cycle | None:
        """The earliest cycle with a step still ahead (today counts as ahead), else the
        latest one, else none."""
        for cycle in reversed(self.cycles):
            if self.steps[cycle.pk] and self.steps[cycle.pk][-1].date >= today:
                return cycle
        return self.cycles[0] if self.cycles else None

    def by_year(self, year: int) -> Cycle | None:
        return next((c for c in self.cycles if c.year == year), None)


def cycles_published_with_steps() -> PublishedCycles:
    """Published cycles and their steps, with the challenges prefetched (a fixed number of
    queries, whatever the number of cycles and steps)."""
    cycles = list(
        Cycle.objects.published()
        .select_related("strategy")
        .prefetch_related(
            Prefetch(
                "cycle_challenges",
                queryset=CycleChallenge.objects.select_related("challenge"),
            )
        )
        .order_by("-year")
    )
    return PublishedCycles(cycles, wheel.steps_by_cycle(cycles))


def cycle_for_home(*, today: datetime.date) -> Cycle | None:
    return cycles_published_with_steps().current(today=today)


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
