"""The year's follow-up report on the web and as PDF, once published."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import kept_piece, kept_prefix, next_midnight, public_page

from . import selectors, services
from .compile import readable
from .report import report_file_name


@require_safe
@public_page(depends_on=selectors.DEPENDS_ON)
def report(request, year: int):
    found = selectors.report_published(year=year, now=timezone.now())
    if found is None:
        raise Http404
    body = _kept_body(found)
    return render(request, "followup/report.html", {"report": found, "body": body})


def _kept_body(found) -> str:
    """The report's body drawn, kept in the shared cache per version of every model it is made
    from (selectors.DEPENDS_ON) and language, until midnight at the latest as the page cache
    keeps pages: a draft is compiled from the cycle's rows, and a final one decodes its
    record, once per change rather than on every visit."""
    key = f"{kept_prefix('followup-report', selectors.DEPENDS_ON)}:{found.pk}"

    def draw() -> str:
        content = readable(selectors.report_content(found))
        context = {"report": found, "content": content}
        return render_to_string("followup/includes/report_body.html", context)

    until = next_midnight().timestamp() - timezone.now().timestamp()
    return mark_safe(kept_piece(key, draw, seconds=int(until)))  # noqa: S308 - our template's


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
