"""Where a meeting's registration stands right now, and how to say it in words.

This is the one place that reads a meeting's registration window and its places; every page,
e-mail and calendar that says whether one can take part asks here, and the sign-up rules
(:mod:`registrations.rules`) build on it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul import deadlines
from meetings.models import Meeting

from .models import Participant


def places_taken(meetings) -> dict[int, int]:
    """Confirmed places per meeting, in one query for all of them."""
    taken = dict.fromkeys((m.pk for m in meetings), 0)
    counts = (
        Participant.objects.confirmed()
        .filter(meeting__in=meetings)
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    taken.update({row["meeting_id"]: row["n"] for row in counts})
    return taken


@dataclass(frozen=True)
class RegistrationWindow:
    class State:
        UNDECIDED = "undecided"  # save the date: how to take part is not decided yet
        INVITATION = "invitation"  # only those invited answer, through their personal link
        NOT_OPEN = "not_open"
        OPEN = "open"
        FULL = "full"  # open, every place taken: sign-ups join the waiting list
        CLOSED = "closed"
        HELD = "held"  # the meeting has taken place
        CANCELLED = "cancelled"

    state: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    days_left: int | None  # whole calendar days in Swedish time; 0 = closes today
    # The next moment the state changes (registration opens or closes, the meeting is held);
    # None: not known to. The words also change at midnight ("N dagar kvar").
    next_change: datetime.datetime | None = None
    capacity: int | None = None
    taken: int | None = None  # confirmed places, when counted

    @property
    def is_open(self) -> bool:
        """Sign-ups are taken (to a place or, when full, to the waiting list)."""
        return self.state in {self.State.OPEN, self.State.FULL}

    @property
    def places_left(self) -> int | None:
        if self.capacity is None or self.taken is None:
            return None
        return max(self.capacity - self.taken, 0)

    def words(self) -> str:
        """The state in a few words, e.g. "8 dagar kvar" or "Anmälan stängde 19 december"."""
        State = self.State
        if self.state == State.UNDECIDED:
            if self.opens_at:
                return _("Save the date: registration opens %(date)s") % {
                    "date": _day(self.opens_at)
                }
            return _("Invitation coming")
        if self.state == State.INVITATION:
            return _("By invitation only")
        if self.state == State.NOT_OPEN:
            return _("Registration opens %(date)s") % {"date": _day(self.opens_at)}
        if self.state == State.CLOSED:
            return _("Registration closed %(date)s") % {"date": _day(self.closes_at)}
        if self.state == State.HELD:
            return _("The meeting has been held")
        if self.state == State.CANCELLED:
            return _("The meeting is cancelled")
        if self.state == State.FULL:
            return _("Full: new registrations join the waiting list")
        if self.closes_at is None:
            return _("Registration is open")
        if self.days_left == 0:
            return _("Last day to register: today")
        return ngettext("%(days)d day left", "%(days)d days left", self.days_left) % {
            "days": self.days_left
        }

    def list_words(self) -> str:
        """The words for a list of meetings, where "8 dagar kvar" needs its "to what"."""
        if self.state == self.State.OPEN and self.closes_at and self.days_left:
            return ngettext(
                "%(days)d day left to register",
                "%(days)d days left to register",
                self.days_left,
            ) % {"days": self.days_left}
        return self.words()

    def places_words(self) -> str:
        """ "12 av 300 platser kvar", while registration is open and places are counted."""
        if not self.is_open or self.places_left is None:
            return ""
        if self.places_left == 0:
            return ngettext(
                "All %(capacity)d place is taken",
                "All %(capacity)d places are taken",
                self.capacity,
            ) % {"capacity": self.capacity}
        return ngettext(
            "%(left)d of %(capacity)d place left",
            "%(left)d of %(capacity)d places left",
            self.capacity,
        ) % {"left": self.places_left, "capacity": self.capacity}

    def deadline_words(self) -> str:
        """ "senast 19 december", for a deadline that is still ahead."""
        if not self.closes_at or self.state in {self.State.CLOSED, self.State.HELD}:
            return ""
        return _("by %(date)s") % {"date": _day(self.closes_at)}


_day = deadlines.day_words


def held_from(meeting: Meeting) -> datetime.datetime:
    """When the meeting counts as held: its end, or the end of its day."""
    return meeting.ends_at_datetime or deadlines.end_of_day(meeting.date)


def registration_window(
    meeting: Meeting,
    *,
    now: datetime.datetime | None = None,
    taken: int | None = None,
    count_places: bool = True,
) -> RegistrationWindow:
    """The meeting's registration window as of ``now``. With a capacity, the places taken
    are counted (one query) unless given (``taken``) or not wanted (``count_places``)."""
    now = now or timezone.now()
    if meeting.capacity is not None and taken is None and count_places:
        taken = places_taken([meeting])[meeting.pk]
    State = RegistrationWindow.State
    opens, closes = meeting.registration_opens_at, meeting.registration_closes_at
    starts, held = meeting.starts_at_datetime, held_from(meeting)
    next_change = None
    if meeting.is_cancelled:
        state = State.CANCELLED
    elif now >= held:
        state = State.HELD
    elif meeting.participation == Meeting.Participation.UNDECIDED:
        state = State.UNDECIDED
    elif deadlines.has_passed(closes, now=now) or starts <= now:
        state = State.CLOSED
        closes = closes or starts
        next_change = held
    elif meeting.participation == Meeting.Participation.INVITATION:
        state = State.INVITATION
        next_change = min(deadlines.passes_at(closes), starts) if closes else starts
    elif opens and now < opens:
        state = State.NOT_OPEN
        next_change = opens
    else:
        full = meeting.capacity is not None and taken is not None and taken >= meeting.capacity
        state = State.FULL if full else State.OPEN
        # Closed the second after the deadline, or when the meeting starts.
        next_change = min(deadlines.passes_at(closes), starts) if closes else starts
    days_left = None
    if state in {State.OPEN, State.FULL, State.INVITATION} and closes:
        days_left = deadlines.days_left(closes, now=now)
    return RegistrationWindow(state, opens, closes, days_left, next_change, meeting.capacity, taken)


def registration_windows(meetings, *, now=None) -> list[RegistrationWindow]:
    """The windows of many meetings, their places counted in one query."""
    counted = [m for m in meetings if m.capacity is not None]
    taken = places_taken(counted) if counted else {}
    return [
        registration_window(m, now=now, taken=taken.get(m.pk), count_places=False) for m in meetings
    ]
