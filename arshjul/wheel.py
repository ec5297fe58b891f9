"""The wheel of the year (årshjulet): every dated step of a cycle, from its data.

Apps contribute steps through one small interface: a *provider* is a function that takes a
list of cycles and yields :class:`Step` objects for them, using a fixed number of queries.
An app registers its provider in ``AppConfig.ready()``::

    from arshjul import wheel
    wheel.providers.register(meeting_steps)

The home page, the cycle pages and (later) the calendar feed read the steps from here, so a
new kind of dated step appears everywhere without touching a template.
"""

import calendar
import datetime
import enum
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.dates import MONTHS, MONTHS_3

from .lib.registry import Registry


@dataclass(frozen=True)
class Step:
    """One dated step of a cycle: a meeting, a deadline, a publication…"""

    class Kind(enum.StrEnum):
        MEETING = "meeting"
        DEADLINE = "deadline"
        PUBLICATION = "publication"  # a document published, e.g. the status analysis

    cycle_id: int
    date: datetime.date
    title: str
    kind: Kind
    label: str = ""
    url: str = ""  # a path on this site
    # For calendars: a UID that stays the same across edits, and a SEQUENCE raised on each.
    uid: str = ""
    sequence: int = 0
    starts_at: datetime.datetime | None = None  # a time of day; None: all day
    ends_at: datetime.datetime | None = None
    location: str = ""
    description: str = ""


Provider = Callable[[Sequence], Iterable[Step]]
providers = Registry("provider of steps")


def steps_by_cycle(cycles: Sequence) -> dict[int, list[Step]]:
    """All steps of the given cycles, by cycle id, in date order (one query per provider)."""
    result: dict[int, list[Step]] = {cycle.pk: [] for cycle in cycles}
    if not cycles:
        return result
    for provider in providers:
        for step in provider(cycles):
            result[step.cycle_id].append(step)
    for steps in result.values():
        # Deadlines before meetings on the same day: the deadline is the thing to act on.
        steps.sort(key=lambda s: (s.date, s.kind != Step.Kind.DEADLINE, s.title))
    return result


def steps_for(cycle) -> list[Step]:
    return steps_by_cycle([cycle])[cycle.pk]


# --- Drawing ---------------------------------------------------------------------------------
# The wheel is drawn in a 400×400 box: twelve equal month sectors from January at the top,
# clockwise; steps are numbered markers inside the ring, matching the numbered text timeline.

SIZE = 400
CENTRE = SIZE / 2
RING_OUTER = 190
RING_INNER = 140
MONTH_LABEL_RADIUS = 165
MARKER_LANES = (118, 92, 66)
MARKER_MIN_DEGREES = 14  # closer than this on one lane and markers would overlap
DIAMOND_HALF = 10


@dataclass(frozen=True)
class MonthSector:
    number: int
    name: str
    abbreviation: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Marker:
    number: int
    step: Step
    x: float
    y: float
    line_x: float
    line_y: float

    @property
    def corner_x(self) -> float:
        """Top-left corner of the deadline's diamond (a square turned 45° about its centre)."""
        return round(self.x - DIAMOND_HALF, 2)

    @property
    def corner_y(self) -> float:
        return round(self.y - DIAMOND_HALF, 2)


@dataclass(frozen=True)
class Needle:
    date: datetime.date
    x: float
    y: float


@dataclass(frozen=True)
class WheelDrawing:
    size: int
    centre: float
    ring_inner: int
    months: list[MonthSector]
    markers: list[Marker]
    today: Needle | None

    @property
    def has_publications(self) -> bool:
        return any(m.step.kind == Step.Kind.PUBLICATION for m in self.markers)


def _point(degrees: float, radius: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return (
        round(CENTRE + radius * math.sin(radians), 2),
        round(CENTRE - radius * math.cos(radians), 2),
    )


def angle_of(day: datetime.date) -> float:
    """Degrees clockwise from the top for a date: its month's sector, and its day within it."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.month - 1 + (day.day - 0.5) / days_in_month) * 30


def _sector_path(month: int) -> str:
    start, end = (month - 1) * 30, month * 30
    x1, y1 = _point(start, RING_OUTER)
    x2, y2 = _point(end, RING_OUTER)
    x3, y3 = _point(end, RING_INNER)
    x4, y4 = _point(start, RING_INNER)
    return (
        f"M {x1} {y1} A {RING_OUTER} {RING_OUTER} 0 0 1 {x2} {y2} "
        f"L {x3} {y3} A {RING_INNER} {RING_INNER} 0 0 0 {x4} {y4} Z"
    )


def draw(steps: Sequence[Step], *, today: datetime.date | None = None) -> WheelDrawing:
    """Lay out the month sectors, a numbered marker per step and, if given, today's needle."""
    months = []
    for number in range(1, 13):
        lx, ly = _point((number - 0.5) * 30, MONTH_LABEL_RADIUS)
        months.append(
            MonthSector(number, MONTHS[number], MONTHS_3[number], _sector_path(number), lx, ly)
        )

    markers = []
    last_angle_on_lane: dict[int, float] = {}
    for number, step in enumerate(steps, start=1):
        angle = angle_of(step.date)
        lane = 0
        while lane < len(MARKER_LANES) - 1 and (
            lane in last_angle_on_lane
            and _degrees_apart(angle, last_angle_on_lane[lane]) < MARKER_MIN_DEGREES
        ):
            lane += 1
        last_angle_on_lane[lane] = angle
        x, y = _point(angle, MARKER_LANES[lane])
        line_x, line_y = _point(angle, RING_INNER)
        markers.append(Marker(number, step, x, y, line_x, line_y))

    needle = None
    if today is not None:
        x, y = _point(angle_of(today), RING_OUTER)
        needle = Needle(today, x, y)
    return WheelDrawing(SIZE, CENTRE, RING_INNER, months, markers, needle)


def _degrees_apart(a: float, b: float) -> float:
    difference = abs(a - b) % 360
    return min(difference, 360 - difference)
