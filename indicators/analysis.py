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
from arshjul.models import PdfJob
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


def analysis_file_name(analysis: StatusAnalysis) -> str:
    """ "nulagesanalys-2027-preliminar.pdf" before the work meeting, "nulagesanalys-2023.pdf"
    for the final one."""
    if analysis.stage == StatusAnalysis.Stage.FINAL:
        return f"nulagesanalys-{analysis.cycle.year}.pdf"
    return f"nulagesanalys-{analysis.cycle.year}-preliminar.pdf"


def analysis_publish(*, analysis: StatusAnalysis, now=None) -> StatusAnalysis:
    """Publish the analysis: its page is public from now, its PDF is made in the background,
    and it is listed as material of the cycle's work meeting (before the meeting for the
    preliminary analysis, as documentation after it for the final one). A final analysis
    keeps the values it shows from now on: it is a record."""
    now = now or timezone.now()
    with transaction.atomic():
        analysis = StatusAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if analysis.published_at is None:
            analysis.published_at = now
        _keep_values(analysis, now=now)
        analysis.save(update_fields=["published_at", "values_snapshot", "snapshot_at"])
        analysis.pdf = analysis_pdf_current(analysis=analysis, anew=True)
        analysis_list_as_material(analysis)
    return analysis


def analysis_changed(*, analysis: StatusAnalysis, now=None) -> StatusAnalysis:
    """Staff saved a change to an analysis (its words or its sections). Once it is published,
    its page says when it was last changed, a final analysis keeps the values of an
    indicator added to it, and its PDF is made anew: the page and the PDF never differ."""
    now = now or timezone.now()
    with transaction.atomic():
        analysis = StatusAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if analysis.published_at is None or analysis.published_at > now:
            return analysis
        analysis.changed_at = now
        _keep_values(analysis, now=now)
        analysis.save(update_fields=["changed_at", "values_snapshot", "snapshot_at"])
        analysis.pdf = analysis_pdf_current(analysis=analysis)
    return analysis


def _keep_values(analysis: StatusAnalysis, *, now, before_year: int | None = None) -> None:
    """A final analysis keeps the values of each of its indicators as they are now (those it
    keeps already stay as they were); a preliminary one keeps none."""
    if analysis.stage != StatusAnalysis.Stage.FINAL:
        analysis.values_snapshot, analysis.snapshot_at = None, None
        return
    kept = dict(analysis.values_snapshot or {})
    shown = {
        f.series.indicator.pk: f.series
        for s in selectors.analysis_sections(analysis)
        for f in s.figures
    }
    new = {
        str(pk): selectors.values_as_kept(series, before_year=before_year)
        for pk, series in shown.items()
        if str(pk) not in kept
    }
    if new or analysis.snapshot_at is None:
        analysis.values_snapshot = {**kept, **new}
        analysis.snapshot_at = analysis.snapshot_at or now


def analysis_keep_values_from_before(*, analysis: StatusAnalysis, year: int) -> None:
    """A final analysis keeps the values from before ``year`` (the demo's 2023 analysis, made
    from the statistics there were in June 2023)."""
    _keep_values(analysis, now=analysis.published_at or timezone.now(), before_year=year)
    analysis.save(update_fields=["values_snapshot", "snapshot_at"])


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


def analysis_pdf_current(*, analysis: StatusAnalysis, anew: bool = False):
    """The job making the PDF of the analysis as its page reads now: started again when there
    is none (or it was cleaned away), when it failed, or when the analysis or the values it
    shows have changed since it was started (or with ``anew``). The previous file is never
    served as the current one; readers arriving together start one job."""

    def checked(found) -> tuple[PdfJob | None, str]:
        """Its job if that is for the analysis as it reads now, and the key of that."""
        key = selectors.analysis_content_key(found, selectors.analysis_sections(found))
        # Read on its own: a row locked after another transaction changed it is joined to
        # what that transaction had not yet committed (PostgreSQL), so never select_related.
        job = PdfJob.objects.filter(pk=found.pdf_id).first() if found.pdf_id else None
        usable = not anew and job is not None and job.state != job.State.FAILED
        return (job if usable and found.pdf_content == key else None), key

    found = StatusAnalysis.objects.select_related("cycle").get(pk=analysis.pk)
    job, _key = checked(found)
    if job is not None:  # the usual case, read without a lock
        return job
    with transaction.atomic():
        found = (
            StatusAnalysis.objects.select_for_update(of=("self",))
            .select_related("cycle")
            .get(pk=analysis.pk)
        )
        job, key = checked(found)
        if job is not None:  # another reader has just started it
            return job
        job = pdf_jobs.pdf_job_start(kind="status_analysis", parameters={"analysis_id": found.pk})
        StatusAnalysis.objects.filter(pk=found.pk).update(pdf=job, pdf_content=key)
    return job


def analysis_had_a_pdf(*, analysis: StatusAnalysis, besides) -> bool:
    """Whether an earlier PDF of the analysis was made (the one being made is then an
    update)."""
    return (
        PdfJob.objects.filter(
            kind="status_analysis", parameters__analysis_id=analysis.pk, state=PdfJob.State.DONE
        )
        .exclude(pk=besides.pk)
        .exists()
    )


def analyses_follow_values(indicator_ids) -> int:
    """After values of these indicators were stored: each published analysis that shows one
    of them gets its PDF made anew where its page now reads otherwise (a preliminary analysis
    follows the values; a final one keeps its own, so its PDF stays). Returns how many."""
    analyses = StatusAnalysis.objects.filter(
        published_at__lte=timezone.now(), sections__indicators__in=list(indicator_ids)
    ).distinct()
    remade = 0
    for analysis in analyses:
        before = analysis.pdf_id
        remade += analysis_pdf_current(analysis=analysis).pk != before
    return remade


def analysis_words(parameters: dict) -> str:
    """An analysis's job in words: its title ("Preliminär nulägesanalys 2027")."""
    return str(StatusAnalysis.objects.get(pk=parameters["analysis_id"]))


@pdf_kind("status_analysis", gettext_lazy("Status analysis"), about=analysis_words)
def status_analysis_pdf(job, progress):
    analysis = StatusAnalysis.objects.select_related("cycle").get(pk=job.parameters["analysis_id"])
    sections = selectors.analysis_sections(analysis)
    progress(30)
    pdf = render_pdf(
        "pdf/status_analysis.html",
        {
            "analysis": analysis,
            "sections": sections,
            "kept_values": bool(selectors.kept_values(analysis)),
            "now": timezone.now(),
        },
    )
    return analysis_file_name(analysis), pdf


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
