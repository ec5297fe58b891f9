"""Reads of indicators and their values, each in a fixed number of queries however many
indicators, years and places there are."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _

from arshjul import charts
from arshjul.charts import Bar, Point
from arshjul.lib import numbers
from arshjul.models import PdfJob

from .models import Area, Geography, Indicator, IndicatorValue, StatusAnalysis

TOTAL = IndicatorValue.Gender.TOTAL
SPAN_YEARS = 10  # the overview's small line: the latest ten years
SOURCE_PREFIX = re.compile(r"^\s*(källa|source)\s*:", re.IGNORECASE)


@dataclass
class Series:
    """One indicator's values for the county over the years, and its municipalities' latest,
    with what the latest change means."""

    indicator: Indicator
    county: list[IndicatorValue] = field(default_factory=list)  # by year
    municipalities: list[IndicatorValue] = field(default_factory=list)  # the latest year

    @property
    def latest(self) -> IndicatorValue | None:
        return self.county[-1] if self.county else None

    @property
    def has_trend(self) -> bool:
        """Two years or more: a line to draw (one value is shown as a figure, not a dot)."""
        return len(self.county) > 1

    @property
    def previous(self) -> IndicatorValue | None:
        return self.county[-2] if len(self.county) > 1 else None

    @property
    def decimals(self) -> int:
        """As staff set it; a share from the survey as every share (arshjul.lib.numbers)."""
        if self.indicator.source == Indicator.Source.SURVEY:
            return numbers.SHARE_DECIMALS
        return self.indicator.decimals

    def words(self, value: Decimal | None) -> str:
        """ "80,5 %", "283 835 inv." — in the page's language, thousands grouped, rounded
        half up (arshjul.lib.numbers)."""
        if value is None:
            return ""
        return numbers.value_words(value, decimals=self.decimals, unit=self.indicator.unit)

    @property
    def target_words(self) -> str:
        return self.words(self.indicator.target_value)

    @property
    def latest_words(self) -> str:
        return self.words(self.latest.value) if self.latest else ""

    def rows(self) -> list[tuple[int, str]]:
        """(year, value in words) for the table beside the chart."""
        return [(v.year, self.words(v.value)) for v in self.county]

    def municipality_rows(self) -> list[tuple[str, str]]:
        return [(v.geography.name, self.words(v.value)) for v in self.municipalities]

    @property
    def change(self) -> str:
        """ "up", "down" or "same" from the year before to the latest; "" with one year."""
        if self.latest is None or self.previous is None:
            return ""
        if self.latest.value > self.previous.value:
            return "up"
        if self.latest.value < self.previous.value:
            return "down"
        return "same"

    @property
    def is_desired(self) -> bool | None:
        if self.change in {"", "same"}:
            return None
        return self.change == self.indicator.direction

    @property
    def trend_words(self) -> str:
        """ "↑ ökar, önskad riktning" — the arrow and the words, never the colour alone."""
        if not self.change:
            return ""
        if self.change == "same":
            return _("→ unchanged")
        arrow, moving = ("↑", _("rising")) if self.change == "up" else ("↓", _("falling"))
        wanted = _("the desired direction") if self.is_desired else _("not the desired direction")
        return f"{arrow} {moving}, {wanted}"

    @property
    def span(self) -> list[IndicatorValue]:
        """The years the overview's small line and its words cover: the latest SPAN_YEARS."""
        return self.county[-SPAN_YEARS:]

    @property
    def span_change(self) -> str:
        """ "up", "down" or "same" from the span's first year to its last, as the values are
        shown (rounded: 78,24 after 78,2 is the same); "" with fewer than two years."""
        if len(self.span) < 2:
            return ""
        first, last = (
            numbers.rounded(v.value, self.decimals) for v in (self.span[0], self.span[-1])
        )
        return "up" if last > first else "down" if last < first else "same"

    @property
    def span_is_desired(self) -> bool | None:
        if self.span_change in {"", "same"}:
            return None
        return self.span_change == self.indicator.direction

    @property
    def span_words(self) -> str:
        """The overview's trend in words: "Ökar: från 78,2 % 2019 till 80,4 % 2024"."""
        if not self.span:
            return ""
        first, last = self.span[0], self.span[-1]
        words = {
            "first_value": self.words(first.value),
            "first_year": first.year,
            "last_value": self.words(last.value),
            "last_year": last.year,
        }
        if len(self.span) == 1:
            text = _("One value so far: %(last_value)s %(last_year)s")
        elif self.span_change == "same":
            text = _("Unchanged: %(last_value)s %(first_year)s and %(last_year)s")
        elif self.span_change == "up":
            text = _("Rising: from %(first_value)s %(first_year)s to %(last_value)s %(last_year)s")
        else:
            text = _("Falling: from %(first_value)s %(first_year)s to %(last_value)s %(last_year)s")
        return text % words

    @property
    def sparkline(self) -> dict | None:
        """The span as a small line (arshjul.charts.sparkline); None with one year."""
        return charts.sparkline([float(v.value) for v in self.span])

    @property
    def is_demo(self) -> bool:
        return any(v.is_demo for v in self.county)

    @property
    def source_words(self) -> str:
        """Where the values come from, in the same words wherever values are shown (the
        indicator's page, the overview, the analysis and its PDF): "Källa: Kolada", and for
        values made up for the demo "Demodata (påhittade värden)"."""
        if not self.county:
            return ""
        fallback = self.indicator.get_source_display()
        sources = sorted(
            {_source_name(v.source_note) or fallback for v in self.county if not v.is_demo}
        )
        parts = [_("Source: %(sources)s") % {"sources": ", ".join(sources)}] if sources else []
        if self.is_demo:
            parts.append(_("Demo data (made-up values)"))
        return " · ".join(parts)

    def points(self) -> list[Point]:
        return [Point(str(v.year), float(v.value)) for v in self.county]

    def municipality_bars(self) -> list[Bar]:
        if not self.municipalities:
            return []
        top = max(abs(float(v.value)) for v in self.municipalities) or 1
        return [
            Bar(v.geography.name, 100 * abs(float(v.value)) / top, self.words(v.value))
            for v in self.municipalities
        ]


def _source_name(note: str) -> str:
    """A value's source note without the "Källa:" it may have been stored with (Kolada's
    imports store "Källa: Kolada"; a spreadsheet's column the name alone)."""
    return SOURCE_PREFIX.sub("", note).strip()


def series_for(indicators: list[Indicator], *, municipalities: bool = True) -> dict[int, Series]:
    """The county's values over the years and (with ``municipalities``) the municipalities'
    in each indicator's latest year, for many indicators (two queries)."""
    result = {i.pk: Series(i) for i in indicators}
    if not indicators:
        return result
    totals = IndicatorValue.objects.filter(indicator__in=indicators, gender=TOTAL)
    for value in totals.filter(geography__level=Geography.Level.COUNTY).order_by(
        "indicator_id", "year"
    ):
        result[value.indicator_id].county.append(value)
    if not municipalities:
        return result
    local = totals.filter(geography__level=Geography.Level.MUNICIPALITY)
    latest = local.filter(indicator=OuterRef("indicator")).order_by("-year").values("year")[:1]
    for value in (
        local.filter(year=Subquery(latest))
        .select_related("geography")
        .order_by("indicator_id", "-value")
    ):
        result[value.indicator_id].municipalities.append(value)
    return result


def areas_with_indicators() -> list[Area]:
    """Every area of effort with its indicators and their series, and the same series by
    long-term goal in ``area.by_goal``: [(goal or None, [series, …]), …], the goals in their
    order and the indicators under no goal last (three queries)."""
    areas = areas_of()
    indicators = [i for a in areas for i in a.indicators.all()]
    series = series_for(indicators, municipalities=False)
    for area in areas:
        area.series = [series[i.pk] for i in area.indicators.all()]
        area.by_goal = by_goal(list(area.indicators.all()), area.series)
    return areas


def areas_of() -> list[Area]:
    """Every area of effort with its indicators and their goals (two queries)."""
    return list(
        Area.objects.prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("goal"))
        )
    )


def by_goal(indicators: list[Indicator], items: list) -> list[tuple]:
    """Each indicator's item (its series, or its drawn HTML) by long-term goal: [(goal or
    None, [item, …]), …], the goals in their order and the items under no goal last."""
    grouped = {}
    for indicator, item in zip(indicators, items, strict=True):
        grouped.setdefault(indicator.goal, []).append(item)
    return sorted(
        grouped.items(), key=lambda pair: (pair[0] is None, pair[0].number if pair[0] else 0)
    )


def indicator_by_code(code: str) -> Indicator | None:
    return Indicator.objects.select_related("area", "goal").filter(code=code).first()


def analysis_published(*, year: int, now) -> StatusAnalysis | None:
    """The cycle's published status analysis to show: the final one once published, else
    the preliminary one."""
    return (
        StatusAnalysis.objects.select_related("cycle", "pdf")
        .filter(cycle__year=year, cycle__status="published", published_at__lte=now)
        .order_by("stage")  # "final" before "preliminary"
        .first()
    )


def analysis_sections(analysis: StatusAnalysis) -> list:
    """The analysis's sections with their indicators and series (four queries): a final
    analysis's values as they were when it was published, a preliminary one's as they are."""
    sections = sections_of(analysis)
    indicators = [i for s in sections for i in s.indicators.all()]
    series = analysis_series(analysis, indicators)
    for section in sections:
        section.figures = [
            Figure(series[i.pk], chart_id(section, i)) for i in section.indicators.all()
        ]
    return sections


def sections_of(analysis: StatusAnalysis) -> list:
    """The analysis's sections with their indicators, without values (two queries)."""
    return list(
        analysis.sections.select_related("challenge").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("area"))
        )
    )


def chart_id(section, indicator: Indicator) -> str:
    """The id of an indicator's chart under a section (one may be under more than one)."""
    return f"section-{section.pk}-{indicator.pk}"


def analysis_series(analysis: StatusAnalysis, indicators: list[Indicator]) -> dict[int, Series]:
    """The series of these of the analysis's indicators, by id (one query): a final
    analysis's values as they were when it was published, a preliminary one's as they are."""
    kept = kept_values(analysis)
    series = series_for([i for i in indicators if i.pk not in kept], municipalities=False)
    for indicator in indicators:
        if indicator.pk in kept:
            series[indicator.pk] = Series(indicator, county=kept[indicator.pk])
    return series


@dataclass(frozen=True)
class Figure:
    """An indicator's series where a page shows it, with an id of its own for its chart (an
    indicator may be shown under more than one section)."""

    series: Series
    chart_id: str
    html: str = ""  # the figure drawn, where a page keeps it (indicators.figures)


def kept_values(analysis: StatusAnalysis) -> dict[int, list[IndicatorValue]]:
    """The county's values by indicator id as a final analysis showed them when it was
    published (nothing for a preliminary analysis, which follows the values as they are)."""
    if analysis.stage != StatusAnalysis.Stage.FINAL or not analysis.values_snapshot:
        return {}
    return {
        int(pk): [
            IndicatorValue(
                indicator_id=int(pk),
                year=row["year"],
                value=Decimal(row["value"]),
                source_note=row["source_note"],
                is_demo=row["is_demo"],
            )
            for row in rows
        ]
        for pk, rows in analysis.values_snapshot.items()
    }


def values_as_kept(series: Series, *, before_year: int | None = None) -> list[dict]:
    """A series's county values as a final analysis keeps them (see kept_values)."""
    return [
        {
            "year": v.year,
            "value": str(v.value),
            "source_note": v.source_note,
            "is_demo": v.is_demo,
        }
        for v in series.county
        if before_year is None or v.year < before_year
    ]


def analysis_content_key(analysis: StatusAnalysis, sections: list) -> str:
    """A digest of everything the analysis's page and PDF show: its words, its sections, its
    indicators and their values. A PDF made for another key is out of date."""
    content = [
        analysis.cycle.name,
        analysis.stage,
        analysis.title,
        analysis.introduction,
        analysis.summary,
        analysis.recommendations,
        analysis.published_at,
        analysis.changed_at,
        analysis.snapshot_at,
    ]
    for section in sections:
        content.append([section.title, section.text])
        for figure in section.figures:
            indicator = figure.series.indicator
            content.append(
                [
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    indicator.decimals,
                    indicator.direction,
                    indicator.target_value,
                    indicator.target_year,
                    indicator.source,
                    values_as_kept(figure.series),
                ]
            )
    encoded = json.dumps(content, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def analysis_had_a_pdf(*, analysis: StatusAnalysis, besides) -> bool:
    """Whether an earlier PDF of the analysis was made (the one being made, ``besides``, is
    then an update)."""
    return (
        PdfJob.objects.filter(
            kind="status_analysis", parameters__analysis_id=analysis.pk, state=PdfJob.State.DONE
        )
        .exclude(pk=besides.pk)
        .exists()
    )
