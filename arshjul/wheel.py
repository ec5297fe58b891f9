"""The wheel of the year (årshjulet): a cycle's dated steps, and how they are drawn.

A :class:`Step` is one dated thing (a meeting, a deadline, a publication, a period); an app
makes the steps of its own kind with a function of a list of cycles (``meeting_steps``), in a
fixed number of queries. Which apps' steps a wheel shows, and the :class:`Ring` each kind is
drawn in, are said in one place: :mod:`pages.wheel`. Only the rings that have steps are drawn.
"""

import calendar
import datetime
import enum
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import date_format


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
    # A period (the survey open, say) ends on this day; a single day has None.
    ends_on: datetime.date | None = None

    @property
    def is_period(self) -> bool:
        return self.ends_on is not None and self.ends_on > self.date


# --- Rings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ring:
    """How the steps of one kind are drawn: in a ring of their own, with a legend entry.
    ``colour`` is for the shape, with white numbers on it: at least 4.5:1 against white."""

    kind: str
    label: str  # the legend's word, e.g. "möte"
    order: int  # outermost first
    colour: str
    shape: str = "circle"  # circle, diamond or square


def ring_for(kind: str, rings: Mapping[str, Ring]) -> Ring:
    """The ring a kind of step is drawn in (a kind without one: a grey ring, last)."""
    return rings.get(kind) or Ring(kind, kind, 999, "#484949")


# --- Drawing ---------------------------------------------------------------------------------
# The wheel is drawn in a 400×400 box: twelve equal month sectors from January at the top,
# clockwise, in the outer band; inside it one ring per kind of step. A single day is a
# numbered marker, a period an arc from its first day to its last; markers too close on a
# ring are spread apart along it, each with a line to its true date.

SIZE = 400
CENTRE = SIZE / 2
RING_OUTER = 190
RING_INNER = 150
MONTH_LABEL_RADIUS = 170
INNERMOST = 48  # the year's figure and today's date are inside
RING_WIDTH_MAX = 30
MONTH_FILLS = ("#e3ebf3", "#cddbe9")


@dataclass(frozen=True)
class MonthSector:
    number: int
    name: str
    abbreviation: str
    path: str
    label_x: float
    label_y: float
    fill: str


@dataclass(frozen=True)
class Mark:
    """One step on its ring: a marker (x, y, radius) or an arc (``arc`` a path)."""

    number: int
    step: Step
    ring: Ring
    name: str  # what a screen reader says, e.g. "13 januari 2027: Arbetsmöte"
    href: str
    x: float
    y: float
    radius: float
    tick_x: float  # the true date on the ring's outer edge, for the leader line
    tick_y: float
    arc: str = ""
    arc_width: float = 0

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The marker's bounding box (left, top, right, bottom)."""
        return (
            self.x - self.radius,
            self.y - self.radius,
            self.x + self.radius,
            self.y + self.radius,
        )

    @property
    def diamond(self) -> str:
        r = self.radius + 1
        corners = [(0, -r), (r, 0), (0, r), (-r, 0)]
        return " ".join(f"{round(self.x + dx, 2)},{round(self.y + dy, 2)}" for dx, dy in corners)

    @property
    def square_corner(self) -> tuple[float, float]:
        return round(self.x - self.radius * 0.9, 2), round(self.y - self.radius * 0.9, 2)

    @property
    def square_side(self) -> float:
        return round(self.radius * 1.8, 2)

    @property
    def moved(self) -> bool:
        """Spread away from its date: the leader line shows where it belongs."""
        return abs(self.x - self.tick_x) + abs(self.y - self.tick_y) > self.radius * 2.5


@dataclass(frozen=True)
class RingBand:
    ring: Ring
    outer: float
    inner: float
    marks: list[Mark]

    @property
    def middle(self) -> float:
        return (self.outer + self.inner) / 2

    @property
    def path(self) -> str:
        """The band as a circle of its middle radius (its faint guide)."""
        return _circle_path(self.middle)


@dataclass(frozen=True)
class Needle:
    date: datetime.date
    x: float
    y: float
    words: str


@dataclass(frozen=True)
class WheelDrawing:
    size: int
    centre: float
    months: list[MonthSector]
    bands: list[RingBand]
    today: Needle | None

    @property
    def marks(self) -> list[Mark]:
        """Every step, in the order of the year (the keyboard's order)."""
        return sorted((m for band in self.bands for m in band.marks), key=lambda m: m.number)

    @property
    def rings(self) -> list[Ring]:
        return [band.ring for band in self.bands]


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


def _circle_path(radius: float) -> str:
    x1, y1 = _point(0, radius)
    x2, y2 = _point(180, radius)
    return f"M {x1} {y1} A {radius} {radius} 0 1 1 {x2} {y2} A {radius} {radius} 0 1 1 {x1} {y1}"


def _arc_path(start: float, end: float, radius: float) -> str:
    """Clockwise from ``start`` to ``end`` degrees (a period crossing New Year wraps)."""
    sweep = (end - start) % 360 or 360
    x1, y1 = _point(start, radius)
    x2, y2 = _point(start + min(sweep, 359.9), radius)
    large = 1 if sweep > 180 else 0
    return f"M {x1} {y1} A {radius} {radius} 0 {large} 1 {x2} {y2}"


def spread(angles: list[float], gap: float) -> list[float]:
    """Positions (in the same order) for markers wanted at ``angles``, at least ``gap``
    degrees apart around the circle: each crowd is laid out evenly around the mean of where
    its markers belong. The circle is cut at its widest empty stretch, so that December and
    January are neighbours."""
    if not angles:
        return []
    order = sorted(range(len(angles)), key=lambda i: angles[i] % 360)
    ordered = [angles[i] % 360 for i in order]
    gaps = [(ordered[(k + 1) % len(ordered)] - ordered[k]) % 360 for k in range(len(ordered))]
    cut = max(range(len(gaps)), key=lambda k: gaps[k]) + 1 if len(ordered) > 1 else 0
    rotated = ordered[cut:] + [a + 360 for a in ordered[:cut]]
    positions = _spread_line(rotated, gap)
    result = [0.0] * len(angles)
    for k, index in enumerate(order[cut:] + order[:cut]):
        result[index] = positions[k] % 360
    return result


def _spread_line(angles: list[float], gap: float) -> list[float]:
    """``spread`` on a line: ``angles`` ascending."""
    clusters = [[i] for i in range(len(angles))]

    def placed(cluster):
        centre = sum(angles[i] for i in cluster) / len(cluster)
        first = centre - gap * (len(cluster) - 1) / 2
        return [first + gap * k for k in range(len(cluster))]

    merged = True
    while merged:
        merged = False
        for k in range(len(clusters) - 1):
            if placed(clusters[k])[-1] + gap > placed(clusters[k + 1])[0] + 1e-9:
                clusters[k : k + 2] = [clusters[k] + clusters[k + 1]]
                merged = True
                break
    return [position for cluster in clusters for position in placed(cluster)]


def step_name(step: Step) -> str:
    """ "13 januari 2027: Arbetsmöte", or "1 november–19 december 2026: Enkäten är öppen"."""
    if step.is_period:
        same_year = step.date.year == step.ends_on.year
        first = date_format(step.date, "j F" if same_year else "j F Y")
        return f"{first}–{date_format(step.ends_on, 'j F Y')}: {step.title}"
    return f"{date_format(step.date, 'j F Y')}: {step.title}"


def draw(
    steps: Sequence[Step],
    *,
    rings: Mapping[str, Ring],
    today: datetime.date | None = None,
    link_for: Callable[[int, Step], str] | None = None,
    accent: str = "",
    base: str = "",
) -> WheelDrawing:
    """Lay out the month sectors, one ring per kind of step present (in the rings' order),
    each step as a marker or an arc, and — if given — today's needle. ``link_for(number,
    step)`` is where a step without a page of its own links (its line in the timeline);
    ``base`` makes the links absolute (for a file that leaves the site)."""
    months = []
    for number in range(1, 13):
        lx, ly = _point((number - 0.5) * 30, MONTH_LABEL_RADIUS)
        months.append(
            MonthSector(
                number,
                MONTHS[number],
                MONTHS_3[number],
                _sector_path(number),
                lx,
                ly,
                MONTH_FILLS[(number + 1) % 2],
            )
        )

    numbered = list(enumerate(steps, start=1))
    kinds = sorted({str(step.kind) for step in steps}, key=lambda k: (ring_for(k, rings).order, k))
    width = min(RING_WIDTH_MAX, (RING_INNER - 4 - INNERMOST) / max(len(kinds), 1))
    bands = []
    for index, kind in enumerate(kinds):
        ring = ring_for(kind, rings)
        if accent and kind == Step.Kind.MEETING:
            ring = Ring(ring.kind, ring.label, ring.order, accent, ring.shape)
        outer = RING_INNER - 4 - index * width
        inner = outer - width
        middle = (outer + inner) / 2
        radius = round(min(11.0, width / 2 - 2), 2)
        ours = [(n, s) for n, s in numbered if str(s.kind) == kind]
        marks = []
        singles = [(n, s) for n, s in ours if not s.is_period]
        # Far enough apart that not even their bounding boxes touch; a crowded ring gets
        # smaller markers so that the crowd fits in the circle.
        if singles:
            room = math.radians(min(330 / len(singles), 90))
            radius = round(
                min(radius, (2 * middle * math.sin(room / 2) - 2) / (2 * math.sqrt(2))), 2
            )
        gap = math.degrees(2 * math.asin(min(1.0, (2 * math.sqrt(2) * radius + 2) / (2 * middle))))
        wanted = [angle_of(s.date) for _, s in singles]
        for (number, step), angle, at in zip(singles, wanted, spread(wanted, gap), strict=True):
            x, y = _point(at, middle)
            tick_x, tick_y = _point(angle, outer)
            href = _href(step, number, link_for, base)
            marks.append(
                Mark(number, step, ring, step_name(step), href, x, y, radius, tick_x, tick_y)
            )
        for number, step in (pair for pair in ours if pair[1].is_period):
            start, end = angle_of(step.date), angle_of(step.ends_on)
            x, y = _point(start + ((end - start) % 360) / 2, middle)
            tick_x, tick_y = _point(start, outer)
            href = _href(step, number, link_for, base)
            arc = _arc_path(start, end, middle)
            marks.append(
                Mark(
                    number,
                    step,
                    ring,
                    step_name(step),
                    href,
                    x,
                    y,
                    radius,
                    tick_x,
                    tick_y,
                    arc=arc,
                    arc_width=round(width * 0.55, 2),
                )
            )
        bands.append(RingBand(ring, outer, inner, sorted(marks, key=lambda m: m.number)))

    needle = None
    if today is not None:
        x, y = _point(angle_of(today), RING_OUTER)
        needle = Needle(today, x, y, date_format(today, "j F"))
    return WheelDrawing(SIZE, CENTRE, months, bands, needle)


def _href(step: Step, number: int, link_for, base: str) -> str:
    target = step.url or (link_for(number, step) if link_for else "")
    return base + target if target.startswith(("/", "#")) else target


def site_drawing(steps, *, rings, today=None, link_for=None, base: str = "") -> WheelDrawing:
    """The wheel as the site draws it: meetings in the organiser's accent colour, a step
    without a page of its own linking to its line in the timeline (``#step-N``)."""
    from .lib.branding import branding

    return draw(
        steps,
        rings=rings,
        today=today,
        link_for=link_for or (lambda number, step: f"#step-{number}"),
        accent=branding().accent,
        base=base,
    )
