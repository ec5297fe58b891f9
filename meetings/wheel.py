"""The meetings' dated steps on the wheel of the year: each meeting and its sign-up deadline."""

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Meeting


def meeting_steps(cycles):
    """One step per meeting and one per registration deadline, for all cycles in one query."""
    for meeting in Meeting.objects.filter(cycle__in=cycles).order_by():
        yield Step(
            cycle_id=meeting.cycle_id,
            date=meeting.date,
            title=meeting.title,
            kind=Step.Kind.MEETING,
            label=meeting.get_kind_display(),
        )
        if meeting.registration_closes_at:
            yield Step(
                cycle_id=meeting.cycle_id,
                date=timezone.localdate(meeting.registration_closes_at),
                title=_("Last day to register for: %(meeting)s") % {"meeting": meeting.title},
                kind=Step.Kind.DEADLINE,
                label=_("Deadline"),
            )
