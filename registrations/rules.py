"""The deadline rule for coordinators' sign-ups — the one place it is decided.

Until the meeting's registration closes (e.g. 19 December 23:59:59, Swedish time) a
coordinator adds, edits and cancels participants. After that, until the end of the day before
the meeting, they can no longer add or edit, but can still replace a participant with a
colleague and cancel. Staff, in the admin, may always act. Views, the admin, commands and
tasks all ask :func:`check`.
"""

import datetime
import enum

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from meetings.registration import RegistrationWindow, registration_window

from .errors import NotAllowed

__all__ = ["Action", "NotAllowed", "check", "refusal", "allowed", "last_change_moment"]


class Action(enum.StrEnum):
    ADD = "add"
    EDIT = "edit"
    REPLACE = "replace"
    CANCEL = "cancel"


def last_change_moment(meeting: Meeting) -> datetime.datetime:
    """The end of the day before the meeting, Swedish time: the last moment to replace or
    cancel."""
    day_before = meeting.date - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_before, datetime.time.max))


def check(meeting: Meeting, action: Action, *, now=None, by_staff: bool = False) -> None:
    """Raise :class:`NotAllowed` unless ``action`` is allowed on ``meeting``'s participants
    now."""
    if by_staff:
        return
    now = now or timezone.now()
    if meeting.participation != Meeting.Participation.COORDINATORS or not meeting.published:
        raise NotAllowed(_("Coordinators do not register participants for this meeting."))
    window = registration_window(meeting, now=now)
    State = RegistrationWindow.State
    if window.state == State.NOT_OPEN:
        raise NotAllowed(window.words() + ".")
    if window.state == State.OPEN:
        return
    # Registration has closed.
    if action in {Action.REPLACE, Action.CANCEL} and now <= last_change_moment(meeting):
        return
    if action in {Action.REPLACE, Action.CANCEL}:
        raise NotAllowed(
            _("Changes could be made until the day before the meeting. Contact %(contact)s.")
            % {"contact": meeting.contact_email or _("the organisers")}
        )
    raise NotAllowed(
        _(
            "%(closed)s. You can still replace a participant with a colleague, or cancel, "
            "until the day before the meeting."
        )
        % {"closed": window.words()}
    )


def refusal(meeting: Meeting, action: Action, *, now=None) -> str:
    """Why ``action`` is not allowed now, in words; empty when it is allowed."""
    try:
        check(meeting, action, now=now)
    except NotAllowed as error:
        return " ".join(error.messages)
    return ""


def allowed(meeting: Meeting, action: Action, *, now=None) -> bool:
    return not refusal(meeting, action, now=now)
