"""Kolada, the open database of Swedish municipal and regional key figures (REST API v3).

A request ``/data/kpi/{kpi}/municipality/{ids}/year/{years}`` answers a page::

    {"count": 2, "values": [{"kpi": "N00914", "municipality": "1780", "period": 2023,
      "values": [{"gender": "T", "status": "", "value": 80.1, "count": 1}, …]}, …],
     "next_page": "https://…"}

with at most 5,000 values a page and the next page's address in ``next_page`` (or
``next_url``). A value may be missing (``null``, a status saying why): a gap, skipped. The
period comes as a number or a string. Pages are read from files (what staff download, or
what tests record) or fetched from the live API when ``KOLADA_BASE_URL`` is set. This module
reads them; storing them, all or nothing once every value is checked, is
:func:`indicators.services.kolada_import`.
"""

import json
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import KoladaError, KoladaUnreachable
from .models import Geography, Indicator, IndicatorValue
from .values import NewValue

SOURCE_NOTE = gettext_lazy("Source: Kolada")
MAX_PAGES = 200
GENDERS = set(IndicatorValue.Gender.values)


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: Decimal | None  # None: a gap


def parse_page(document) -> tuple[list[KoladaValue], str | None]:
    """The values of one page and the next page's address (None on the last)."""
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise KoladaError(_("The Kolada answer has no list of values."))
    values = []
    for item in document["values"]:
        try:
            kpi, municipality = str(item["kpi"]), str(item["municipality"])
            period = int(str(item["period"]).strip())
            for entry in item["values"]:
                gender = str(entry.get("gender") or "T").upper()
                if gender not in GENDERS:
                    raise ValueError(gender)
                raw = entry.get("value")
                if isinstance(raw, bool) or (raw is not None and not isinstance(raw, int | float)):
                    raise ValueError(raw)
                number = None if raw is None else Decimal(str(raw))
                values.append(KoladaValue(kpi, municipality, period, gender, number))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KoladaError(
                _("A value in the Kolada answer is not in the expected form: %(item)s")
                % {"item": json.dumps(item, ensure_ascii=False)[:200]}
            ) from exc
    next_page = document.get("next_page") or document.get("next_url") or None
    return values, next_page


def read_file(content: bytes) -> list[dict]:
    """The pages in a file: one page, or a list of pages (a download of every page)."""
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KoladaError(_("The file is not JSON from Kolada.")) from exc
    return document if isinstance(document, list) else [document]


def read_pages(pages: Iterable[dict]) -> list[KoladaValue]:
    """The values of every page; an answer with none is refused."""
    values = []
    for page in pages:
        values += parse_page(page)[0]
    if not values:
        raise KoladaError(_("The Kolada answer holds no values."))
    return values


def new_values(values: list[KoladaValue]) -> tuple[list[NewValue], int]:
    """Kolada's values as ours, and how many gaps were skipped. A KPI no indicator has, or a
    place with no geography, is refused (two queries)."""
    indicators = {i.kolada_kpi: i for i in Indicator.objects.exclude(kolada_kpi="")}
    geographies = {g.code: g for g in Geography.objects.all()}
    result, gaps = [], 0
    for v in values:
        indicator = indicators.get(v.kpi)
        if indicator is None:
            raise KoladaError(_("No indicator has the Kolada KPI %(kpi)s.") % {"kpi": v.kpi})
        geography = geographies.get(v.municipality)
        if geography is None:
            raise KoladaError(_("No geography has the code %(code)s.") % {"code": v.municipality})
        if v.value is None:
            gaps += 1
            continue
        result.append(
            NewValue(
                indicator=indicator,
                year=v.period,
                geography=geography,
                gender=v.gender,
                value=v.value,
                source_note=str(SOURCE_NOTE),
            )
        )
    return result, gaps


def gaps_named(values: list[KoladaValue], *, shown: int = 6) -> str:
    """The values Kolada lacks, for staff: "Karlstad 2021, Kil 2022 (kvinnor) och 3 till"
    (the first ``shown`` by place and year; the KPI too when there are several; "" when
    nothing lacks). One query."""
    gaps = [v for v in values if v.value is None]
    if not gaps:
        return ""
    names = dict(Geography.objects.values_list("code", "name"))
    several = len({v.kpi for v in gaps}) > 1
    gaps.sort(key=lambda v: (v.kpi, names.get(v.municipality, v.municipality), v.period, v.gender))
    words = []
    for v in gaps[:shown]:
        place = names.get(v.municipality, v.municipality)
        named = f"{v.kpi} {place} {v.period}" if several else f"{place} {v.period}"
        if v.gender != IndicatorValue.Gender.TOTAL:
            named += f" ({IndicatorValue.Gender(v.gender).label.lower()})"
        words.append(named)
    listed = ", ".join(words)
    if len(gaps) > shown:
        return _("%(listed)s and %(more)d more") % {"listed": listed, "more": len(gaps) - shown}
    return listed


def fetch_pages(
    indicator: Indicator, years: list[int], *, base_url: str | None = None
) -> Iterator[dict]:
    """The live API's pages for the indicator's KPI, its geographies and the years."""
    base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
    if not base_url:
        raise KoladaUnreachable(
            _("No address for Kolada is set (KOLADA_BASE_URL): import a downloaded file instead.")
        )
    places = Geography.objects.all()
    if indicator.levels == Indicator.Levels.COUNTY:
        places = places.filter(level=Geography.Level.COUNTY)
    ids = ",".join(places.order_by("code").values_list("code", flat=True))
    year_list = ",".join(str(y) for y in years)
    url = f"{base_url}/data/kpi/{indicator.kolada_kpi}/municipality/{ids}/year/{year_list}"
    allowed = urlsplit(base_url).netloc
    for _page in range(MAX_PAGES):
        document = _get_json(url)
        yield document
        next_page = (
            document.get("next_page") or document.get("next_url")
            if isinstance(document, dict)
            else None
        )
        if not next_page:
            return
        if urlsplit(next_page).netloc != allowed:
            raise KoladaUnreachable(
                _("Kolada's next page points elsewhere: %(url)s") % {"url": next_page}
            )
        url = next_page
    raise KoladaUnreachable(_("Kolada answered with more than %(n)d pages.") % {"n": MAX_PAGES})


def _get_json(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.KOLADA_TIMEOUT_SECONDS) as answer:  # noqa: S310
            return json.loads(answer.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise KoladaUnreachable(
            _("Kolada could not be reached or answered strangely: %(error)s") % {"error": exc}
        ) from exc
