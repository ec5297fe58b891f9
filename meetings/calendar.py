"""A meeting's calendar file, for its page and for the confirmation e-mails."""

from arshjul.lib import ics

from .models import Meeting
from .wheel import meeting_step, meeting_steps


def meeting_calendar(meeting: Meeting, *, cancel: bool = False) -> bytes:
    """The meeting's calendar file; with ``cancel``, the cancellation of it (for someone
    who no longer takes part, or a meeting that is called off)."""
    steps = [s for s in meeting_steps([meeting.cycle]) if s.uid == f"meeting-{meeting.uid}"]
    if cancel and not steps:  # a cancelled meeting is no longer on the wheel
        steps = [meeting_step(meeting)]
    return ics.calendar_of(steps, name=meeting.title, cancel=cancel)
