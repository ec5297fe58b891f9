"""The follow-up report's part of the cycle pages (see arshjul.cycle_pages): the link to the
year's report, once published."""

from django.utils import timezone

from arshjul.cycle_pages import Part

from .models import Report


def report_parts(cycle, *, is_home: bool):
    report = Report.objects.filter(cycle=cycle).only("published_at", "cycle_id").first()
    if report is None or report.published_at is None:
        return
    if report.published_at > timezone.now():  # the link appears at the moment it is published
        yield Part("followup/includes/cycle_part.html", {}, valid_until=report.published_at)
        return
    report.cycle = cycle  # its title names the year: not read again
    yield Part("followup/includes/cycle_part.html", {"cycle": cycle, "report": report})
