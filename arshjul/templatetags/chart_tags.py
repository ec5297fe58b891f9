from django import template

from arshjul import charts
from arshjul.lib.branding import branding

register = template.Library()


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(bars, *, title: str, chart_id: str):
    """A horizontal bar chart (arshjul.charts) with a title and a description."""
    return {
        **charts.bar_chart(list(bars)),
        "title": title,
        "chart_id": chart_id,
        "accent": branding().accent,  # the organiser's colour, held to 4.5:1 on white
    }


@register.inclusion_tag("includes/line_chart.html")
def line_chart(points, *, title: str, chart_id: str, decimals: int = 1, unit: str = ""):
    """A line over the years (arshjul.charts) with a title and a description."""
    geometry = charts.line_chart(list(points), decimals=decimals, unit=unit)
    return {**geometry, "title": title, "chart_id": chart_id, "accent": branding().accent}
