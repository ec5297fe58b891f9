"""The meetings' dated steps on the wheel of the year: each published meeting, and its
registration deadline when it has one."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Meeting


def meeting_step(meeting: Meeting) -> Step:
    """The meeting itself on the wheel (and in calendars); a cancelled one says so."""
    title = meeting.title
    if meeting.is_cancelled:
        title = _("Cancelled: %(meeting)s") % {"meeting": meeting.title}
    return Step(
        cycle_id=meeting.cycle_id,
        date=meeting.date,
        title=title,
        kind=Step.Kind.MEETING,
        label=meeting.get_kind_display(),
        url=reverse("meeting", args=[meeting.cycle.year, meeting.slug]),
        uid=f"meeting-{meeting.uid}",
        sequence=meeting.sequence,
        starts_at=meeting.starts_at_datetime if meeting.starts_at else None,
        ends_at=meeting.ends_at_datetime,
        location=", ".join(p for p in [meeting.venue_name, meeting.venue_address] if p),
        description=meeting.summary,
    )


def meeting_steps(cycles):
    """One step per published meeting and one per deadline, for all cycles in one query."""
    meetings = Meeting.objects.filter(cycle__in=cycles, published=True).select_related("cycle")
    for meeting in meetings.order_by():
        step = meeting_step(meeting)
        url = step.url
        yield step
        if meeting.is_cancelled:
            continue
        if meeting.registration_closes_at and meeting.participation in {
            Meeting.Participation.COORDINATORS,
            Meeting.Participation.OPEN,
        }:
            yield Step(
                cycle_id=meeting.cycle_id,
                date=timezone.localdate(meeting.registration_closes_at),
                title=_("Last day to register for: %(meeting)s") % {"meeting": meeting.title},
                kind=Step.Kind.DEADLINE,
                label=_("Deadline"),
                url=url,
                uid=f"deadline-{meeting.uid}",
                sequence=meeting.sequence,
            )
