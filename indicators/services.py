"""Writes of the indicators: storing values (from a file, from Kolada, from the leadership
survey — each through :func:`values_save`, all or nothing), fetching from Kolada in the
background, and publishing the status analysis and keeping its PDF what its page reads.

Reading what comes in stays where it is read: a file's rows in :mod:`indicators.values`,
Kolada's pages and its API in :mod:`indicators.kolada`; reads in :mod:`indicators.selectors`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from arshjul.lib import numbers, page_cache, pdf_jobs
from arshjul.lib.background import enqueue_on_commit
from arshjul.lib.emails import absolute_url
from arshjul.lib.forms import error_words
from arshjul.lib.sweeps import sweep
from arshjul.models import PdfJob
from meetings.models import Material, Meeting
from survey.results import indicator_values

from . import kolada, selectors
from .analysis import analysis_url
from .errors import IndicatorError, KoladaError, KoladaUnreachable, ValuesError
from .models import Geography, Indicator, IndicatorValue, KoladaFetch, StatusAnalysis
from .values import NewValue

__all__ = ["IndicatorError", "KoladaError", "KoladaUnreachable", "ValuesError"]

# The task that runs one fetch (indicators.tasks): named here, where it is queued.
FETCH_TASK = "indicators.tasks.kolada_fetch_run"

# --- Values ------------------------------------------------------------------------------------


def values_save(*, values: list[NewValue]) -> int:
    """Store the values (a value already there for the same indicator, year, place and
    gender is replaced), in one transaction. Returns how many."""
    now = timezone.now()
    rows = [
        IndicatorValue(
            indicator=v.indicator,
            year=v.year,
            geography=v.geography,
            gender=v.gender,
            value=v.value,
            source_note=v.source_note[:200],
            is_demo=v.is_demo,
            imported_at=now,
        )
        for v in values
    ]
    with transaction.atomic():
        IndicatorValue.objects.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["indicator", "year", "geography", "gender"],
            update_fields=["value", "source_note", "is_demo", "imported_at"],
        )
        # bulk_create sends no post_save: the pages that show values are told here.
        page_cache.rows_changed(IndicatorValue)
        # An analysis's PDF shows what its page shows.
        analyses_follow_values(indicator_ids={v.indicator.pk for v in values})
    return len(rows)


def survey_values_store(*, survey, **kwargs) -> int:
    """The four survey indicators take their values from the leadership survey, never
    retyped: each indicator whose source is the survey gets the survey's value
    (:func:`survey.results.indicator_values`) for the county, for the year the survey closed
    (the year its answers describe); a share suppressed for too few answers is not stored.
    Receives :data:`survey.signals.results_published`. Returns how many values were stored."""
    county = Geography.objects.filter(level=Geography.Level.COUNTY).order_by("pk").first()
    if county is None:
        return 0
    indicators = {i.code: i for i in Indicator.objects.filter(source=Indicator.Source.SURVEY)}
    year = timezone.localdate(survey.closes_at).year
    values = [
        NewValue(
            indicator=indicators[code],
            year=year,
            geography=county,
            value=numbers.share_value(value.overall.hits, value.overall.n),
            source_note=f"{survey.title} {survey.cycle.year}",
        )
        for code, value in indicator_values(survey).items()
        if code in indicators and value.percent is not None
    ]
    return values_save(values=values)


# --- Kolada ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an import from Kolada stored, and how many values Kolada lacks (gaps)."""

    values: int
    gaps: int


def kolada_import(*, pages: Iterable[dict]) -> Imported:
    """Read every page of a Kolada answer, check every value, then store them all — or
    raise :class:`KoladaError`, storing none."""
    values, gaps = kolada.new_values(kolada.read_pages(pages))
    return Imported(values_save(values=values), gaps)


def kolada_fetch(*, indicator: Indicator, years: list[int]) -> Imported:
    """Fetch the indicator's values for the years from Kolada's API and store them, all or
    nothing (:class:`KoladaUnreachable` when the fetch fails on the way)."""
    return kolada_import(pages=list(kolada.fetch_pages(indicator, years)))


def kolada_fetch_start(*, indicator: Indicator, years: list[int]) -> KoladaFetch:
    """Queue a fetch from the live API for a worker (a request never waits for Kolada)."""
    fetch = KoladaFetch.objects.create(
        indicator=indicator, first_year=min(years), last_year=max(years)
    )
    enqueue_on_commit(FETCH_TASK, fetch.pk)
    return fetch


def kolada_fetch_run(*, fetch_id: int) -> str:
    """Run a queued fetch (once: claimed from "queued") and record how it went: how many
    values and gaps, or why it failed. Returns its state ("claimed" when another run has
    it)."""
    State = KoladaFetch.State
    if not KoladaFetch.objects.filter(pk=fetch_id, state=State.QUEUED).update(state=State.RUNNING):
        return "claimed"
    fetch = KoladaFetch.objects.select_related("indicator").get(pk=fetch_id)
    years = list(range(fetch.first_year, fetch.last_year + 1))
    try:
        done = kolada_fetch(indicator=fetch.indicator, years=years)
    except KoladaError as error:
        fetch.state, fetch.message = State.FAILED, error_words(error)
    except KoladaUnreachable as error:
        fetch.state, fetch.message = State.FAILED, str(error)
    else:
        fetch.state, fetch.values, fetch.gaps = State.DONE, done.values, done.gaps
    fetch.finished_at = timezone.now()
    fetch.save()
    return fetch.state


@sweep("kolada-fetches", label=gettext_lazy("Fetches from Kolada whose task was lost"))
def kolada_fetches_requeue() -> int:
    """Queue again fetches whose task was lost (a broker that was down)."""
    lost = KoladaFetch.objects.filter(
        state=KoladaFetch.State.QUEUED, created_at__lt=timezone.now() - timedelta(minutes=10)
    )
    ids = list(lost.values_list("pk", flat=True))
    for fetch_id in ids:
        enqueue_on_commit(FETCH_TASK, fetch_id)
    return len(ids)


# --- The status analysis -----------------------------------------------------------------------

DESCRIPTIONS = {
    StatusAnalysis.Stage.PRELIMINARY: gettext_lazy(
        "The region's preliminary picture of where the strategy's goals stand, to read "
        "before the work meeting."
    ),
    StatusAnalysis.Stage.FINAL: gettext_lazy(
        "The final status analysis of the cycle, completed with the work meeting's results."
    ),
}


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
        analysis_list_as_material(analysis=analysis)
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


def analysis_list_as_material(*, analysis: StatusAnalysis) -> None:
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


def analysis_pdf_current(*, analysis: StatusAnalysis, anew: bool = False) -> PdfJob:
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


def analyses_follow_values(*, indicator_ids: Iterable[int]) -> int:
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
