"""The year's follow-up report on the web and as PDF, once published."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import public_page

from . import selectors, services
from .compile import readable
from .report import report_file_name


@require_safe
@public_page(depends_on=selectors.DEPENDS_ON)
def report(request, year: int):
    found = selectors.report_published(year=year, now=timezone.now())
    if found is None:
        raise Http404
    content = readable(selectors.report_content(found))
    return render(request, "followup/report.html", {"report": found, "content": content})


@never_cache
@require_safe
def report_pdf(request, year: int):
    """The published report as PDF, made in the background: the file once the PDF of the
    report as it reads now is ready, until then a page that says it is being made."""
    found = selectors.report_published(year=year, now=timezone.now())
    if found is None:
        raise Http404
    job = services.report_pdf_current(report=found)
    job.refresh_from_db()
    if job.state == job.State.DONE and job.file:
        name = report_file_name(found)
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)
    context = {
        "report": found,
        "job": job,
        "updating": selectors.report_had_a_pdf(report=found, besides=job),
    }
    return render(request, "followup/report_pending.html", context)
