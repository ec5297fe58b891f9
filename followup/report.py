"""The follow-up report as people find it: its address and its PDF's file name, and the PDF
itself (a kind of :mod:`arshjul.lib.pdf_kinds`). Publishing it, making it final and keeping
its PDF current are :mod:`followup.services`."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind

from . import selectors
from .compile import readable
from .models import Report

PDF_VARIANT = "pdf/ua-1"  # tagged, with the language and the title PDF/UA asks for


def report_url(report: Report) -> str:
    """The report's public page: /arshjul/<year>/uppfoljningsrapport/."""
    return reverse("followup:report", args=[report.cycle.year])


def report_file_name(report: Report) -> str:
    """ "uppfoljningsrapport-2023.pdf"."""
    return f"uppfoljningsrapport-{report.cycle.year}.pdf"


def report_words(parameters: dict) -> str:
    """A report's job in words: its title ("Uppföljningsrapport 2023")."""
    return str(Report.objects.select_related("cycle").get(pk=parameters["report_id"]))


@pdf_kind("followup_report", gettext_lazy("Follow-up report"), about=report_words)
def followup_report_pdf(job, progress):
    """The report as its page reads (its snapshot once final)."""
    report = Report.objects.select_related("cycle").get(pk=job.parameters["report_id"])
    content = readable(selectors.report_content(report))
    progress(30)
    pdf = render_pdf(
        "pdf/followup_report.html",
        {"report": report, "content": content, "now": timezone.now()},
        variant=PDF_VARIANT,
    )
    return report_file_name(report), pdf
