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
            "meeting_url": absolute_url("meetings:detail", meeting.cycle.year, meeting.slug),
            "materials": [
                (m, absolute_url(m.link)) for m in materials["preparation"] + materials["cycle"]
            ],
        }

    @cached_property
    def calendar(self) -> Attachment:
        return Attachment(
            f"{self.meeting.slug}.ics", meeting_calendar(self.meeting), "text/calendar"
        )


def _shared(meeting, shared: MeetingMail | None) -> MeetingMail:
    return shared if shared is not None else MeetingMail(meeting)


def _coordinator_of(participant):
    return (
        Coordinator.objects.filter(
            cycle=participant.meeting.cycle_id, organisation=participant.organisation_id
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
    mail = make_message(
        name,
        {"participant": participant, **shared.context},
        attachments=[] if waiting else [shared.calendar],
    )
    return outbox_queue(
        kind=name,
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:{name}:{participant.email}",
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


def participant_cancelled(participant, *, replaced_by=None, shared: MeetingMail | None = None):
    mail = make_message(
        "participant_cancelled",
        {
            "participant": participant,
            "replaced_by": replaced_by,
            **_shared(participant.meeting, shared).context,
        },
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
            "organisation_url": absolute_url("registrations:organisation"),
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


def reminder_no_participants(*, meeting, coordinator, days: int, shared=None):
    mail = make_message(
        "reminder_no_participants",
        {
            "coordinator": coordinator,
            "days": days,
            "signin_url": absolute_url("registrations:signin"),
            **_shared(meeting, shared).context,
        },
    )
    return outbox_queue(
        kind="reminder_no_participants",
        to=coordinator.email,
        mail=mail,
        dedup_key=f"reminder:{meeting.pk}:org-{coordinator.organisation_id}:{days}d",
        about=meeting,
    )


def reminder_participant(*, participant, days: int, shared=None):
    context = _shared(participant.meeting, shared).context
    mail = make_message(
        "reminder_participant", {"participant": participant, "days": days, **context}
    )
    return outbox_queue(
        kind="reminder_participant",
        to=participant.email,
        mail=mail,
        dedup_key=f"reminder:{participant.meeting_id}:participant-{participant.pk}:{days}d",
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
