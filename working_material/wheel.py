"""The working material's step on the wheel of the year: the last day to share it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import WorkingMaterial


def material_steps(cycles):
    """One deadline step per published working material, for all cycles in one query."""
    for material in WorkingMaterial.objects.filter(cycle__in=cycles, published=True).order_by():
        yield Step(
            cycle_id=material.cycle_id,
            date=timezone.localdate(material.closes_at),
            title=_("Last day to share the working material"),
            kind=Step.Kind.DEADLINE,
            label=_("Deadline"),
            uid=f"working-material-{material.pk}",
            description=_(
                "Each organisation shares, per focus challenge, what it does and what it has "
                "learnt; its coordinator signs in to write it."
            ),
        )
