"""The workshop notes' rules: until when the scribes write (a number of days after the
meeting that staff set), and who may change the notes then."""

import datetime

from django.core.exceptions import ObjectDoesNotExist

from arshjul import deadlines

from .models import DEFAULT_DAYS


def days_after(meeting) -> int:
    """How many days after the meeting the notes stay open (staff's choice, or the
    default)."""
    try:
        return meeting.notes_closing.days_after
    except ObjectDoesNotExist:
        return DEFAULT_DAYS


def closing_day(meeting) -> datetime.date:
    """The last day the scribes write, Swedish time."""
    return meeting.date + datetime.timedelta(days=days_after(meeting))


def closes_at(meeting) -> datetime.datetime:
    """The last moment the scribes write: the end of the closing day, Swedish time."""
    return deadlines.end_of_day(closing_day(meeting))
