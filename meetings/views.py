from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from arshjul import selectors as cycle_selectors
from arshjul.lib.page_cache import public_page, valid_until

from . import selectors
from .calendar import meeting_calendar
from .files import content_type_for
from .page_parts import detail_parts, parts_for_meeting
from .window import occupancy, registration_window, registration_windows

# What the meeting pages show: the meetings, their material, their cycle and its challenges.
MEETING_PAGES = [
    "meetings.Meeting",
    "meetings.Material",
    "arshjul.Cycle",
    "arshjul.CycleChallenge",
    "arshjul.Challenge",
    "arshjul.Strategy",
]


def _meeting_pages():
    """And the places taken, and what other apps show on them."""
    return [*MEETING_PAGES, *occupancy.dependencies(), *detail_parts.dependencies()]


def _get_published_cycle(year: int):
    cycle = cycle_selectors.cycle_get_published(year=year)
    if cycle is None:
        raise Http404
    return cycle


def _get_published_meeting(year: int, slug: str):
    meeting = selectors.meeting_get_published(year=year, slug=slug)
    if meeting is None:
        raise Http404
    return meeting


@require_safe
@public_page(depends_on=_meeting_pages)
def meeting_list(request, year: int):
    cycle = _get_published_cycle(year)
    published = selectors.meeting_list_published(cycle=cycle)
    meetings = list(zip(published, registration_windows(published), strict=True))
    response = render(request, "meetings/meeting_list.html", {"cycle": cycle, "meetings": meetings})
    for _meeting, window in meetings:
        valid_until(response, window.next_change)
    return response


@require_safe
@public_page(depends_on=_meeting_pages)
def meeting_detail(request, year: int, slug: str):
    meeting = _get_published_meeting(year, slug)
    window = registration_window(meeting)
    response = render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "cycle": meeting.cycle,
            "window": window,
            "materials": selectors.materials_for_meeting(meeting=meeting),
            "parts": parts_for_meeting(meeting, window),
        },
    )
    valid_until(response, selectors.next_material_publication(cycle=meeting.cycle))
    return valid_until(response, window.next_change)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@public_page(depends_on=MEETING_PAGES)
def meeting_ics(request, year: int, slug: str):
    meeting = _get_published_meeting(year, slug)
    return _ics_response(meeting_calendar(meeting), f"{meeting.slug}.ics")


@require_safe
def material_download(request, pk: int, filename: str):
    material = selectors.material_get_published(pk=pk)
    if material is None or not material.file or material.filename != filename:
        raise Http404(_("No such material."))
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.filename,
        content_type=content_type_for(material.filename),
    )
