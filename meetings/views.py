from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arshjul import selectors as cycle_selectors
from arshjul import wheel
from arshjul.lib import ics

from . import selectors
from .files import content_type_for
from .registration import registration_window


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


@require_GET
def meeting_list(request, year: int):
    cycle = _get_published_cycle(year)
    meetings = [(m, registration_window(m)) for m in selectors.meeting_list_published(cycle=cycle)]
    return render(request, "meetings/meeting_list.html", {"cycle": cycle, "meetings": meetings})


@require_GET
def meeting_detail(request, year: int, slug: str):
    meeting = _get_published_meeting(year, slug)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "cycle": meeting.cycle,
            "window": registration_window(meeting),
            "materials": selectors.materials_for_meeting(meeting=meeting),
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, year: int, slug: str):
    meeting = _get_published_meeting(year, slug)
    steps = [s for s in wheel.steps_for(meeting.cycle) if s.uid == f"meeting-{meeting.uid}"]
    return _ics_response(ics.calendar_of(steps, name=meeting.title), f"{meeting.slug}.ics")


@require_GET
def cycle_ics(request, year: int):
    cycle = _get_published_cycle(year)
    return _ics_response(
        ics.calendar_of(wheel.steps_for(cycle), name=cycle.name), f"arshjul-{cycle.year}.ics"
    )


@require_GET
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
