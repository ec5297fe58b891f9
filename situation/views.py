"""The published lägesbild on the web: the cycle's index of challenges, one page per
challenge, and its PDF. They read what was published (the snapshot), never the rows as they
are now, and name organisations but never their coordinators (personal data: staff's pages
only)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import public_page

from . import compile, selectors
from .network import challenge_context

PICTURE_PAGES = ["arshjul.Cycle", "situation.Picture"]


def _published(year: int) -> tuple:
    found = selectors.published_picture(year=year)
    if found is None:
        raise Http404
    return found, compile.without_contacts(found.snapshot)


@require_safe
@public_page(depends_on=PICTURE_PAGES)
def picture_index(request, year: int):
    found, data = _published(year)
    return render(request, "situation/index.html", {"picture": found, "data": data})


@require_safe
@public_page(depends_on=PICTURE_PAGES)
def picture_challenge(request, year: int, challenge_id: int):
    found, data = _published(year)
    challenge = compile.challenge_of(data, challenge_id)
    if challenge is None:
        raise Http404
    context = {"picture": found, **challenge_context(data, challenge, contacts=False)}
    return render(request, "situation/challenge.html", context)


@never_cache
@require_safe
def picture_pdf(request, year: int):
    """The published lägesbild as PDF, once made (a page saying it is being made until)."""
    found, _data = _published(year)
    job = found.pdf
    if job is not None and job.state == job.State.DONE and job.file:
        name = f"lagesbild-{found.cycle.year}.pdf"
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)
    return render(request, "situation/pdf_pending.html", {"picture": found, "job": job})
