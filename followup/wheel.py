"""The follow-up report's step on the wheel of the year: the day it was published."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Report


def report_steps(cycles):
    """The published follow-up report of each cycle, on the day it was published (one
    query)."""
    now = timezone.now()
    reports = Report.objects.filter(cycle__in=cycles, published_at__lte=now).select_related("cycle")
    for report in reports.defer("snapshot").order_by():
        yield Step(
            cycle_id=report.cycle_id,
            date=timezone.localdate(report.published_at),
            title=_("Follow-up report %(year)s") % {"year": report.cycle.year},
            kind=Step.Kind.PUBLICATION,
            label=_("Published"),
            url=reverse("followup:report", args=[report.cycle.year]),
            uid=f"followup-report-{report.pk}",
            description=_(
                "The year's story: who took part, the survey, the indicators, the "
                "lägesbild, the conclusions and what comes next."
            ),
        )
