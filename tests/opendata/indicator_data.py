"""The indicators the API's tests read: Värmland and two of its municipalities, an area of
effort with a goal, an indicator from Kolada for the county and its municipalities, one for
the county only; and, for the query counts, as many more as the strategy has."""

from decimal import Decimal

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue

MUNICIPALITIES = [
    f"17{n:02d}" for n in (15, 30, 37, 60, 61, 62, 63, 64, 65, 66, 80, 81, 82, 83, 84, 85)
]


def values(indicator, place, series: dict, **fields) -> None:
    """The indicator's values for the place by year: ``{2022: 79.5, 2023: 80.2}``."""
    for year, value in series.items():
        IndicatorValue.objects.create(
            indicator=indicator, geography=place, year=year, value=Decimal(str(value)), **fields
        )


def strategy() -> dict:
    """Two indicators with values: employment (Kolada, the county and two municipalities,
    women and men in 2023) and solar power (the county only, demo data)."""
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    kil = Geography.objects.create(code="1715", name="Kil", level="municipality")
    karlstad = Geography.objects.create(code="1780", name="Karlstad", level="municipality")
    growth = Area.objects.create(name="Stärka konkurrenskraften", position=2)
    climate = Area.objects.create(name="Ett klimatsmart Värmland", position=1)
    work = Goal.objects.create(area=growth, number=11, text="Fler i arbete")
    employment = Indicator.objects.create(
        code="N00914",
        name="Andel förvärvsarbetande 20–64 år",
        area=growth,
        goal=work,
        unit="%",
        source=Indicator.Source.KOLADA,
        kolada_kpi="N00914",
        levels=Indicator.Levels.MUNICIPALITIES,
        target_value=Decimal("82.5"),
        target_year=2030,
    )
    solar = Indicator.objects.create(
        code="VS-SOL", name="Nätansluten solel", area=climate, unit="MW", source="other"
    )
    values(employment, county, {2021: 78.0, 2022: 79.5, 2023: 80.2}, source_note="Källa: Kolada")
    values(employment, kil, {2022: 81.0, 2023: 82.6})
    values(employment, karlstad, {2022: 76.0, 2023: 77.1})
    values(employment, county, {2023: 79.1}, gender="K")
    values(employment, county, {2023: 81.3}, gender="M")
    values(solar, county, {2022: 9.0, 2023: 8.25}, is_demo=True)
    return {
        "county": county,
        "kil": kil,
        "karlstad": karlstad,
        "growth": growth,
        "climate": climate,
        "employment": employment,
        "solar": solar,
    }


def more_indicators(count: int, *, start: int = 0, years=range(2015, 2025)) -> None:
    """``count`` indicators more, each with ten years for the county and its 16
    municipalities (made as they are missing), straight into the tables."""
    have = set(Geography.objects.values_list("code", flat=True))
    Geography.objects.bulk_create(
        Geography(code=code, name=f"Kommun {code}", level="municipality")
        for code in MUNICIPALITIES
        if code not in have
    )
    places = list(Geography.objects.all())
    area = Area.objects.order_by("pk").first()
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"X-{n}",
            name=f"Extra {n}",
            area=area,
            unit="%",
            source="other",
            levels="municipalities",
            position=10 + n,
        )
        for n in range(start, start + count)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, geography=g, year=y, value=Decimal(y % 7) + Decimal("0.25"))
        for i in indicators
        for g in places
        for y in years
    )
