"""The indicators' part of the cycle pages (see arshjul.cycle_pages): the cycle's status
analysis, once published, and the way to every indicator."""

from django.utils import timezone

from arshjul.cycle_pages import Part

from .models import StatusAnalysis


def analysis_parts(cycle, *, is_home: bool):
    now = timezone.now()
    published = (
        StatusAnalysis.objects.filter(cycle=cycle, published_at__lte=now)
        .defer("values_snapshot")  # every indicator's values: not for a link
        .order_by("stage")
        .first()
    )
    upcoming = (
        StatusAnalysis.objects.filter(cycle=cycle, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    yield Part(
        "indicators/includes/cycle_part.html",
        {"cycle": cycle, "analysis": published},
        valid_until=upcoming,  # the link appears at the moment it is published
    )
