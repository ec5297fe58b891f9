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

Who asks matters too. A coordinator changes only what :func:`coordinator_may` allows: the
participants their organisation's coordinators registered, at a meeting where coordinators
register. Whoever registered themself or answered an invitation changes their own
registration, through their personal link, and nobody else (but staff) does.
"""

import datetime
import enum
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul import deadlines
from arshjul.lib.forms import error_words
from meetings.models import Meeting

from .errors import RegistrationRefused
from .models import Participant
from .window import RegistrationWindow, registration_window

__all__ = [
    "Action",
    "RegistrationRefused",
    "Permission",
    "Scope",
    "allowed",
    "check",
    "coordinator_check",
    "coordinator_may",
    "last_change_moment",
    "newcomer",
    "refusal",
    "self_may",
]

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
    """Raise :class:`RegistrationRefused` unless ``action`` is allowed now on ``meeting``'s
    participants, for someone taking part through ``channel``."""
    if by_staff:
        return
    now = now or timezone.now()
    if meeting.participation != channel or not meeting.published:
        raise RegistrationRefused(str(NOT_THIS_WAY[channel]))
    window = registration_window(meeting, now=now, count_places=False)
    State = RegistrationWindow.State
    if window.state in {State.HELD, State.CANCELLED}:
        raise RegistrationRefused(window.words() + ".")
    if window.state == State.NOT_OPEN:
        raise RegistrationRefused(window.words() + ".")
    if window.is_open or window.state == State.INVITATION:
        return
    # Registration has closed.
    if action == Action.EDIT_NEEDS:
        if not deadlines.has_passed(meeting.needs_editable_until, now=now):
            return
        raise RegistrationRefused(
            _("Needs could be corrected until %(date)s. Contact %(contact)s.")
            % {"date": _date(meeting.needs_editable_until), "contact": _contact(meeting)}
        )
    if action in {Action.REPLACE, Action.CANCEL} and not deadlines.has_passed(
        last_change_moment(meeting), now=now
    ):
        return
    if action in {Action.REPLACE, Action.CANCEL}:
        raise RegistrationRefused(
            _("Changes could be made until the day before the meeting. Contact %(contact)s.")
            % {"contact": _contact(meeting)}
        )
    if channel == Channel.COORDINATORS:
        raise RegistrationRefused(
            _(
                "%(closed)s. You can still replace a participant with a colleague, or cancel, "
                "until the day before the meeting."
            )
            % {"closed": window.words()}
        )
    raise RegistrationRefused(window.words() + ".")


def _contact(meeting: Meeting) -> str:
    return meeting.contact_email or _("the organisers")


def _date(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F")


def refusal(meeting: Meeting, action: Action, *, now=None, channel=Channel.COORDINATORS) -> str:
    """Why ``action`` is not allowed now, in words; empty when it is allowed."""
    try:
        check(meeting, action, now=now, channel=channel)
    except RegistrationRefused as error:
        return error_words(error)
    return ""


def allowed(meeting: Meeting, action: Action, *, now=None, channel=Channel.COORDINATORS) -> bool:
    return not refusal(meeting, action, now=now, channel=channel)


# --- What a coordinator may change -------------------------------------------------------------


class Scope(enum.StrEnum):
    """How much of a participant a coordinator may change through an action."""

    ALL = "all"
    NEEDS_ONLY = "needs_only"  # only the needs and their consent (after registration closed)
    NOTHING = "nothing"


@dataclass(frozen=True)
class Permission:
    scope: Scope
    refusal: str = ""  # why not everything, in words for the coordinator

    def __bool__(self) -> bool:
        return self.scope != Scope.NOTHING


NOT_YOURS = {
    Channel.OPEN: gettext_lazy(
        "%(name)s registered themself for %(meeting)s. The registration is changed or cancelled "
        "by the person themself, through the personal link in their confirmation."
    ),
    Channel.INVITATION: gettext_lazy(
        "%(name)s answered an invitation to %(meeting)s. The answer is changed by the person "
        "themself, through the personal link in the invitation."
    ),
}


def coordinator_may(coordinator, action: Action, participant, *, now=None) -> Permission:
    """What ``coordinator`` may change of ``participant`` through ``action`` now — the one
    answer for the coordinators' pages (which offer only what is allowed) and the services
    (which refuse the rest, :func:`coordinator_check`). For :attr:`Action.ADD`,
    ``participant`` is the one to be registered (unsaved).

    - Only participants of the coordinator's own organisation, in the coordinator's cycle.
    - Only those registered by the organisation's coordinators, at a meeting where
      coordinators register: someone who registered themself or answered an invitation
      changes it themself, through their personal link (:data:`NOT_YOURS`).
    - Then the deadline rule (:func:`check`): after registration closes, editing is of the
      needs only (:attr:`Scope.NEEDS_ONLY`) while they may still be corrected.
    """
    meeting = participant.meeting
    if (
        participant.organisation_id != coordinator.organisation_id
        or meeting.cycle_id != coordinator.cycle_id
    ):
        return Permission(Scope.NOTHING, _("This is not a participant of your organisation."))
    if participant.channel in NOT_YOURS:
        words = NOT_YOURS[participant.channel] % {
            "name": participant.name,
            "meeting": meeting.title,
        }
        return Permission(Scope.NOTHING, words)
    try:
        check(meeting, action, now=now, channel=Channel.COORDINATORS)
    except RegistrationRefused as error:
        words = error_words(error)
        if action == Action.EDIT and allowed(meeting, Action.EDIT_NEEDS, now=now):
            return Permission(Scope.NEEDS_ONLY, words)
        return Permission(Scope.NOTHING, words)
    return Permission(Scope.NEEDS_ONLY if action == Action.EDIT_NEEDS else Scope.ALL)


def newcomer(coordinator, meeting: Meeting):
    """Someone the coordinator would register for ``meeting`` (unsaved): what
    :func:`coordinator_may` is asked about :attr:`Action.ADD` before anyone is typed."""
    return Participant(meeting=meeting, organisation=coordinator.organisation)


def coordinator_check(coordinator, action: Action, participant, *, now=None) -> None:
    """Raise :class:`RegistrationRefused` unless :func:`coordinator_may` allows all that ``action``
    changes (editing everything needs :attr:`Scope.ALL`; the needs, at least the needs)."""
    permission = coordinator_may(coordinator, action, participant, now=now)
    if not permission or (action != Action.EDIT_NEEDS and permission.scope != Scope.ALL):
        raise RegistrationRefused(permission.refusal)


def self_may(participant_or_invitation, *, channel, coming: bool, now=None) -> Permission:
    """What someone taking part through their own personal link (an invitee, or who signed
    up themself) may change of it now: everything while registration is open; after it
    closes, only the needs while they may be corrected — if they are coming; else nothing,
    with the reason."""
    meeting = participant_or_invitation.meeting
    words = refusal(meeting, Action.EDIT, now=now, channel=channel)
    if not words:
        return Permission(Scope.ALL)
    if coming and allowed(meeting, Action.EDIT_NEEDS, now=now, channel=channel):
        return Permission(Scope.NEEDS_ONLY, words)
    return Permission(Scope.NOTHING, words)
