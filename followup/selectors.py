"""Reads of the follow-up report: the published one of a year, and what it shows — compiled
while it is a draft, its snapshot once final."""

import hashlib
import json

from arshjul.models import PdfJob

from .compile import compiled
from .models import Report

# What the report's page and PDF are made from (the page cache makes the page anew when one
# of them changes; a final report reads its snapshot, so it only looks the same again).
DEPENDS_ON = [
    "followup.Report",
    "arshjul.Cycle",
    "arshjul.Challenge",
    "arshjul.CycleChallenge",
    "arshjul.Organisation",
    "meetings.Meeting",
    "registrations.Participant",
    "survey.Survey",
    "survey.Section",
    "survey.Question",
    "survey.LeadershipGroup",
    "survey.Response",
    "indicators.Area",
    "indicators.Geography",
    "indicators.Indicator",
    "indicators.IndicatorValue",
    "working_material.WorkingMaterial",
    "working_material.Entry",
    "workshops.Notes",
    "workshops.NoteEntry",
    "situation.Picture",
    "situation.NameChoice",
]


def report_published(*, year: int, now) -> Report | None:
    """The year's report once published (its cycle published too)."""
    return (
        Report.objects.select_related("cycle", "pdf")
        .filter(cycle__year=year, cycle__status="published", published_at__lte=now)
        .first()
    )


def report_content(report: Report) -> dict:
    """What the report shows (:mod:`followup.compile`): as kept if it is final, else as the
    cycle's rows and staff's words stand now."""
    if report.is_final and report.snapshot:
        return report.snapshot
    return compiled(report)


def content_key(report: Report, content: dict) -> str:
    """A digest of everything the report's page and PDF show. A PDF made for another key is
    out of date."""
    text = json.dumps(
        [content, str(report.published_at), str(report.final_at)],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def report_had_a_pdf(*, report: Report, besides) -> bool:
    """Whether an earlier PDF of the report was made (the one being made, ``besides``, is then
    an update)."""
    return (
        PdfJob.objects.filter(
            kind="followup_report", parameters__report_id=report.pk, state=PdfJob.State.DONE
        )
        .exclude(pk=besides.pk)
        .exists()
    )
