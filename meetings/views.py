from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import public_page

from . import selectors
from .calendar import meeting_calendar
from .files import content_type_for

# What a meeting's calendar file shows: the meeting, in its cycle.
MEETING_PAGES = ["meetings.Meeting", "arshjul.Cycle"]


def _get_published_meeting(year: int, slug: str):
    meeting = selectors.meeting_get_published(year=year, slug=slug)
    if meeting is None:
        raise Http404
    return meeting


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
