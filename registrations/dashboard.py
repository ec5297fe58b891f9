"""This app's columns on the cycle dashboard (:mod:`arshjul.dashboard`): sign-ups per
meeting the coordinators register for, and the answers to each invitation-only meeting.
Two queries per kind of column, whatever the number of organisations."""

from collections import Counter
from functools import partial

from django.db.models import Count
from django.utils.translation import gettext as _

from arshjul.dashboard import Cell, Column
from meetings.models import Meeting

from .invitations import invitations_remind
from .models import Invitation, Participant
from .reminders import coordinators_remind

Status = Participant.Status


def _meetings(cycle, participation):
    return list(
        Meeting.objects.filter(
            cycle=cycle, participation=participation, cancelled_at__isnull=True
        ).order_by("date", "starts_at")
    )


def participant_columns(cycle, organisations) -> list[Column]:
    """Per meeting the coordinators register for: confirmed / waiting per organisation."""
    meetings = _meetings(cycle, Meeting.Participation.COORDINATORS)
    counts = Counter()
    for row in (
        Participant.objects.active()
        .filter(meeting__in=meetings, organisation__isnull=False)
        .values("meeting_id", "organisation_id", "status")
        .annotate(n=Count("pk"))
    ):
        counts[row["meeting_id"], row["organisation_id"], row["status"]] = row["n"]
    columns = []
    for meeting in meetings:
        cells, pending = {}, set()
        confirmed_total = waiting_total = 0
        for organisation in organisations:
            confirmed = counts[meeting.pk, organisation.pk, Status.CONFIRMED]
            waiting = counts[meeting.pk, organisation.pk, Status.WAITING]
            confirmed_total += confirmed
            waiting_total += waiting
            if not confirmed + waiting:
                pending.add(organisation.pk)
            cells[organisation.pk] = Cell(
                f"{confirmed} / {waiting}", done=bool(confirmed + waiting)
            )
        columns.append(
            Column(
                key=f"participants-{meeting.pk}",
                label=_("%(meeting)s: confirmed / waiting") % {"meeting": meeting.title},
                cells=cells,
                total=f"{confirmed_total} / {waiting_total}",
                not_yet=_("No participants yet for %(meeting)s") % {"meeting": meeting.title},
                pending=pending,
                remind=partial(_remind_participants, meeting),
                reminder_kind="sign_up",
            )
        )
    return columns


def _remind_participants(meeting, organisations, by=None) -> int:
    ids = [o.pk for o in organisations]
    return coordinators_remind(meeting=meeting, organisation_ids=ids, by=by)


def _remind_invitees(meeting, organisations, by=None) -> int:
    ids = [o.pk for o in organisations]
    return invitations_remind(meeting=meeting, organisation_ids=ids, by=by)


def invitation_columns(cycle, organisations) -> list[Column]:
    """Per invitation-only meeting: yes / no / not answered, per organisation invited."""
    meetings = _meetings(cycle, Meeting.Participation.INVITATION)
    counts = Counter()
    for row in (
        Invitation.objects.filter(meeting__in=meetings, organisation__isnull=False)
        .values("meeting_id", "organisation_id", "answer")
        .annotate(n=Count("pk"))
    ):
        counts[row["meeting_id"], row["organisation_id"], row["answer"]] = row["n"]
    Answer = Invitation.Answer
    columns = []
    for meeting in meetings:
        cells, pending = {}, set()
        totals = Counter()
        for organisation in organisations:
            figures = {a: counts[meeting.pk, organisation.pk, a] for a in Answer.values}
            if not sum(figures.values()):
                continue  # not invited: "–"
            totals.update(figures)
            if figures[Answer.NONE]:
                pending.add(organisation.pk)
            cells[organisation.pk] = Cell(_answers(figures), done=not figures[Answer.NONE])
        columns.append(
            Column(
                key=f"invitations-{meeting.pk}",
                label=_("%(meeting)s: invitations answered") % {"meeting": meeting.title},
                cells=cells,
                total=_answers(totals),
                not_yet=_("Invitees who have not answered for %(meeting)s")
                % {"meeting": meeting.title},
                pending=pending,
                remind=partial(_remind_invitees, meeting),
                reminder_kind="invitation",
            )
        )
    return columns


def _answers(figures) -> str:
    Answer = Invitation.Answer
    return _("%(yes)d yes, %(no)d no, %(none)d not answered") % {
        "yes": figures[Answer.ACCEPTED],
        "no": figures[Answer.DECLINED],
        "none": figures[Answer.NONE],
    }
