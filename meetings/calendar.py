"""A meeting's calendar file, for its page and for the confirmation e-mails."""

from arshjul import wheel
from arshjul.lib import ics

from .models import Meeting


def meeting_calendar(meeting: Meeting) -> bytes:
    steps = [s for s in wheel.steps_for(meeting.cycle) if s.uid == f"meeting-{meeting.uid}"]
    return ics.calendar_of(steps, name=meeting.title)
