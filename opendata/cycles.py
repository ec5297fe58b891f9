"""The published cycles as open data: each with its dated steps as the wheel and the timeline
of its public page show them (:mod:`pages.wheel`, the one list of what a wheel shows) and its
published meetings as their public pages show them.

What never leaves: who takes part, who is invited, how many have registered (places left),
the meetings' contact persons, and an invitation-only meeting's answer deadline (the wheel
shows deadlines only for the meetings one registers for). The API (``/api/v1/cycles/``) and
the dataset "arshjul" are both made from :func:`cycles_published`.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from arshjul.lib.emails import absolute_url
from arshjul.models import Cycle
from arshjul.wheel import Step
from followup.models import Report
from indicators.models import StatusAnalysis
from meetings.models import Meeting
from pages import wheel
from situation.models import Picture

from .moments import earliest, next_moment

# The models the steps and meetings are made of (the page cache makes the answer anew when
# one of them changes).
DEPENDS_ON = [*wheel.DEPENDS_ON, "meetings.Meeting", "arshjul.Strategy"]

# A meeting's deadline is public where the wheel shows it: for the meetings one registers for.
DEADLINE_SHOWN = {Meeting.Participation.COORDINATORS, Meeting.Participation.OPEN}


def absolute(path: str) -> str:
    """A path on this site as an address anyone can follow (SITE_URL, never the request's
    host: the answer is kept in the shared cache for everyone)."""
    return absolute_url(path) if path.startswith("/") else path


@dataclass(frozen=True)
class PublicMeeting:
    """A published meeting as its public page shows it, without its contact person and
    without the places taken."""

    meeting: Meeting

    @property
    def registration_closes_at(self):
        m = self.meeting
        if m.is_cancelled or m.participation not in DEADLINE_SHOWN:
            return None
        return m.registration_closes_at

    @property
    def url(self) -> str:
        return absolute(reverse("meeting", args=[self.meeting.cycle.year, self.meeting.slug]))

    @property
    def calendar_url(self) -> str:
        return absolute(reverse("meetings:ics", args=[self.meeting.cycle.year, self.meeting.slug]))


@dataclass(frozen=True)
class PublicCycle:
    cycle: Cycle
    steps: list[Step]
    meetings: list[PublicMeeting]

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def url(self) -> str:
        return absolute(reverse("cycle-detail", args=[self.cycle.year]))

    @property
    def calendar_url(self) -> str:
        return absolute(reverse("cycle-ics", args=[self.cycle.year]))

    @property
    def challenges(self) -> list[str]:
        return [item.challenge.name for item in self.cycle.cycle_challenges.all()]


def cycles_published(*, year: int | None = None) -> list[PublicCycle]:
    """Every published cycle (or the one of ``year``), newest first, with its steps in date
    order and its published meetings in date order — in a fixed number of queries, however
    many cycles, steps and meetings there are."""
    published = wheel.cycles_published_with_steps()
    cycles = [c for c in published.cycles if year is None or c.year == year]
    meetings = defaultdict(list)
    for meeting in (
        Meeting.objects.published()
        .filter(cycle__in=cycles)
        .select_related("cycle")
        .order_by("date", "starts_at", "pk")
    ):
        meetings[meeting.cycle_id].append(PublicMeeting(meeting))
    return [PublicCycle(c, published.steps[c.pk], meetings[c.pk]) for c in cycles]


def next_change():
    """When a cycle's steps change by themselves: a document published from a later moment
    appears on the wheel then."""
    return earliest(
        *(
            next_moment(model.objects.filter(cycle__status="published"), "published_at")
            for model in (StatusAnalysis, Picture, Report)
        )
    )
