"""Where a meeting's registration stands right now, and how to say it in words.

This is the one place that reads a meeting's registration window; the sign-up rules of the
registrations app build on it.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Meeting


@dataclass(frozen=True)
class RegistrationWindow:
    class State:
        UNDECIDED = "undecided"  # save the date: how to take part is not decided
        INVITATION = "invitation"  # only those invited answer, through their personal link
        NOT_OPEN = "not_open"
        OPEN = "open"
        CLOSED = "closed"

    state: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    days_left: int | None  # whole calendar days in Swedish time; 0 = closes today
    # The next moment the state changes (registration opens or closes); None: not known to.
    # The words also change at midnight ("N dagar kvar"), which callers know.
    next_change: datetime.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def words(self) -> str:
        """The state in a few words, e.g. "8 dagar kvar" or "Anmälan stängde 19 december"."""
        State = self.State
        if self.state == State.UNDECIDED:
            return _("Invitation coming")
        if self.state == State.INVITATION:
            return _("By invitation only")
        if self.state == State.NOT_OPEN:
            return _("Registration opens %(date)s") % {"date": _day(self.opens_at)}
        if self.state == State.CLOSED:
            return _("Registration closed %(date)s") % {"date": _day(self.closes_at)}
        if self.closes_at is None:
            return _("Registration is open")
        if self.days_left == 0:
            return _("Last day to register: today")
        return ngettext("%(days)d day left", "%(days)d days left", self.days_left) % {
            "days": self.days_left
        }

    def deadline_words(self) -> str:
        """ "senast 19 december", for a deadline that is still ahead."""
        if not self.closes_at:
            return ""
        return _("by %(date)s") % {"date": _day(self.closes_at)}


def _day(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localdate().year
    return date_format(local, "j F" if same_year else "j F Y")


def registration_window(meeting: Meeting, *, now: datetime.datetime | None = None):
    """The meeting's registration window as of ``now``."""
    now = now or timezone.now()
    State = RegistrationWindow.State
    opens, closes = meeting.registration_opens_at, meeting.registration_closes_at
    if meeting.participation == Meeting.Participation.UNDECIDED:
        state = State.UNDECIDED
    elif meeting.participation == Meeting.Participation.INVITATION:
        state = State.INVITATION
    elif opens and now < opens:
        state = State.NOT_OPEN
    elif (closes and now > closes) or meeting.starts_at_datetime <= now:
        state = State.CLOSED
        closes = closes or meeting.starts_at_datetime
    else:
        state = State.OPEN
    days_left = None
    next_change = None
    if state == State.NOT_OPEN:
        next_change = opens
    elif state == State.OPEN:
        # Closed the second after the deadline, or when the meeting starts.
        starts = meeting.starts_at_datetime
        next_change = min(closes + datetime.timedelta(seconds=1), starts) if closes else starts
        if closes:
            days_left = (timezone.localdate(closes) - timezone.localdate(now)).days
    return RegistrationWindow(state, opens, closes, days_left, next_change)
