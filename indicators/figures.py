"""An indicator's figure as a page shows it — its latest value in words, its chart over the
years and the table of the same numbers (templates/indicators/includes/figure.html) — made
once per version of the rows it shows, not on every visit.

A status analysis has dozens of figures and drawing them is most of its page's work, while
their values change only when staff import or edit them. Each figure is kept in the shared
cache under the versions of the models it is made from (arshjul.lib.page_cache.versions_of:
any saved, deleted or imported row of them gives new keys), and a page reads all of its
figures in one round trip, drawing only those not kept yet.
"""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from arshjul.lib.page_cache import versions_of

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
# Made again at least this often (a release's new template shows within a day at worst).
KEPT_SECONDS = 24 * 60 * 60


def _key(version: str, chart_id: str, *, show_municipalities: bool) -> str:
    parts = [settings.RELEASE, get_language(), version, str(int(show_municipalities)), chart_id]
    return "indicator-figure:" + ":".join(parts)


def analysis_sections(analysis) -> list:
    """The analysis's sections (as indicators.selectors.analysis_sections), each figure with
    its HTML in ``figure.html``: from the shared cache in one read, and only those not kept
    yet read from the database, drawn and kept (three queries, four when one is drawn)."""
    sections = selectors.sections_of(analysis)
    version = versions_of(FIGURE_DEPENDS_ON)
    placed = [(s, i, selectors.chart_id(s, i)) for s in sections for i in s.indicators.all()]
    keys = {chart: _key(version, chart, show_municipalities=False) for _s, _i, chart in placed}
    kept = cache.get_many(list(keys.values())) if keys else {}
    missing = {i.pk: i for _s, i, chart in placed if keys[chart] not in kept}
    series = selectors.analysis_series(analysis, list(missing.values())) if missing else {}
    drawn = {}
    for _section, indicator, chart in placed:
        if keys[chart] not in kept and keys[chart] not in drawn:
            context = {"series": series[indicator.pk], "chart_id": chart}
            drawn[keys[chart]] = render_to_string(
                TEMPLATE, {**context, "show_municipalities": False}
            )
    if drawn:
        cache.set_many(drawn, timeout=KEPT_SECONDS)
    html = {**kept, **drawn}
    for section in sections:
        section.figures = [
            selectors.Figure(
                series.get(i.pk) or selectors.Series(i),  # the indicator, for the heading
                selectors.chart_id(section, i),
                mark_safe(html[keys[selectors.chart_id(section, i)]]),  # noqa: S308 - ours
            )
            for i in section.indicators.all()
        ]
    return sections
