"""The workshop notes' rules: until when the scribes write (a number of days after the
meeting that staff set), and who may change the notes then."""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul import deadlines
from arshjul.lib.forms import error_words

from .errors import NotesRefused
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


def contact_words(meeting) -> str:
    """Whom to write to about the notes: the meeting's contact, or the region's."""
    from arshjul.identity import identity_current

    email = meeting.contact_email or identity_current().contact_email
    if email:
        return _("To add or change something, write to %(email)s.") % {"email": email}
    return _("To add or change something, contact the region.")


def check(notes, *, now=None) -> None:
    """A scribe may write the notes until they close: the one place that says so (staff edit
    them in the admin at any time)."""
    now = now or timezone.now()
    moment = closes_at(notes.meeting)
    if deadlines.has_passed(moment, now=now):
        raise NotesRefused(
            _("The notes closed %(date)s.") % {"date": deadlines.day_words(moment)}
            + " "
            + contact_words(notes.meeting)
        )


def refusal(notes, *, now=None) -> str:
    """Why a scribe may not write now, in words; empty when they may."""
    try:
        check(notes, now=now)
    except NotesRefused as error:
        return error_words(error)
    return ""


def closing_words(notes, *, now=None) -> str:
    """ "Öppet till och med 27 januari 2027", or "Stängde 27 januari 2027"."""
    moment = closes_at(notes.meeting)
    if deadlines.has_passed(moment, now=now or timezone.now()):
        return _("Closed %(date)s") % {"date": deadlines.day_words(moment)}
    return _("Open for writing until %(date)s") % {"date": deadlines.day_words(moment)}
