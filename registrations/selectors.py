"""Reads for the coordinators' pages."""

from arshjul.models import Coordinator
from meetings.models import Meeting

from .models import Participant
from .signin import coordinators_for_email


def coordinator_for_user(user, coordinator_id) -> Coordinator | None:
    """The appointment the signed-in user acts for, if it is still theirs."""
    if not user.is_authenticated or not coordinator_id:
        return None
    return coordinators_for_email(user.email).filter(pk=coordinator_id).first()


def meetings_for_coordinator(coordinator) -> list[Meeting]:
    """The meetings of the cycle whose participants coordinators register."""
    return list(
        Meeting.objects.published()
        .filter(cycle=coordinator.cycle_id, participation=Meeting.Participation.COORDINATORS)
        .select_related("cycle")
    )


def meeting_for_coordinator(coordinator, meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.published()
        .filter(
            pk=meeting_id,
            cycle=coordinator.cycle_id,
            participation=Meeting.Participation.COORDINATORS,
        )
        .select_related("cycle")
        .first()
    )


def participants_of(coordinator, meetings) -> dict[int, list[Participant]]:
    """The organisation's active participants per meeting, in one query."""
    result = {meeting.pk: [] for meeting in meetings}
    participants = (
        Participant.objects.active()
        .filter(meeting__in=meetings, organisation=coordinator.organisation_id)
        .select_related("workshop_group")
    )
    for participant in participants:
        result[participant.meeting_id].append(participant)
    return result


def participant_for_coordinator(coordinator, pk: int) -> Participant | None:
    """A participant of the coordinator's organisation in the coordinator's cycle: anyone
    else's is None (and the view answers 404)."""
    return (
        Participant.objects.active()
        .filter(
            pk=pk,
            organisation=coordinator.organisation_id,
            meeting__cycle=coordinator.cycle_id,
        )
        .select_related("meeting__cycle", "workshop_group")
        .first()
    )
