"""The status analysis (nulägesanalys): publishing it — on the web, as a PDF made in the
background, as material of the cycle's work meeting and as a step on the wheel — and the
PDF itself."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib import pdf_jobs
from arshjul.lib.emails import absolute_url
from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind
from arshjul.wheel import Step
from meetings.models import Material, Meeting

from . import selectors
from .models import StatusAnalysis

DESCRIPTIONS = {
    StatusAnalysis.Stage.PRELIMINARY: gettext_lazy(
        "The region's preliminary picture of where the strategy's goals stand, to read "
        "before the work meeting."
    ),
    StatusAnalysis.Stage.FINAL: gettext_lazy(
        "The final status analysis of the cycle, completed with the work meeting's results."
    ),
}


def analysis_url(analysis: StatusAnalysis) -> str:
    return reverse("indicators:analysis", args=[analysis.cycle.year])


def analysis_publish(*, analysis: StatusAnalysis, now=None) -> StatusAnalysis:
    """Publish the analysis: its page is public from now, its PDF is made in the background,
    and it is listed as material of the cycle's work meeting (before the meeting for the
    preliminary analysis, as documentation after it for the final one)."""
    now = now or timezone.now()
    with transaction.atomic():
        analysis = StatusAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if analysis.published_at is None:
            analysis.published_at = now
        analysis.pdf = pdf_jobs.pdf_job_start(
            kind="status_analysis", parameters={"analysis_id": analysis.pk}
        )
        analysis.save(update_fields=["published_at", "pdf"])
        analysis_list_as_material(analysis)
    return analysis


def analysis_list_as_material(analysis: StatusAnalysis) -> None:
    """The analysis as material of the cycle's work meeting (once; kept up to date)."""
    url = absolute_url(analysis_url(analysis))
    meeting = (
        Meeting.objects.filter(cycle=analysis.cycle, kind=Meeting.Kind.WORK_MEETING)
        .order_by("date")
        .first()
    )
    kind = (
        Material.Kind.PREPARATION
        if analysis.stage == StatusAnalysis.Stage.PRELIMINARY
        else Material.Kind.DOCUMENTATION
    )
    material = Material.objects.filter(cycle=analysis.cycle, title=analysis.title).first()
    material = material or Material(cycle=analysis.cycle, title=analysis.title)
    material.meeting, material.kind, material.url = meeting, kind, url
    material.file = ""
    material.published_from = analysis.published_at
    material.description = str(DESCRIPTIONS[analysis.stage])
    material.full_clean()
    material.save()


def analysis_pdf_job(*, analysis: StatusAnalysis):
    """The job making the analysis's PDF, started again if it failed or was cleaned away."""
    job = analysis.pdf
    if job is None or job.state == job.State.FAILED:
        job = pdf_jobs.pdf_job_start(
            kind="status_analysis", parameters={"analysis_id": analysis.pk}
        )
        StatusAnalysis.objects.filter(pk=analysis.pk).update(pdf=job)
        analysis.pdf = job
    return job


@pdf_kind("status_analysis", gettext_lazy("Status analysis"))
def status_analysis_pdf(job, progress):
    analysis = StatusAnalysis.objects.select_related("cycle").get(pk=job.parameters["analysis_id"])
    sections = selectors.analysis_sections(analysis)
    progress(30)
    pdf = render_pdf(
        "pdf/status_analysis.html",
        {"analysis": analysis, "sections": sections, "now": timezone.now()},
    )
    return f"nulagesanalys-{analysis.cycle.year}-{analysis.stage}.pdf", pdf


def analysis_steps(cycles):
    """Each published analysis on its cycle's wheel, on the day it was published (one
    query)."""
    now = timezone.now()
    for analysis in StatusAnalysis.objects.filter(
        cycle__in=cycles, published_at__lte=now
    ).select_related("cycle"):
        yield Step(
            cycle_id=analysis.cycle_id,
            date=timezone.localdate(analysis.published_at),
            title=analysis.title,
            kind=Step.Kind.PUBLICATION,
            label=_("Published"),
            url=analysis_url(analysis),
            uid=f"analysis-{analysis.pk}",
        )
