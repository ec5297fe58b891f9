"""Numbers as people read them, the one way every page, chart, PDF and export writes them.

- A **share** in per cent has one decimal, rounded half up: 6 of 9 is "66,7 %" (never cut to
  "66 %"), 1 of 8 is "12,5 %", 1 of 3 is "33,3 %". ``SHARE_DECIMALS`` says it once.
- Any other number is rounded half up to the decimals asked for, thousands grouped.
- In the language of the page (Swedish: decimal comma, a non-breaking space between thousands
  and before the unit, so that "66,7 %" never breaks over two lines).

Django's ``number_format`` cuts the decimals it is not asked for (66.67 to one place is
"66,6"), so the value is rounded here first. Templates get words made here (e.g.
``Share.words``, ``Series.words``), never format a share themselves.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

SHARE_DECIMALS = 1
NBSP = "\u00a0"


def rounded(value, decimals: int) -> Decimal:
    """``value`` (an int, float or Decimal) rounded half up to ``decimals`` places."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    result = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result  # never "-0,0"


def number_words(value, decimals: int = 0) -> str:
    """ "283 835", "3,6": rounded half up, in the page's language, thousands grouped."""
    return number_format(rounded(value, decimals), decimals, force_grouping=True)


def value_words(value, *, decimals: int = 0, unit: str = "") -> str:
    """A value with its unit: "80,2 %", "283 835 inv." (a share through :func:`percent_words`)."""
    if unit.strip() == "%":
        return percent_words(value, decimals=decimals)
    words = number_words(value, decimals)
    return f"{words}{NBSP}{unit.strip()}" if unit.strip() else words


def percent_words(percent, *, decimals: int = SHARE_DECIMALS) -> str:
    """A share already in per cent: 66.666… is "66,7 %"."""
    return f"{number_words(percent, decimals)}{NBSP}%"


def share_percent(hits: int, n: int) -> Decimal | None:
    """``hits`` of ``n`` in per cent, exactly (None when n is 0)."""
    if not n:
        return None
    return Decimal(100 * hits) / Decimal(n)


def share_value(hits: int, n: int) -> Decimal | None:
    """``hits`` of ``n`` in per cent as stored and shown: one decimal, rounded half up."""
    percent = share_percent(hits, n)
    return None if percent is None else rounded(percent, SHARE_DECIMALS)


def share_words(hits: int, n: int) -> str:
    """ "66,7 %" for 6 of 9; "" when n is 0."""
    percent = share_percent(hits, n)
    return "" if percent is None else percent_words(percent)
