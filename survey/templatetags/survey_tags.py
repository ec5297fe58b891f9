"""Charts of the survey's results: server-rendered SVG, each with a title and a description
for screen readers, always shown beside a table of the same numbers."""

from django import template

register = template.Library()

WIDTH = 600
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
ROW_GAP = 12
BAR_WIDTH = 440  # the rest of the width is for the words at the bar's end


@register.inclusion_tag("survey/includes/bar_chart.html")
def bar_chart(bars, *, title: str, chart_id: str):
    """A horizontal bar chart: each bar's label above it, its value at its end."""
    rows = []
    y = 0
    for bar in bars:
        length = 0 if bar.percent is None else max(bar.percent / 100 * BAR_WIDTH, 1)
        rows.append(
            {
                "bar": bar,
                "label_y": y + 15,
                "bar_y": y + LABEL_HEIGHT,
                # As text: SVG wants a decimal point whatever the page's language.
                "length": f"{length:.1f}" if length else "",
                "text_x": f"{length + 8:.1f}",
                "text_y": y + LABEL_HEIGHT + 15,
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return {
        "rows": rows,
        "title": title,
        "description": description,
        "chart_id": chart_id,
        "width": WIDTH,
        "height": max(y, 1),
        "bar_height": BAR_HEIGHT,
    }
