"""The published lägesbild on the web: the cycle's index of challenges, one page per
challenge, and its PDF. They read what was published (the snapshot), never the rows as they
are now, and name organisations but never their coordinators (personal data: staff's pages
only)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import kept_piece, kept_prefix, public_page

from . import compile, selectors
from .network import challenge_context

PICTURE_PAGES = ["arshjul.Cycle", "situation.Picture"]


def _published(year: int) -> tuple:
    found = selectors.published_picture(year=year)
    if found is None:
        raise Http404
    return found, compile.without_contacts(found.snapshot)


def _kept(found, what: str, draw) -> dict | None:
    """A published lägesbild's page drawn (its title and body), kept in the shared cache per
    version of the lägesbild and language: its snapshot, which is large, is read, decoded and
    drawn once per publishing rather than on every visit. None (not kept) where ``draw``
    finds nothing to show."""
    key = f"{kept_prefix('situation-page', PICTURE_PAGES)}:{found.pk}:{what}"

    def made():
        found.refresh_from_db(fields=["snapshot"])  # deferred until now
        return draw(compile.without_contacts(found.snapshot))

    kept = kept_piece(key, made)
    if kept is not None:
        kept = {**kept, "body": mark_safe(kept["body"])}  # noqa: S308 - our own templates'
    return kept


@require_safe
@public_page(depends_on=PICTURE_PAGES)
def picture_index(request, year: int):
    found = selectors.published_picture(year=year, with_snapshot=False)
    if found is None:
        raise Http404

    def draw(data: dict) -> dict:
        context = {"picture": found, "data": data}
        return {"body": render_to_string("situation/includes/index_body.html", context)}

    page = _kept(found, "index", draw)
    return render(request, "situation/index.html", {"picture": found, **page})


@require_safe
@public_page(depends_on=PICTURE_PAGES)
def picture_challenge(request, year: int, challenge_id: int):
    found = selectors.published_picture(year=year, with_snapshot=False)
    if found is None:
        raise Http404

    def draw(data: dict) -> dict | None:
        challenge = compile.challenge_of(data, challenge_id)
        if challenge is None:
            return None
        context = {"picture": found, **challenge_context(data, challenge, contacts=False)}
        return {
            "name": challenge["name"],
            "body": render_to_string("situation/includes/challenge_body.html", context),
        }

    page = _kept(found, f"challenge-{challenge_id}", draw)
    if page is None:
        raise Http404
    return render(request, "situation/challenge.html", {"picture": found, **page})


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
