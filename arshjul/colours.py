"""Colours staff choose, held to WCAG 2.1's contrast (1.4.3): an accent colour sits behind
white text (the header's band, labels) and is used as text on white (links, headings)."""

import re

from django.utils.translation import gettext as _

MINIMUM_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return (1.0 + 0.05) / (_luminance(colour) + 0.05)


def accent_problem(colour: str) -> str:
    """Why the colour cannot be the accent, in words for staff; "" when it can. It is used
    behind white text (the header's band, labels) and as text on white (links, headings):
    both need 4.5:1 (WCAG 2.1, 1.4.3) — for white the two ratios are the same number."""
    if not HEX_COLOUR.match(colour or ""):
        return _("Write the colour as # and six hexadecimal digits, e.g. #004b87.")
    ratio = contrast_with_white(colour)
    if ratio >= MINIMUM_CONTRAST:
        return ""
    return _(
        "The contrast between %(colour)s and white is %(ratio)s:1, under 4.5:1: white text on "
        "the colour, and the colour as text on white, would both be hard to read. Choose a "
        "darker colour."
    ) % {"colour": colour, "ratio": f"{ratio:.1f}".replace(".", ",")}
