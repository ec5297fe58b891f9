"""The deadline rule, shared by every "until when" in a cycle: signing up for a meeting,
answering the leadership survey.

A deadline is the last second still in time, in Swedish time — 19 December 23:59:59 (the whole
second) — and it has passed from the second after. Every "has it passed?" in every app asks
:func:`has_passed`, and every "end of the day" is :func:`end_of_day`: one instant for all.
Days left are counted in Swedish calendar days (0: the deadline is today). The sign-up rules,
the survey's, the working material's and the reminders all ask here, so they can never
disagree about when "19 December" ends.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

# The day a cycle's deadlines usually fall on, in December the year before its meetings
# (the work meeting's sign-up and the survey). A suggestion for staff, who may choose any
# moment.
ANNUAL_DEADLINE_DAY = (12, 19)


LAST_SECOND = datetime.time(23, 59, 59)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last second of ``day``, Swedish time: 23:59:59."""
    return timezone.make_aware(datetime.datetime.combine(day, LAST_SECOND))


def annual_deadline(cycle_year: int) -> datetime.datetime:
    """The usual deadline of a cycle: 19 December 23:59:59 of the year before, Swedish time."""
    month, day = ANNUAL_DEADLINE_DAY
    return end_of_day(datetime.date(cycle_year - 1, month, day))


def passes_at(deadline: datetime.datetime) -> datetime.datetime:
    """The first moment that is too late: the start of the second after the deadline's."""
    return deadline.replace(microsecond=0) + datetime.timedelta(seconds=1)


def has_passed(deadline: datetime.datetime | None, *, now: datetime.datetime) -> bool:
    """Whether ``now`` is too late for the deadline (all of the deadline's own second is still
    in time). No deadline never passes."""
    return deadline is not None and now >= passes_at(deadline)


def days_left(deadline: datetime.datetime, *, now: datetime.datetime) -> int:
    """Whole Swedish calendar days from today to the deadline's day (0: it is today)."""
    return (timezone.localdate(deadline) - timezone.localdate(now)).days


def day_words(moment: datetime.datetime) -> str:
    """ "19 december" this year, "19 december 2025" another year (Swedish time)."""
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localdate().year
    return date_format(local, "j F" if same_year else "j F Y")
