"""The lägesbild's step on the wheel of the year: the day it was published."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Picture


def picture_steps(cycles):
    """The published lägesbild of each cycle, on the day it was published (one query)."""
    now = timezone.now()
    published = Picture.objects.filter(cycle__in=cycles, published_at__lte=now)
    for picture in published.select_related("cycle").defer("snapshot").order_by():
        yield Step(
            cycle_id=picture.cycle_id,
            date=timezone.localdate(picture.published_at),
            title=_("The lägesbild is published"),
            kind=Step.Kind.PUBLICATION,
            label=_("Published"),
            url=reverse("situation:index", args=[picture.cycle.year]),
            uid=f"picture-{picture.pk}",
            description=_(
                "Per focus challenge: where we stand, the gaps, and where organisations can "
                "join forces."
            ),
        )
