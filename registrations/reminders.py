"""This app's reminders before a meeting, on the one schedule (:mod:`arshjul.reminders`, which
decides when, and sends each once per recipient and mark). Here is only whom to remind and
what to write:

- ``sign_up``: the coordinators of an organisation that has registered nobody for a meeting
  the coordinators register for, before sign-up closes (one reminder per organisation, to
  each of its coordinators);
- ``participant``: each confirmed participant of such a meeting, before it starts.

Invitees who have not answered are reminded by :mod:`registrations.invitations`.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arshjul import reminders
from arshjul.models import Coordinator
from meetings.models import Meeting

from . import emails
from .models import Participant


@dataclass(frozen=True)
class SignUp:
    meeting: Meeting
    coordinators: list[Coordinator]
    shared: emails.MeetingMail


def _coordinators_meetings(*, cycle_id=None):
    meetings = Meeting.objects.published().filter(
        participation=Meeting.Participation.COORDINATORS, cancelled_at__isnull=True
    )
    if cycle_id is not None:
        meetings = meetings.filter(cycle_id=cycle_id)
    return meetings.select_related("cycle")


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
        .order_by("organisation__name", "-is_lead", "name")
    )


def _sign_up_recipients(meeting: Meeting, **organisations):
    shared = emails.MeetingMail(meeting)  # worked out only if a reminder is written
    by_organisation: dict[int, list[Coordinator]] = {}
    for coordinator in _without_participants(meeting, **organisations):
        by_organisation.setdefault(coordinator.organisation_id, []).append(coordinator)
    for organisation_id, people in by_organisation.items():
        yield reminders.Recipient(
            subject=f"meeting-{meeting.pk}",
            key=f"organisation-{organisation_id}",
            deadline=meeting.registration_closes_at,
            cycle_id=meeting.cycle_id,
            label=meeting.title,
            about=SignUp(meeting, people, shared),
        )


def sign_up_pending(*, now, until=None, cycle_id=None):
    """Organisations (active, with a coordinator) that have registered nobody for a meeting
    whose sign-up is still open."""
    meetings = _coordinators_meetings(cycle_id=cycle_id).filter(registration_closes_at__gt=now)
    if until is not None:
        meetings = meetings.filter(registration_closes_at__lte=until)
    for meeting in meetings:
        yield from _sign_up_recipients(meeting, organisation__active=True)


def sign_up_send(recipient: reminders.Recipient, reminder: reminders.Reminder) -> None:
    sign_up: SignUp = recipient.about
    for coordinator in sign_up.coordinators:
        emails.reminder_no_participants(
            meeting=sign_up.meeting,
            coordinator=coordinator,
            reminder=reminder,
            shared=sign_up.shared,
        )


def coordinators_remind(*, meeting: Meeting, organisation_ids, by=None) -> int:
    """Remind, now, the coordinators of the given organisations that have registered nobody
    for the meeting (staff chose them on the dashboard), through the schedule's claim: an
    organisation reminded already today is not reminded again, and nobody after sign-up has
    closed. Returns how many organisations got a reminder now."""
    if not meeting.registration_closes_at:
        return 0
    recipients = _sign_up_recipients(meeting, organisation_id__in=organisation_ids)
    return len(reminders.remind_now("sign_up", recipients, by=by))


def participant_pending(*, now, until=None, cycle_id=None):
    """Confirmed participants of a meeting the coordinators register for, until it starts."""
    meetings = _coordinators_meetings(cycle_id=cycle_id).filter(date__gte=timezone.localdate(now))
    if until is not None:
        meetings = meetings.filter(date__lte=timezone.localdate(until))
    for meeting in meetings:
        if meeting.starts_at_datetime <= now:
            continue
        shared = emails.MeetingMail(meeting)
        for participant in Participant.objects.confirmed().filter(meeting=meeting):
            participant.meeting = meeting
            yield reminders.Recipient(
                subject=f"meeting-{meeting.pk}",
                key=f"participant-{participant.pk}",
                deadline=meeting.starts_at_datetime,
                cycle_id=meeting.cycle_id,
                label=meeting.title,
                about=(participant, shared),
            )


def participant_send(recipient: reminders.Recipient, reminder: reminders.Reminder) -> None:
    participant, shared = recipient.about
    emails.reminder_participant(participant=participant, reminder=reminder, shared=shared)


SIGN_UP = reminders.Kind(
    name="sign_up",
    label=_("Sign-up: coordinators whose organisation has registered nobody"),
    pending=sign_up_pending,
    send=sign_up_send,
    counted=lambda n: (
        ngettext("%(count)d organisation", "%(count)d organisations", n) % {"count": n}
    ),
)
PARTICIPANT = reminders.Kind(
    name="participant",
    label=_("Participants, before their meeting"),
    pending=participant_pending,
    send=participant_send,
    counted=lambda n: ngettext("%(count)d participant", "%(count)d participants", n) % {"count": n},
)
