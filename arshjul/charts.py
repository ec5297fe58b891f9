"""Charts drawn on the server as SVG: a bar chart and a line chart, each with a title and a
description for screen readers, and always shown beside a table of the same numbers
(templates/includes/bar_chart.html, line_chart.html; the tags in ``chart_tags``).

Numbers in SVG attributes are written with a decimal point whatever the page's language.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from arshjul.lib.numbers import number_words, value_words


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length in per cent of the longest possible (None: no bar, e.g.
    a suppressed value) and the words at its end."""

    label: str
    percent: float | None
    text: str


WIDTH = 600
BAR_LABEL = 26  # room for the label above a bar, at the largest font the page uses
BAR_HEIGHT = 20
BAR_GAP = 12
BAR_WIDTH = 440  # the rest is for the words at the bar's end


def _n(x: float) -> str:
    return f"{x:.1f}"


def bar_chart(bars: list[Bar]) -> dict:
    """Geometry for a horizontal bar chart: each bar's label above it, its value after it."""
    rows, y = [], 0
    for bar in bars:
        length = 0 if bar.percent is None else max(bar.percent / 100 * BAR_WIDTH, 1)
        rows.append(
            {
                "bar": bar,
                "label_y": y + 20,
                "bar_y": y + BAR_LABEL,
                "length": _n(length) if length else "",
                "text_x": _n(length + 8),
                "text_y": y + BAR_LABEL + 15,
            }
        )
        y += BAR_LABEL + BAR_HEIGHT + BAR_GAP
    return {
        "rows": rows,
        "description": "; ".join(f"{bar.label}: {bar.text}" for bar in bars),
        "width": WIDTH,
        "height": max(y, 1),
        "bar_height": BAR_HEIGHT,
    }


@dataclass(frozen=True)
class Point:
    label: str  # on the x axis, e.g. the year
    value: float


LINE_HEIGHT = 260
RIGHT, TOP, BOTTOM = 28, 12, 40
CHARACTER = 13  # room for a character of a tick's label, at the largest font the page uses


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round steps that cover low..high (1, 2 or 5 times a power of ten)."""
    if high == low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high:  # the last tick at or above the highest value
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def line_chart(points: list[Point], *, decimals: int = 1, unit: str = "") -> dict:
    """Geometry for a line over the years: a y axis with round steps (from zero when all
    values are positive and not far from it), a label per point on the x axis. An axis that
    does not start at zero says so, under the chart (in the page's type, not the chart's) and
    in its description, so that a small change is not read as a large one."""
    values = [p.value for p in points]
    low, high = min(values, default=0), max(values, default=1)
    if low > 0 and low < (high - low) * 2:
        low = 0
    ticks = _ticks(low, high)
    low, high = ticks[0], ticks[-1]
    tick_words = [number_words(t, _tick_decimals(ticks)) for t in ticks]
    axis_note = ""
    if not low <= 0 <= high:
        axis_note = _("The axis starts at %(value)s, not at zero.") % {"value": tick_words[0]}
    left = 16 + CHARACTER * max(len(w) for w in tick_words)  # the labels fit beside the axis
    plot_w = WIDTH - left - RIGHT
    plot_h = LINE_HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return left + (plot_w / 2 if len(points) == 1 else i * plot_w / (len(points) - 1))

    def y(v: float) -> float:
        return TOP + plot_h - (v - low) / (high - low) * plot_h

    def words(value: float) -> str:
        return value_words(value, decimals=decimals, unit=unit)

    dots = [
        {"x": _n(x(i)), "y": _n(y(p.value)), "label": p.label, "words": words(p.value)}
        for i, p in enumerate(points)
    ]
    # Every label fits when there are few points; otherwise every other one.
    every = 1 if len(points) <= 8 else 2
    return {
        "dots": dots,
        "path": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "ticks": [
            {"y": _n(y(t)), "words": words} for t, words in zip(ticks, tick_words, strict=True)
        ],
        "x_labels": [
            {"x": d["x"], "label": d["label"]}
            for i, d in enumerate(dots)
            if i % every == 0 or i == len(dots) - 1
        ],
        "description": " ".join(
            ["; ".join(f"{p.label}: {words(p.value)}" for p in points) + ".", axis_note]
        ).strip(),
        "axis_note": axis_note,
        "width": WIDTH,
        "height": LINE_HEIGHT,
        "left": left,
        "right": WIDTH - RIGHT,
        "bottom": _n(TOP + plot_h),
        "label_y": LINE_HEIGHT - 10,
    }


def _tick_decimals(ticks: list[float]) -> int:
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    return 0 if step >= 1 else max(0, -math.floor(math.log10(step)))


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 32, 4
# A sparkline's height spans at least this share of its values' size: a change of a few
# tenths of a per cent is drawn as the small change it is, not as a leap.
SPARK_LEAST_RANGE = 0.1


def sparkline(values: list[float]) -> dict | None:
    """Geometry for a small line of values over the years, without axes or labels, beside the
    words that say the same (so it is decorative: the template hides it from screen readers).
    None with fewer than two values."""
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    least = SPARK_LEAST_RANGE * max(abs(low), abs(high))
    if high - low < least:  # widened around the middle
        middle = (high + low) / 2
        low, high = middle - least / 2, middle + least / 2
    span = (high - low) or 1
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / (len(values) - 1)
    plot_h = SPARK_HEIGHT - 2 * SPARK_PAD
    dots = [
        (SPARK_PAD + i * step, SPARK_PAD + plot_h - (v - low) / span * plot_h)
        for i, v in enumerate(values)
    ]
    return {
        "path": " ".join(f"{_n(x)},{_n(y)}" for x, y in dots),
        "last_x": _n(dots[-1][0]),
        "last_y": _n(dots[-1][1]),
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
    }
