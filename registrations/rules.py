"""The deadline rule for sign-ups — the one place it is decided, for every way of taking part.

Until the meeting's registration closes (e.g. 19 December 23:59:59, Swedish time) people are
added, edited and cancelled: by an organisation's coordinator (meetings where coordinators
register), by the invitees themselves (meetings by invitation), or by anyone (open
registration). After that:

- participants' dietary and accessibility needs can still be corrected until the meeting's
  ``needs_days_before`` days before it (what the caterer and the venue need last);
- a participant can be replaced by a colleague (coordinators) or cancelled, until the end of
  the day before the meeting.

Nothing changes once the meeting is held or cancelled. Staff, in the admin, may always act.
Views, the admin, commands and tasks all ask :func:`check`.
"""

import datetime
import enum

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul import deadlines
from meetings.models import Meeting
from meetings.registration import RegistrationWindow, registration_window

from .errors import NotAllowed

__all__ = ["Action", "NotAllowed", "check", "refusal", "allowed", "last_change_moment"]

Channel = Meeting.Participation


class Action(enum.StrEnum):
    ADD = "add"
    EDIT = "edit"
    EDIT_NEEDS = "edit_needs"  # only the needs (and their consent)
    REPLACE = "replace"
    CANCEL = "cancel"


def last_change_moment(meeting: Meeting) -> datetime.datetime:
    """The end of the day before the meeting, Swedish time: the last moment to replace or
    cancel."""
    return deadlines.end_of_day(meeting.date - datetime.timedelta(days=1))


NOT_THIS_WAY = {
    Channel.COORDINATORS: gettext_lazy(
        "Coordinators do not register participants for this meeting."
    ),
    Channel.INVITATION: gettext_lazy("This meeting takes no answers to invitations."),
    Channel.OPEN: gettext_lazy("This meeting has no open registration."),
}


def check(
    meeting: Meeting,
    action: Action,
    *,
    now=None,
    by_staff: bool = False,
    channel: str = Channel.COORDINATORS,
) -> None:
    """Raise :class:`NotAllowed` unless ``action`` is allowed now on ``meeting``'s
    participants, for someone taking part through ``channel``."""
    if by_staff:
        return
    now = now or timezone.now()
    if meeting.participation != channel or not meeting.published:
        raise NotAllowed(str(NOT_THIS_WAY[channel]))
    window = registration_window(meeting, now=now, count_places=False)
    State = RegistrationWindow.State
    if window.state in {State.HELD, State.CANCELLED}:
        raise NotAllowed(window.words() + ".")
    if window.state == State.NOT_OPEN:
        raise NotAllowed(window.words() + ".")
    if window.is_open or window.state == State.INVITATION:
        return
    # Registration has closed.
    if action == Action.EDIT_NEEDS:
        if not deadlines.has_passed(meeting.needs_editable_until, now=now):
            return
        raise NotAllowed(
            _("Needs could be corrected until %(date)s. Contact %(contact)s.")
            % {"date": _date(meeting.needs_editable_until), "contact": _contact(meeting)}
        )
    if action in {Action.REPLACE, Action.CANCEL} and not deadlines.has_passed(
        last_change_moment(meeting), now=now
    ):
        return
    if action in {Action.REPLACE, Action.CANCEL}:
        raise NotAllowed(
            _("Changes could be made until the day before the meeting. Contact %(contact)s.")
            % {"contact": _contact(meeting)}
        )
    if channel == Channel.COORDINATORS:
        raise NotAllowed(
            _(
                "%(closed)s. You can still replace a participant with a colleague, or cancel, "
                "until the day before the meeting."
            )
            % {"closed": window.words()}
        )
    raise NotAllowed(window.words() + ".")


def _contact(meeting: Meeting) -> str:
    return meeting.contact_email or _("the organisers")


def _date(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F")


def refusal(meeting: Meeting, action: Action, *, now=None, channel=Channel.COORDINATORS) -> str:
    """Why ``action`` is not allowed now, in words; empty when it is allowed."""
    try:
        check(meeting, action, now=now, channel=channel)
    except NotAllowed as error:
        return " ".join(error.messages)
    return ""


def allowed(meeting: Meeting, action: Action, *, now=None, channel=Channel.COORDINATORS) -> bool:
    return not refusal(meeting, action, now=now, channel=channel)
