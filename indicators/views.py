"""Public pages: every indicator by area with its latest value and trend; one page per
indicator; a cycle's status analysis on the web and as PDF."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import public_page

from . import figures, selectors, services
from .analysis import analysis_file_name

INDICATOR_PAGES = [
    "indicators.Area",
    "indicators.Goal",
    "indicators.Geography",
    "indicators.Indicator",
    "indicators.IndicatorValue",
]
ANALYSIS_PAGES = [
    *INDICATOR_PAGES,
    "arshjul.Cycle",
    "arshjul.Challenge",
    "indicators.StatusAnalysis",
    "indicators.AnalysisSection",
]


@require_safe
@public_page(depends_on=INDICATOR_PAGES)
def indicator_list(request):
    return render(request, "indicators/list.html", {"areas": figures.overview_areas()})


@require_safe
@public_page(depends_on=INDICATOR_PAGES)
def indicator_detail(request, code: str):
    indicator = selectors.indicator_by_code(code)
    if indicator is None:
        raise Http404
    context = {"indicator": indicator, "figure": figures.indicator_figure(indicator)}
    return render(request, "indicators/detail.html", context)


@require_safe
@public_page(depends_on=ANALYSIS_PAGES)
def analysis(request, year: int):
    found = selectors.analysis_published(year=year, now=timezone.now())
    if found is None:
        raise Http404
    context = {
        "analysis": found,
        "sections": figures.analysis_sections(found),
        "kept_values": bool(selectors.kept_values(found)),
    }
    return render(request, "indicators/analysis.html", context)


@never_cache
@require_safe
def analysis_pdf(request, year: int):
    """The published analysis as PDF, made in the background: the file once the PDF of the
    analysis as it reads now is ready, until then a page that says it is being made."""
    found = selectors.analysis_published(year=year, now=timezone.now())
    if found is None:
        raise Http404
    job = services.analysis_pdf_current(analysis=found)
    job.refresh_from_db()
    if job.state == job.State.DONE and job.file:
        name = analysis_file_name(found)
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)
    context = {
        "analysis": found,
        "job": job,
        "updating": selectors.analysis_had_a_pdf(analysis=found, besides=job),
    }
    return render(request, "indicators/analysis_pending.html", context)
