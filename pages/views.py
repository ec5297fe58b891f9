"""The pages that gather several apps: the home page and a cycle's page (the wheel, the
timeline and each app's part), the wheel shown elsewhere (framed, as an image, as a poster),
the cycle's calendar feed, and a coordinator's page. What each shows is said in its module
(:mod:`pages.wheel`, :mod:`pages.cycle`, :mod:`pages.organisation`); the views put it on the
page."""

import functools

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from arshjul import identity, selectors
from arshjul.lib import ics
from arshjul.lib.page_cache import private_page, public_page, valid_until
from meetings import selectors as meeting_selectors
from registrations.views import acting_for, coordinator_required, organisation_page
from registrations.window import registration_window, registration_windows

from . import cycle, meeting, organisation, posters, wheel


def _cycle_context(published: wheel.PublishedCycles, shown, *, is_home: bool) -> dict:
    today = timezone.localdate()
    steps = published.steps[shown.pk]
    is_past = selectors.cycle_is_past(shown, steps, today=today)
    leadership = selectors.leadership_by_category()
    return {
        "cycle": shown,
        "steps": steps,
        "drawing": wheel.drawing(steps, today=None if is_past else today),
        "is_past": is_past,
        "parts": cycle.parts(shown, is_home=is_home),
        "is_home": is_home,
        "leadership": leadership,
        "leadership_total": sum(group.count for group in leadership),
        "other_cycles": [c for c in published.cycles if c.pk != shown.pk],
    }


def _cycle_page(request, context):
    response = render(request, "arshjul/cycle.html", context)
    for part in context["parts"]:
        valid_until(response, part.valid_until)
    return response


@require_safe
@public_page(depends_on=cycle.DEPENDS_ON)
def home(request):
    published = wheel.cycles_published_with_steps()
    shown = published.current(today=timezone.localdate())
    if shown is None:
        return render(request, "arshjul/no_cycle.html")
    return _cycle_page(request, _cycle_context(published, shown, is_home=True))


@require_safe
@public_page(depends_on=cycle.DEPENDS_ON)
def cycle_detail(request, year: int):
    published = wheel.cycles_published_with_steps()
    shown = published.by_year(year)
    if shown is None:
        raise Http404
    return _cycle_page(request, _cycle_context(published, shown, is_home=False))


# --- The wheel beyond the cycle page: embedded elsewhere, as an image, as a poster ----------


def _published_cycle_or_404(year: int):
    published = wheel.cycles_published_with_steps()
    shown = published.by_year(year)
    if shown is None:
        raise Http404
    return published, shown


def _cycle_links(year: int):
    return lambda number, step: reverse("cycle-detail", args=[year]) + f"#step-{number}"


def embeddable(view):
    """Let the sites staff list (Identity.embed_origins) show the page in a frame, and no
    other: the CSP's frame-ancestors names them. Outside the page cache, so that a page
    served from it gets the header too (and a new list applies at once)."""

    @functools.wraps(view)
    def framed(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = identity.identity_current().origins
        response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
        response.xframe_options_exempt = True
        return response

    return framed


@require_safe
@embeddable
@public_page(depends_on=wheel.DEPENDS_ON)
def wheel_embed(request, year: int):
    """The wheel and its timeline alone, for another site's frame: each step opens on our
    site in a new tab."""
    published, shown = _published_cycle_or_404(year)
    today = timezone.localdate()
    steps = published.steps[shown.pk]
    is_past = selectors.cycle_is_past(shown, steps, today=today)
    context = {
        "cycle": shown,
        "steps": steps,
        "drawing": wheel.drawing(
            steps, today=None if is_past else today, link_for=_cycle_links(shown.year)
        ),
        "link_target": "_blank",
    }
    return render(request, "arshjul/wheel_embed.html", context)


@require_safe
@public_page(depends_on=wheel.DEPENDS_ON)
def wheel_svg(request, year: int):
    """The wheel as an SVG file: colours as attributes, links to our pages in full."""
    published, shown = _published_cycle_or_404(year)
    drawing = wheel.drawing(
        published.steps[shown.pk],
        link_for=_cycle_links(shown.year),
        base=settings.SITE_URL.rstrip("/"),
    )
    svg = render_to_string(
        "arshjul/includes/wheel.html", {"cycle": shown, "drawing": drawing}, request=None
    )
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg.strip(), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="arshjul-{shown.year}.svg"'
    return response


@require_safe
def wheel_poster(request, year: int):
    """The A3 poster: made once per version of the cycle's steps (a PDF job), then served
    from it; while it is being made, a page that says so and offers to look again."""
    published, shown = _published_cycle_or_404(year)
    job = posters.poster_for(shown, published.steps[shown.pk])
    if job.state == job.State.DONE and job.file:
        return FileResponse(
            job.file.open("rb"),
            filename=f"arshjul-{shown.year}-affisch.pdf",
            content_type="application/pdf",
        )
    response = render(request, "arshjul/poster_wait.html", {"cycle": shown, "job": job}, status=202)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@public_page(depends_on=wheel.DEPENDS_ON)
def cycle_ics(request, year: int):
    """The cycle's calendar feed: every step on its wheel, periods as all-day spans."""
    _published, shown = _published_cycle_or_404(year)
    response = HttpResponse(
        ics.calendar_of(wheel.steps_for(shown), name=shown.name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="arshjul-{shown.year}.ics"'
    return response


# --- A cycle's meetings, and a meeting's page -----------------------------------------------------


@require_safe
@public_page(depends_on=meeting.DEPENDS_ON)
def meeting_list(request, year: int):
    """A cycle's meetings, each with where its registration stands."""
    shown = selectors.cycle_get_published(year=year)
    if shown is None:
        raise Http404
    published = meeting_selectors.meeting_list_published(cycle=shown)
    meetings = list(zip(published, registration_windows(published), strict=True))
    response = render(request, "meetings/meeting_list.html", {"cycle": shown, "meetings": meetings})
    for _meeting, window in meetings:
        valid_until(response, window.next_change)
    return response


@require_safe
@public_page(depends_on=meeting.DEPENDS_ON)
def meeting_detail(request, year: int, slug: str):
    """A meeting's page: what, when, where, where its registration stands, its material and
    what other apps add (pages.meeting.PARTS)."""
    found = meeting_selectors.meeting_get_published(year=year, slug=slug)
    if found is None:
        raise Http404
    window = registration_window(found)
    context = {"meeting": found, "cycle": found.cycle, "window": window}
    context.update(
        materials=meeting_selectors.materials_for_meeting(meeting=found),
        parts=meeting.parts(found, window),
    )
    response = render(request, "meetings/meeting_detail.html", context)
    valid_until(response, meeting_selectors.next_material_publication(cycle=found.cycle))
    return valid_until(response, window.next_change)


# --- A coordinator's page -----------------------------------------------------------------------


@private_page(depends_on=organisation.DEPENDS_ON, vary_on=acting_for)
@coordinator_required
def organisation_view(request, coordinator):
    """ "Min organisation": the organisation's tasks (each app's), then the sign-ups' page."""
    return organisation_page(
        request,
        coordinator,
        tasks=organisation.tasks(coordinator),
        ticked_elsewhere=organisation.ticked(coordinator),
    )
