"""Reminders, sent by a sweep: each once per recipient however often the sweep runs (the
outbox's deduplication key is the guarantee).

- To coordinators whose organisation has no participants: 7 and 2 days before the deadline.
- To participants: 2 days before the meeting.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from arshjul import deadlines
from arshjul.lib.sweeps import sweep
from arshjul.models import Coordinator
from meetings.models import Meeting

from . import emails
from .models import Participant

COORDINATOR_DAYS = (7, 2)
PARTICIPANT_DAYS = 2


def _due_days(deadline: datetime.datetime, now: datetime.datetime, days: tuple[int, ...]):
    """Of the reminders "N days before", the one due now (the nearest passed mark), if any."""
    if now >= deadline:
        return None
    passed = [d for d in days if now >= deadline - datetime.timedelta(days=d)]
    return min(passed) if passed else None


@sweep("reminders")
def reminders_send_due() -> int:
    now = timezone.now()
    sent = 0
    meetings = Meeting.objects.published().filter(
        participation=Meeting.Participation.COORDINATORS,
        date__gte=timezone.localdate(),
    )
    for meeting in meetings.select_related("cycle"):
        shared = emails.MeetingMail(meeting)  # one context and calendar file per meeting
        if meeting.registration_closes_at:
            days = _due_days(meeting.registration_closes_at, now, COORDINATOR_DAYS)
            if days:
                sent += _remind_coordinators(meeting, days, shared)
        days = _due_days(meeting.starts_at_datetime, now, (PARTICIPANT_DAYS,))
        if days:
            for participant in Participant.objects.confirmed().filter(meeting=meeting):
                participant.meeting = meeting
                emails.reminder_participant(participant=participant, days=days, shared=shared)
                sent += 1
    return sent


def _without_participants(meeting: Meeting, **organisations):
    """The meeting's cycle's coordinators (of the organisations filtered) whose organisation
    has registered nobody for it."""
    has_participants = Participant.objects.active().filter(
        meeting=meeting, organisation=OuterRef("organisation")
    )
    return (
        Coordinator.objects.filter(cycle=meeting.cycle_id, **organisations)
        .exclude(Exists(has_participants))
        .select_related("organisation")
    )


def _remind_coordinators(meeting: Meeting, days: int, shared) -> int:
    coordinators = _without_participants(meeting, organisation__active=True)
    for coordinator in coordinators:
        emails.reminder_no_participants(
            meeting=meeting, coordinator=coordinator, days=days, shared=shared
        )
    return len(coordinators)


def coordinators_remind(*, meeting: Meeting, organisation_ids) -> int:
    """Remind, now, the coordinators of the given organisations that have registered nobody
    for the meeting (staff chose them on the dashboard). The reminder is the sweep's, keyed
    by the days left: an organisation reminded already with that figure is not reminded
    again. Returns how many organisations got a reminder now; none once sign-up has closed."""
    now = timezone.now()
    if not meeting.registration_closes_at or now >= meeting.registration_closes_at:
        return 0
    days = max(deadlines.days_left(meeting.registration_closes_at, now=now), 0)
    coordinators = _without_participants(meeting, organisation_id__in=organisation_ids)
    shared = emails.MeetingMail(meeting)
    reached = set()
    for coordinator in coordinators:
        mail = emails.reminder_no_participants(
            meeting=meeting, coordinator=coordinator, days=days, shared=shared
        )
        if mail.queued_now:  # not an earlier reminder found again
            reached.add(coordinator.organisation_id)
    return len(reached)
