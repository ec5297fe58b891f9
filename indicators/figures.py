"""An indicator's figure as a page shows it — its latest value in words, its chart over the
years and the table of the same numbers (templates/indicators/includes/figure.html) — made
once per version of the rows it shows, not on every visit.

A status analysis has dozens of figures and drawing them is most of its page's work, while
their values change only when staff import or edit them. Each figure is kept in the shared
cache (its space for pages: "pages", never pushing out rate limits or sessions) under the
versions of the models it is made from (arshjul.lib.page_cache.kept_prefix:
any saved, deleted or imported row of them gives new keys), and a page reads all of its
figures in one round trip, drawing only those not kept yet.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from arshjul.lib.branding import branding
from arshjul.lib.page_cache import kept_pieces, kept_prefix

from . import selectors

# What a figure is made from: the indicator's words, its values (and their places), a final
# analysis's kept values, and the organiser's colour the chart is drawn in.
FIGURE_DEPENDS_ON = [
    "indicators.Indicator",
    "indicators.IndicatorValue",
    "indicators.Geography",
    "indicators.StatusAnalysis",
    "arshjul.Identity",
]
TEMPLATE = "indicators/includes/figure.html"
OVERVIEW_ITEM = "indicators/includes/overview_item.html"


def _key(prefix: str, what: str, indicator_pk: int, place: str) -> str:
    return f"{prefix}:{what}:{indicator_pk}:{place}"


def _kept_or_drawn(wanted: dict, draw) -> dict[str, str]:
    """The HTML under each key of ``wanted`` ({key: indicator}): the kept ones in one read of
    the shared cache; the rest from ``draw({key: indicator})``, then kept."""
    html = kept_pieces(list(wanted), lambda missing: draw({k: wanted[k] for k in missing}))
    return {key: mark_safe(piece) for key, piece in html.items()}  # noqa: S308


def _figures(series: dict, places: dict, keys_to_indicators: dict, *, municipalities: bool):
    return {
        key: render_to_string(
            TEMPLATE,
            {
                "series": series[indicator.pk],
                "chart_id": places[key],
                "show_municipalities": municipalities,
                "branding": branding(),
            },
        )
        for key, indicator in keys_to_indicators.items()
    }


def analysis_sections(analysis) -> list:
    """The analysis's sections (as indicators.selectors.analysis_sections), each figure with
    its HTML in ``figure.html``: from the shared cache in one read, and only those not kept
    yet read from the database, drawn and kept (three queries, four when one is drawn)."""
    sections = selectors.sections_of(analysis)
    prefix = kept_prefix("indicator-figure", FIGURE_DEPENDS_ON)
    places, wanted = {}, {}
    for section in sections:
        for indicator in section.indicators.all():
            chart = selectors.chart_id(section, indicator)
            key = _key(prefix, "analysis", indicator.pk, chart)
            places[key], wanted[key] = chart, indicator

    def draw(missing: dict) -> dict:
        indicators = list({i.pk: i for i in missing.values()}.values())
        series = selectors.analysis_series(analysis, indicators)
        return _figures(series, places, missing, municipalities=False)

    html = _kept_or_drawn(wanted, draw)
    for section in sections:
        section.figures = [
            selectors.Figure(
                selectors.Series(indicator),  # the indicator, for the heading
                selectors.chart_id(section, indicator),
                html[
                    _key(prefix, "analysis", indicator.pk, selectors.chart_id(section, indicator))
                ],
            )
            for indicator in section.indicators.all()
        ]
    return sections


def indicator_figure(indicator) -> str:
    """The indicator's own page's figure, with its municipalities (one query when drawn)."""
    prefix = kept_prefix("indicator-figure", FIGURE_DEPENDS_ON)
    key = _key(prefix, "page", indicator.pk, "indicator")

    def draw(missing: dict) -> dict:
        series = selectors.series_for([indicator])
        return _figures(series, {key: "indicator"}, missing, municipalities=True)

    return _kept_or_drawn({key: indicator}, draw)[key]


def overview_areas() -> list:
    """Every area of effort with its indicators on the overview, as
    indicators.selectors.areas_with_indicators but each indicator as its drawn item (its
    small line and words) in ``area.items`` and ``area.by_goal``: kept in the shared cache,
    only those not kept yet read from the database and drawn (two queries, three when one is
    drawn)."""
    areas = selectors.areas_of()
    prefix = kept_prefix("indicator-figure", FIGURE_DEPENDS_ON)
    wanted = {
        _key(prefix, "overview", i.pk, "item"): i for area in areas for i in area.indicators.all()
    }

    def draw(missing: dict) -> dict:
        series = selectors.series_for(list(missing.values()), municipalities=False)
        context = {"branding": branding()}
        return {
            key: render_to_string(OVERVIEW_ITEM, {**context, "series": series[i.pk]})
            for key, i in missing.items()
        }

    html = _kept_or_drawn(wanted, draw)
    for area in areas:
        indicators = list(area.indicators.all())
        area.items = [html[_key(prefix, "overview", i.pk, "item")] for i in indicators]
        area.by_goal = selectors.by_goal(indicators, area.items)
    return areas
