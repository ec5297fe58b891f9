"""Writes on the shared domain."""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .coordinators import coordinators_carry_over
from .errors import CycleError
from .models import Cycle, CycleChallenge


@transaction.atomic
def cycle_copy_to_next_year(*, cycle: Cycle, coordinators=()) -> Cycle:
    """A draft of next year's cycle: the same strategy, introduction and focus challenges (in
    order). What the apps keep per cycle (the meetings, the surveys) is taken along by
    :func:`pages.cycle.cycle_copy_to_next_year`, which staff use. Staff adjust the draft and
    publish it. The ``coordinators`` staff chose (of this cycle) are carried
    over; nobody is mailed by the copy (staff ask them later, after a preview:
    :func:`arshjul.coordinators.coordinators_ask`). Participants and materials belong to
    their year and are not copied."""
    year = cycle.year + 1
    if Cycle.objects.filter(year=year).exists():
        raise CycleError(_("There is already a cycle for %(year)s.") % {"year": year})
    copy = Cycle(
        strategy=cycle.strategy,
        year=year,
        name=re.sub(rf"\b{cycle.year}\b", str(year), cycle.name)
        if str(cycle.year) in cycle.name
        else f"{cycle.name} {year}",
        status=Cycle.Status.DRAFT,
        introduction=cycle.introduction,
    )
    copy.full_clean()
    copy.save()
    CycleChallenge.objects.bulk_create(
        CycleChallenge(cycle=copy, challenge_id=item.challenge_id, position=item.position)
        for item in cycle.cycle_challenges.all()
    )
    chosen = [c for c in coordinators if c.cycle_id == cycle.pk]
    coordinators_carry_over(coordinators=chosen, cycle=copy)
    return copy


def a_year_later(day: datetime.date) -> datetime.date:
    """The same day next year (28 February for 29 February): for what a copied cycle moves."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def a_year_later_moment(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The same wall-clock time in Sweden a year later (not 365 × 24 hours later)."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.datetime.combine(a_year_later(local.date()), local.time()))
