"""Reads for the coordinators' pages and the sign-ups' staff views."""

from django.db.models import Count, Q

from arshjul.models import Challenge, Coordinator
from meetings.models import Meeting

from .models import Invitation, Participant
from .signin import coordinators_for_email


def coordinator_for_user(user, coordinator_id) -> Coordinator | None:
    """The appointment the signed-in user acts for, if it is still theirs. The user's other
    appointments come with it (``coordinator.appointments``), read in the same query."""
    if not user.is_authenticated or not coordinator_id:
        return None
    appointments = list(coordinators_for_email(user.email))
    coordinator = next((c for c in appointments if c.pk == coordinator_id), None)
    if coordinator is not None:
        coordinator.appointments = appointments
    return coordinator


def _memo(coordinator, name: str, compute):
    """Read once per request: the organisation page and its task list ask for the same."""
    if name not in coordinator.__dict__:
        coordinator.__dict__[name] = compute()
    return coordinator.__dict__[name]


def meetings_for_coordinator(coordinator) -> list[Meeting]:
    """The meetings of the cycle whose participants coordinators register."""
    return _memo(
        coordinator,
        "_meetings",
        lambda: list(
            Meeting.objects.published()
            .filter(cycle=coordinator.cycle_id, participation=Meeting.Participation.COORDINATORS)
            .select_related("cycle")
        ),
    )


def workshop_groups(meeting) -> list:
    """The focus challenges of the meeting's cycle, in the cycle's order: its groups."""
    return list(
        Challenge.objects.filter(cycle_challenges__cycle=meeting.cycle_id).order_by(
            "cycle_challenges__position"
        )
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
    key = "_participants:" + ",".join(str(m.pk) for m in meetings)
    return _memo(coordinator, key, lambda: _participants_of(coordinator, meetings))


def _participants_of(coordinator, meetings) -> dict[int, list[Participant]]:
    result = {meeting.pk: [] for meeting in meetings}
    participants = (
        Participant.objects.active()
        .filter(meeting__in=meetings, organisation=coordinator.organisation_id)
        .select_related("workshop_group")
    )
    by_pk = {meeting.pk: meeting for meeting in meetings}
    for participant in participants:
        participant.meeting = by_pk[participant.meeting_id]  # read already: no query a row
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


def invitation_answers(meeting) -> list[dict]:
    """Per organisation (or organisation as written): invited, coming, not coming and no
    answer, in one query."""
    answer = Invitation.Answer
    rows = (
        Invitation.objects.filter(meeting=meeting)
        .values("organisation__name", "organisation_name")
        .annotate(
            invited=Count("pk"),
            coming=Count("pk", filter=Q(answer=answer.ACCEPTED)),
            not_coming=Count("pk", filter=Q(answer=answer.DECLINED)),
            no_answer=Count("pk", filter=Q(answer=answer.NONE)),
        )
        .order_by("organisation__name", "organisation_name")
    )
    return [
        {**row, "organisation": row["organisation__name"] or row["organisation_name"] or "–"}
        for row in rows
    ]
