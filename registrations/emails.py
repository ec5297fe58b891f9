"""The e-mails of sign-ups, one function per kind, all through the outbox."""

import uuid
from functools import cached_property

from arshjul.lib.emails import absolute_url, make_message
from arshjul.lib.outbox import Attachment, outbox_queue
from arshjul.models import Coordinator
from meetings.calendar import meeting_calendar
from meetings.selectors import materials_for_meeting


class MeetingMail:
    """What every e-mail about one meeting shares — its links, its material, its calendar
    file — worked out once, however many e-mails one change sends. Pass one to the functions
    below when sending several; each makes its own otherwise."""

    def __init__(self, meeting):
        self.meeting = meeting

    @cached_property
    def context(self) -> dict:
        meeting = self.meeting
        materials = materials_for_meeting(meeting=meeting)
        return {
            "meeting": meeting,
            "meeting_url": absolute_url("meeting", meeting.cycle.year, meeting.slug),
            "materials": [
                (m, absolute_url(m.link)) for m in materials["preparation"] + materials["cycle"]
            ],
        }

    @cached_property
    def calendar(self) -> Attachment:
        return Attachment(
            f"{self.meeting.slug}.ics", meeting_calendar(self.meeting), "text/calendar"
        )

    @cached_property
    def cancellation(self) -> Attachment:
        """The calendar cancellation (METHOD:CANCEL, the same UID): out of the calendar."""
        content = meeting_calendar(self.meeting, cancel=True)
        return Attachment(f"{self.meeting.slug}.ics", content, "text/calendar; method=CANCEL")


def _shared(meeting, shared: MeetingMail | None) -> MeetingMail:
    return shared if shared is not None else MeetingMail(meeting)


def _coordinator_of(participant):
    if participant.organisation_id is None or participant.channel != "coordinators":
        return None
    return (
        Coordinator.objects.filter(
            cycle=participant.meeting.cycle_id,
            organisation=participant.organisation_id,
            is_lead=True,
        )
        .select_related("organisation")
        .first()
    )


def signin_link(*, user, url, coordinators, expires_at):
    mail = make_message(
        "signin_link",
        {"url": url, "coordinators": coordinators, "minutes": _link_minutes()},
    )
    return outbox_queue(
        kind="signin_link",
        to=user.email,
        mail=mail,
        dedup_key=f"signin:{user.pk}:{uuid.uuid4()}",  # every request is a new link
        about=user,
        expires_at=expires_at,
    )


def _link_minutes() -> int:
    from django.conf import settings

    return settings.SESAME_MAX_AGE // 60


def participant_welcome(participant, shared: MeetingMail | None = None):
    """A confirmation with the meeting's calendar file, or the waiting-list notice."""
    shared = _shared(participant.meeting, shared)
    waiting = participant.status == participant.Status.WAITING
    name = "participant_waiting" if waiting else "participant_confirmed"
    personal_url = getattr(participant, "personal_url", "")  # for who signed up themselves
    mail = make_message(
        name,
        {"participant": participant, "personal_url": personal_url, **shared.context},
        attachments=[] if waiting else [shared.calendar],
    )
    return outbox_queue(
        kind=name,
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:{name}:{participant.email}",
        about=participant,
    )


def registration_link_again(participant, *, personal_url: str):
    """To someone who signed up again with the same address: you are registered already,
    here is your link (a new one)."""
    shared = MeetingMail(participant.meeting)
    mail = make_message(
        "registration_link_again",
        {"participant": participant, "personal_url": personal_url, **shared.context},
    )
    return outbox_queue(
        kind="registration_link_again",
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:link:{uuid.uuid4()}",  # each time it is asked
        about=participant,
    )


def invitation(invitation, *, url: str, reminder=None, shared=None, sending: str = ""):
    """The invitation, with its personal link (each sending is a new e-mail, once per
    ``sending``: the key of the staff's confirmation); or, with a
    :class:`arshjul.reminders.Reminder`, the reminder to answer it."""
    name = "invitation_reminder" if reminder else "invitation"
    context = {
        "invitation": invitation,
        "url": url,
        "days": reminder.days_left if reminder else None,
        **_shared(invitation.meeting, shared).context,
    }
    return outbox_queue(
        kind=name,
        to=invitation.email,
        mail=make_message(name, context),
        dedup_key=reminder.outbox_key("invitation", invitation.pk)
        if reminder
        else f"invitation:{invitation.pk}:{sending or uuid.uuid4()}",
        about=invitation,
    )


def meeting_changed(participant, *, shared: MeetingMail):
    """The meeting's time or place changed: the new calendar file (a higher SEQUENCE, the
    same UID), which updates the event in the participant's calendar."""
    return outbox_queue(
        kind="meeting_changed",
        to=participant.email,
        mail=make_message(
            "meeting_changed",
            {"participant": participant, **shared.context},
            attachments=[shared.calendar],
        ),
        dedup_key=f"meeting:{participant.meeting_id}:changed:{participant.meeting.sequence}:"
        f"{participant.pk}",
        about=participant,
    )


def meeting_cancelled(participant, *, shared: MeetingMail):
    """The meeting is called off: the calendar cancellation takes it out of calendars."""
    return outbox_queue(
        kind="meeting_cancelled",
        to=participant.email,
        mail=make_message(
            "meeting_cancelled",
            {"participant": participant, **shared.context},
            attachments=[shared.cancellation],
        ),
        dedup_key=f"meeting:{participant.meeting_id}:cancelled:{participant.pk}",
        about=participant,
    )


def participant_promoted(participant, shared: MeetingMail | None = None):
    """Told both to the participant (with the calendar file) and to their coordinator."""
    shared = _shared(participant.meeting, shared)
    context = {"participant": participant, **shared.context}
    mail = make_message("participant_promoted", context, attachments=[shared.calendar])
    outbox_queue(
        kind="participant_promoted",
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:promoted",
        about=participant,
    )
    coordinator = _coordinator_of(participant)
    if coordinator:
        outbox_queue(
            kind="coordinator_promoted",
            to=coordinator.email,
            mail=make_message("coordinator_promoted", {**context, "coordinator": coordinator}),
            dedup_key=f"participant:{participant.pk}:promoted:coordinator",
            about=participant,
        )


def participant_cancelled(
    participant, *, replaced_by=None, had_place: bool = True, shared: MeetingMail | None = None
):
    """Told to who is no longer registered, with the calendar cancellation if they had a
    place (the event is in their calendar; someone on the waiting list never had it)."""
    shared = _shared(participant.meeting, shared)
    mail = make_message(
        "participant_cancelled",
        {
            "participant": participant,
            "replaced_by": replaced_by,
            "had_place": had_place,
            **shared.context,
        },
        attachments=[shared.cancellation] if had_place else [],
    )
    return outbox_queue(
        kind="participant_cancelled",
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:cancelled",
        about=participant,
    )


def coordinator_digest(*, digest, coordinator, participants):
    mail = make_message(
        "coordinator_digest",
        {
            "coordinator": coordinator,
            "participants": participants,
            "organisation_url": absolute_url("organisation"),
            **MeetingMail(digest.meeting).context,
        },
    )
    return outbox_queue(
        kind="coordinator_digest",
        to=coordinator.email,
        mail=mail,
        dedup_key=f"digest:{digest.pk}",
        about=digest.meeting,
    )


def reminder_no_participants(*, meeting, coordinator, reminder, shared=None):
    """To a coordinator whose organisation has registered nobody: the days left to do it
    (a :class:`arshjul.reminders.Reminder`)."""
    mail = make_message(
        "reminder_no_participants",
        {
            "coordinator": coordinator,
            "organisation": coordinator.organisation,
            "days": reminder.days_left,
            "signin_url": absolute_url("registrations:signin"),
            **_shared(meeting, shared).context,
        },
    )
    return outbox_queue(
        kind="reminder_no_participants",
        to=coordinator.email,
        mail=mail,
        dedup_key=reminder.outbox_key("coordinator", coordinator.pk),
        about=meeting,
    )


def reminder_participant(*, participant, reminder, shared=None):
    """To a participant, the days before their meeting."""
    context = _shared(participant.meeting, shared).context
    mail = make_message(
        "reminder_participant",
        {"participant": participant, "days": reminder.days_left, **context},
    )
    return outbox_queue(
        kind="reminder_participant",
        to=participant.email,
        mail=mail,
        dedup_key=reminder.outbox_key("participant", participant.pk),
        about=participant,
    )


def join_decided(*, join_request):
    name = (
        "join_approved" if join_request.status == join_request.Status.APPROVED else "join_declined"
    )
    mail = make_message(
        name,
        {"join_request": join_request, "signin_url": absolute_url("registrations:signin")},
    )
    return outbox_queue(
        kind=name,
        to=join_request.coordinator_email,
        mail=mail,
        dedup_key=f"join:{join_request.pk}:{join_request.status}",
        about=join_request,
    )
