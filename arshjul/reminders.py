"""One reminder schedule for every app.

An app registers each *kind* of reminder it sends (:class:`Kind`, in its ``AppConfig.ready()``):
who has not yet done what a deadline asks (``pending``) and what to write them (``send``,
through the outbox). This module alone decides *when*, the same way for every kind:

- **On its day, at office hours.** A *mark* is a number of Swedish calendar days before the
  deadline (``settings.REMINDER_MARKS``, per kind): 7 before 19 December is 12 December, whatever
  the deadline's hour. The reminder goes from ``settings.REMINDER_HOUR`` (08:00) that day, and
  never between 20:00 and 07:00.
- **Once per recipient and mark**, however often the sweep runs: a :class:`ReminderSent` row is
  claimed (its unique constraint) before the e-mail is queued, in the same transaction. A mark
  counts as reminded when a reminder went for it or for a nearer one.
- **Only true words.** A mark missed — the system was down, or staff paused the kind — goes late
  saying the real days left, or not at all once a nearer mark has passed; nothing goes after
  the deadline. A moved deadline (a group's more time) has marks of its own.
- **Paused per cycle and kind** by staff (:class:`ReminderPause`): nothing of that kind goes,
  from the schedule or from staff's button, until it is resumed.

Staff's "remind those shown now" on the cycle's overview goes through the same claim
(:func:`remind_now`), marked by the days left that day. Staff see what is coming, per kind,
with :func:`upcoming`.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import checks
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import deadlines
from .lib.registry import Registry
from .lib.sweeps import sweep
from .models import Cycle, ReminderPause, ReminderSent

logger = logging.getLogger(__name__)

# No reminder from this hour until REMINDER_HOUR the next morning (07:00 at the earliest).
QUIET_FROM = 20


@dataclass(frozen=True)
class Recipient:
    """Who is to be reminded of one deadline: an organisation, a group, a person."""

    subject: str  # what the deadline is for, unique in its kind: "meeting-12", "survey-3"
    key: str  # who, unique about that subject: "organisation-5", "response-8"
    deadline: datetime.datetime  # this recipient's own (a group may have more time)
    cycle_id: int
    label: str  # the subject in staff's words: "Arbetsmöte"
    # What the kind needs to write the e-mail (its own objects); the schedule never reads it.
    about: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Reminder:
    """What a kind's ``send`` is told: the days left now (what the e-mail says; 0: the last
    day), the mark it is for, and its claim (part of every outbox key it queues)."""

    days_left: int
    mark: int
    claim_id: int

    def outbox_key(self, *parts) -> str:
        return ":".join(["reminder", str(self.claim_id), *map(str, parts)])


@dataclass(frozen=True)
class Kind:
    name: str  # its key in settings.REMINDER_MARKS: "sign_up"
    label: str  # for staff: "Sign-up: organisations with no participants"
    # pending(now=, until=, cycle_id=): the recipients whose deadline is after ``now`` (and
    # not after ``until``, when given), of one cycle or all.
    pending: Callable[..., Iterable[Recipient]]
    # send(recipient, reminder): queue the e-mail(s) through the outbox.
    send: Callable[[Recipient, Reminder], Any]
    # "3 organisations": how staff count this kind's recipients.
    counted: Callable[[int], str]


kinds = Registry("kind of reminder")


def kind_register(kind: Kind) -> None:
    kinds.register(kind, name=kind.name)


# --- When ----------------------------------------------------------------------------------


def marks(kind_name: str) -> tuple[int, ...]:
    """The kind's marks, farthest first: (7, 2)."""
    return tuple(sorted(set(settings.REMINDER_MARKS.get(kind_name, ())), reverse=True))


def office_hours() -> tuple[datetime.time, datetime.time]:
    """From when, until when, reminders go on their day (Swedish time)."""
    return datetime.time(settings.REMINDER_HOUR), datetime.time(QUIET_FROM)


def is_office_hours(moment: datetime.datetime) -> bool:
    return settings.REMINDER_HOUR <= timezone.localtime(moment).hour < QUIET_FROM


def _at_the_hour(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(settings.REMINDER_HOUR))
    )


def next_office_moment(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` itself in office hours, else the next morning's (or this morning's) hour."""
    if is_office_hours(moment):
        return moment
    local = timezone.localtime(moment)
    day = local.date()
    if local.hour >= settings.REMINDER_HOUR:
        day += datetime.timedelta(days=1)
    return _at_the_hour(day)


def mark_moment(deadline: datetime.datetime, mark: int) -> datetime.datetime:
    """When the mark's reminder is due: its day (``mark`` Swedish calendar days before the
    deadline's day) at the hour."""
    return _at_the_hour(timezone.localdate(deadline) - datetime.timedelta(days=mark))


def due_mark(deadline: datetime.datetime, kind_marks, now: datetime.datetime) -> int | None:
    """The mark a reminder is due for at ``now``: the nearest one passed (a farther one missed
    is not sent after it); None before the first and after the deadline."""
    if deadlines.has_passed(deadline, now=now):
        return None
    passed = [mark for mark in kind_marks if mark_moment(deadline, mark) <= now]
    return min(passed) if passed else None


def plan(deadline: datetime.datetime, kind_marks, now: datetime.datetime) -> list[tuple]:
    """The reminders still to come for a recipient who does nothing meanwhile, as (mark,
    moment, days left then): the one due now or late (at the next office moment), then each
    mark to come."""
    first = next_office_moment(now)
    planned = []
    due = due_mark(deadline, kind_marks, first)
    if due is not None:
        planned.append((due, first, deadlines.days_left(deadline, now=first)))
    for mark in kind_marks:
        moment = mark_moment(deadline, mark)
        if moment > first and not deadlines.has_passed(deadline, now=moment):
            planned.append((mark, moment, mark))
    return planned


# --- Once ----------------------------------------------------------------------------------


def _claim_key(recipient: Recipient) -> tuple:
    return (recipient.subject, recipient.key, timezone.localdate(recipient.deadline))


def _nearest_claims(kind_name: str, recipients: list[Recipient]) -> dict[tuple, int]:
    """The nearest mark reminded so far, per recipient and deadline (one query)."""
    if not recipients:
        return {}
    nearest: dict[tuple, int] = {}
    for subject, key, day, mark in ReminderSent.objects.filter(
        kind=kind_name, subject__in={r.subject for r in recipients}
    ).values_list("subject", "recipient", "deadline", "mark"):
        nearest[subject, key, day] = min(mark, nearest.get((subject, key, day), mark))
    return nearest


def _send(kind: Kind, recipient: Recipient, *, mark: int, now, by=None) -> bool:
    """Claim the reminder, then let the kind write it, in one transaction: a failure leaves
    no claim (the next sweep tries again), and a claim someone made first sends nothing."""
    days = deadlines.days_left(recipient.deadline, now=now)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = ReminderSent.objects.create(
                        kind=kind.name,
                        subject=recipient.subject,
                        recipient=recipient.key,
                        deadline=timezone.localdate(recipient.deadline),
                        mark=mark,
                        days_left=days,
                        sent_by=by,
                    )
            except IntegrityError:
                return False  # another sweep, or staff, a moment ago
            kind.send(recipient, Reminder(days_left=days, mark=mark, claim_id=claim.pk))
    except Exception:
        # One recipient's trouble stops nobody else's reminder; this one is tried again.
        logger.exception("Reminder %s %s → %s failed", kind.name, recipient.subject, recipient.key)
        return False
    return True


def _paused(cycle_id: int | None = None) -> set[tuple[int, str]]:
    pauses = ReminderPause.objects.all()
    if cycle_id is not None:
        pauses = pauses.filter(cycle_id=cycle_id)
    return set(pauses.values_list("cycle_id", "kind"))


@sweep("reminders", label=gettext_lazy("Reminders that are due"))
def reminders_send_due() -> int:
    """The sweep: every kind's reminders due now, each once. Returns how many recipients were
    reminded."""
    now = timezone.now()
    if not is_office_hours(now):
        return 0
    paused = _paused()
    sent = 0
    for kind in kinds:
        kind_marks = marks(kind.name)
        if not kind_marks:
            continue
        # Only deadlines near enough for their farthest mark to have come.
        until = deadlines.end_of_day(timezone.localdate(now) + datetime.timedelta(max(kind_marks)))
        due = []
        for recipient in kind.pending(now=now, until=until, cycle_id=None):
            if (recipient.cycle_id, kind.name) in paused:
                continue
            mark = due_mark(recipient.deadline, kind_marks, now)
            if mark is not None:
                due.append((recipient, mark))
        nearest = _nearest_claims(kind.name, [recipient for recipient, _ in due])
        for recipient, mark in due:
            reminded = nearest.get(_claim_key(recipient))
            if reminded is not None and reminded <= mark:
                continue
            sent += _send(kind, recipient, mark=mark, now=now)
    return sent


def remind_now(kind_name: str, recipients: Iterable[Recipient], *, by=None) -> list[Recipient]:
    """Remind these recipients now (staff chose them), through the same claim, marked by the
    days left today: whoever is reminded already today, or for a nearer mark, is not reminded
    again. Nothing goes after a deadline, or while the kind is paused. Returns who was
    reminded now."""
    kind = kinds.get(kind_name)
    now = timezone.now()
    paused = _paused()
    recipients = [
        recipient
        for recipient in recipients
        if not deadlines.has_passed(recipient.deadline, now=now)
        and (recipient.cycle_id, kind_name) not in paused
    ]
    nearest = _nearest_claims(kind_name, recipients)
    reached = []
    for recipient in recipients:
        days = deadlines.days_left(recipient.deadline, now=now)
        reminded = nearest.get(_claim_key(recipient))
        if reminded is not None and reminded <= days:
            continue
        if _send(kind, recipient, mark=days, now=now, by=by):
            reached.append(recipient)
    return reached


# --- Pausing -------------------------------------------------------------------------------


def is_paused(cycle: Cycle, kind_name: str) -> bool:
    return ReminderPause.objects.filter(cycle=cycle, kind=kind_name).exists()


def kind_pause(*, cycle: Cycle, kind_name: str, by=None) -> ReminderPause:
    """Stop every reminder of the kind in the cycle until it is resumed."""
    kinds.get(kind_name)  # a kind that exists
    pause, _created = ReminderPause.objects.get_or_create(
        cycle=cycle, kind=kind_name, defaults={"paused_by": by}
    )
    return pause


def kind_resume(*, cycle: Cycle, kind_name: str) -> None:
    """Let the kind's reminders go again: the marks to come on their day, a mark missed while
    paused late with the real days left (or not, once a nearer mark has passed)."""
    ReminderPause.objects.filter(cycle=cycle, kind=kind_name).delete()


# --- What is coming ------------------------------------------------------------------------


@dataclass(frozen=True)
class Upcoming:
    moment: datetime.datetime
    label: str
    days_left: int
    count: int
    counted: str  # "3 organisations"


@dataclass
class KindPlan:
    kind: Kind
    marks: tuple[int, ...]
    pause: ReminderPause | None
    upcoming: list[Upcoming]


def upcoming(cycle: Cycle, *, now=None) -> list[KindPlan]:
    """Per kind, the reminders still to come in the cycle if nobody does anything meanwhile:
    when (day and hour), about what, saying how many days are left, to how many. A few
    queries per kind, whatever the number of organisations."""
    now = now or timezone.now()
    pauses = {
        pause.kind: pause
        for pause in ReminderPause.objects.filter(cycle=cycle).select_related("paused_by")
    }
    plans = []
    for kind in kinds:
        kind_marks = marks(kind.name)
        recipients = []
        if kind_marks:
            recipients = list(kind.pending(now=now, until=None, cycle_id=cycle.pk))
        nearest = _nearest_claims(kind.name, recipients)
        counts: Counter = Counter()
        for recipient in recipients:
            reminded = nearest.get(_claim_key(recipient))
            for mark, moment, days in plan(recipient.deadline, kind_marks, now):
                if reminded is None or mark < reminded:
                    counts[moment, recipient.subject, recipient.label, days] += 1
        rows = [
            Upcoming(moment, label, days, count, kind.counted(count))
            for (moment, _subject, label, days), count in sorted(
                counts.items(), key=lambda item: (item[0][0], item[0][2])
            )
        ]
        plans.append(KindPlan(kind, kind_marks, pauses.get(kind.name), rows))
    return plans


@checks.register()
def check_reminder_marks(app_configs, **kwargs):
    """A kind named in REMINDER_MARKS that no app registers is a typo that silences it."""
    unknown = sorted(set(settings.REMINDER_MARKS) - set(kinds.names()))
    return [
        checks.Warning(
            f"REMINDER_MARKS names {name!r}, which is no kind of reminder "
            f"(the kinds: {', '.join(kinds.names())}).",
            id="arshjul.W001",
        )
        for name in unknown
    ]
