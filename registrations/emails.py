"""The e-mails of sign-ups, one function per kind, all through the outbox."""

import uuid

from arshjul.emails import absolute_url, make_message
from arshjul.models import Coordinator
from arshjul.outbox import Attachment, outbox_queue
from meetings.calendar import meeting_calendar
from meetings.selectors import materials_for_meeting


def _meeting_context(meeting) -> dict:
    materials = materials_for_meeting(meeting=meeting)
    return {
        "meeting": meeting,
        "meeting_url": absolute_url("meetings:detail", meeting.cycle.year, meeting.slug),
        "materials": [
            (m, m.url or absolute_url("meetings:material", m.pk, m.filename))
            for m in materials["preparation"] + materials["cycle"]
        ],
    }


def _coordinator_of(participant):
    return (
        Coordinator.objects.filter(
            cycle=participant.meeting.cycle_id, organisation=participant.organisation_id
        )
        .select_related("organisation")
        .first()
    )


def signin_link(*, user, url, coordinators):
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
    )


def _link_minutes() -> int:
    from django.conf import settings

    return settings.SESAME_MAX_AGE // 60


def participant_welcome(participant):
    """A confirmation with the meeting's calendar file, or the waiting-list notice."""
    meeting = participant.meeting
    waiting = participant.status == participant.Status.WAITING
    name = "participant_waiting" if waiting else "participant_confirmed"
    attachments = (
        []
        if waiting
        else [Attachment(f"{meeting.slug}.ics", meeting_calendar(meeting), "text/calendar")]
    )
    mail = make_message(
        name,
        {"participant": participant, **_meeting_context(meeting)},
        attachments=attachments,
    )
    return outbox_queue(
        kind=name,
        to=participant.email,
        mail=mail,
        dedup_key=f"participant:{participant.pk}:{name}:{participant.email}",
        about=participant,
    )


def participant_promoted(participant):
    """Told both to the participant (with the calendar file) and to their coordinator."""
    meeting = participant.meeting
    context = {"participant": participant, **_meeting_context(meeting)}
    mail = make_message(
        "participant_promoted",
        context,
        attachments=[Attachment(f"{meeting.slug}.ics", meeting_calendar(meeting), "text/calendar")],
    )
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


def participant_cancelled(participant, *, replaced_by=None):
    mail = make_message(
        "participant_cancelled",
        {"participant": participant, "replaced_by": replaced_by,
         **_meeting_context(participant.meeting)},
    )  # fmt: skip
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
            **_meeting_context(digest.meeting),
        },
    )
    return outbox_queue(
        kind="coordinator_digest",
        to=coordinator.email,
        mail=mail,
        dedup_key=f"digest:{digest.pk}",
        about=digest.meeting,
    )


def reminder_no_participants(*, meeting, coordinator, days: int):
    mail = make_message(
        "reminder_no_participants",
        {
            "coordinator": coordinator,
            "days": days,
            "signin_url": absolute_url("registrations:signin"),
            **_meeting_context(meeting),
        },
    )
    return outbox_queue(
        kind="reminder_no_participants",
        to=coordinator.email,
        mail=mail,
        dedup_key=f"reminder:{meeting.pk}:org-{coordinator.organisation_id}:{days}d",
        about=meeting,
    )


def reminder_participant(*, participant, days: int):
    mail = make_message(
        "reminder_participant",
        {"participant": participant, "days": days, **_meeting_context(participant.meeting)},
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
