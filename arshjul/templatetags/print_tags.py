"""Filters for printed documents (templates/pdf)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def email_breaks(address) -> str:
    """An e-mail address that breaks over lines only after its "@" and its dots: each part
    kept whole (``.email-part`` does not wrap), a <wbr> after each "@" and ".". Printed,
    "fornamn.efternamn@" then "kommun.se" reads as one address; "fornamn.efter" then
    "namn@…" does not."""
    parts = [part for part in re.split(r"(?<=[@.])", str(address or "")) if part]
    spans = (f'<span class="email-part">{conditional_escape(part)}</span>' for part in parts)
    return mark_safe(f'<span class="email">{"<wbr>".join(spans)}</span>')  # noqa: S308 - escaped


@register.filter
def whole_words(text) -> str:
    """Text that breaks over lines only between its words, never at a hyphen inside one (a
    badge shows "Mohammed" and "Al-Hassan", not "Mohammed Al-" and "Hassan")."""
    words = (f'<span class="whole-word">{conditional_escape(w)}</span>' for w in str(text).split())
    return mark_safe(" ".join(words))  # noqa: S308 - escaped
