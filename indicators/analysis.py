"""The status analysis (nulägesanalys) as people find it: its address and its PDF's file
name, the PDF itself (a kind of :mod:`arshjul.lib.pdf_kinds`), and its step on the wheel.
Publishing it and keeping its PDF current are :mod:`indicators.services`."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind
from arshjul.wheel import Step

from . import selectors
from .models import StatusAnalysis


def analysis_url(analysis: StatusAnalysis) -> str:
    """The analysis's public page: /arshjul/<year>/nulagesanalys/."""
    return reverse("indicators:analysis", args=[analysis.cycle.year])


def analysis_file_name(analysis: StatusAnalysis) -> str:
    """ "nulagesanalys-2027-preliminar.pdf" before the work meeting, "nulagesanalys-2023.pdf"
    for the final one."""
    if analysis.stage == StatusAnalysis.Stage.FINAL:
        return f"nulagesanalys-{analysis.cycle.year}.pdf"
    return f"nulagesanalys-{analysis.cycle.year}-preliminar.pdf"


def analysis_words(parameters: dict) -> str:
    """An analysis's job in words: its title ("Preliminär nulägesanalys 2027")."""
    return str(StatusAnalysis.objects.get(pk=parameters["analysis_id"]))


@pdf_kind("status_analysis", gettext_lazy("Status analysis"), about=analysis_words)
def status_analysis_pdf(job, progress):
    """The analysis as its page reads, with the values it keeps if it is a final one."""
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
    for analysis in (
        StatusAnalysis.objects.filter(cycle__in=cycles, published_at__lte=now)
        .select_related("cycle")
        .defer("values_snapshot")
    ):
        yield Step(
            cycle_id=analysis.cycle_id,
            date=timezone.localdate(analysis.published_at),
            title=analysis.title,
            kind=Step.Kind.PUBLICATION,
            label=_("Published"),
            url=analysis_url(analysis),
            uid=f"analysis-{analysis.pk}",
        )
