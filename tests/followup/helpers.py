"""What the follow-up report's tests share: participants of a meeting, values of an
indicator, the report's page made anew."""

from decimal import Decimal

from indicators.models import IndicatorValue
from registrations.models import Participant


def participants(meeting, organisation, count: int, *, status="confirmed", name="", prefix=""):
    """``count`` participants of ``organisation`` (or, with ``name``, of an organisation not
    in the register) at ``meeting``."""
    tag = prefix or (organisation.name if organisation else name).replace(" ", "").lower()
    for n in range(count):
        Participant.objects.create(
            meeting=meeting,
            organisation=organisation,
            organisation_name=name,
            name=f"Deltagare {n}",
            email=f"{tag}-{status}-{n}@example.org",
            status=status,
        )


def values(indicator, place, series: dict) -> None:
    """The indicator's values for the place by year: ``{2022: 79.5, 2023: 80.2}``."""
    for year, value in series.items():
        IndicatorValue.objects.create(
            indicator=indicator, geography=place, year=year, value=Decimal(str(value))
        )


def text_of(page: str) -> str:
    """A page's words as a reader meets them: no tags, one space between words."""
    import html
    import re

    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\xa0", " ")
    return " ".join(text.split())
