"""Writes on the shared domain."""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Cycle, CycleChallenge

# Apps that keep dated things per cycle (meetings, later survey deadlines) copy them along:
# each registers a function (old_cycle, new_cycle) -> None in its AppConfig.ready().
_copiers: list[Callable[[Cycle, Cycle], None]] = []


def register_cycle_copier(copier: Callable[[Cycle, Cycle], None]):
    if copier not in _copiers:
        _copiers.append(copier)
    return copier


@transaction.atomic
def cycle_copy_to_next_year(*, cycle: Cycle) -> Cycle:
    """A draft of next year's cycle: the same strategy, introduction and focus challenges (in
    order), and — through the registered copiers — the meetings with their settings, every
    date moved one year. Staff adjust it and publish it. Coordinators, participants and
    materials belong to their year and are not copied."""
    year = cycle.year + 1
    if Cycle.objects.filter(year=year).exists():
        raise ValidationError(_("There is already a cycle for %(year)s.") % {"year": year})
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
    for copier in _copiers:
        copier(cycle, copy)
    return copy
