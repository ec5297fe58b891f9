"""Text staff write in Markdown, rendered to safe HTML for pages and PDFs.

markdown-it-py renders CommonMark with raw HTML switched off, and nh3 (ammonia) keeps only
the tags and attributes below: whatever staff paste, no script, style or event handler
reaches a page or a PDF, and links cannot run JavaScript.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code"}
TAGS |= {"pre", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that is safe to show as it is. Headings start at level 3: the page
    owns its h1 and h2."""
    html = _renderer.render(text or "")
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
