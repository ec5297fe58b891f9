"""An indicator's figure as a page shows it — its latest value in words, its chart over the
years and the table of the same numbers (templates/indicators/includes/figure.html) — made
once per version of the rows it shows, not on every visit.

A status analysis has dozens of figures and drawing them is most of its page's work, while
their values change only when staff import or edit them. Each figure is kept in the shared
cache under the versions of the models it is made from (arshjul.lib.page_cache.versions_of:
any saved, deleted or imported row of them gives new keys), and a page reads all of its
figures in one round trip, drawing only those not kept yet.
"""

from dataclasses import replace

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from arshjul.lib.page_cache import versions_of

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


def with_rendered_figures(sections: list, *, show_municipalities: bool = False) -> list:
    """The sections (indicators.selectors.analysis_sections) with each figure's HTML in
    ``figure.html``: from the shared cache (one read for all), the rest drawn and kept."""
    version = versions_of(FIGURE_DEPENDS_ON)
    figures = [figure for section in sections for figure in section.figures]
    keys = {
        f.chart_id: _key(version, f.chart_id, show_municipalities=show_municipalities)
        for f in figures
    }
    kept = cache.get_many(list(keys.values())) if keys else {}
    drawn = {}
    for figure in figures:
        key = keys[figure.chart_id]
        if key not in kept:
            drawn[key] = render_to_string(
                TEMPLATE,
                {
                    "series": figure.series,
                    "chart_id": figure.chart_id,
                    "show_municipalities": show_municipalities,
                },
            )
    if drawn:
        cache.set_many(drawn, timeout=KEPT_SECONDS)
    html = {**kept, **drawn}
    for section in sections:
        section.figures = [
            replace(f, html=mark_safe(html[keys[f.chart_id]]))  # noqa: S308 - our own template's
            for f in section.figures
        ]
    return sections
