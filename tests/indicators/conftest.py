import json
from pathlib import Path

import pytest

from indicators.models import Area, Geography, Indicator

KOLADA = Path(__file__).parent / "kolada"


def kolada_page(name: str) -> dict:
    return json.loads((KOLADA / name).read_text())


@pytest.fixture
def places(db):
    """The county and two of its municipalities."""
    return {
        "county": Geography.objects.create(code="0017", name="Värmland", level="county"),
        "kil": Geography.objects.create(code="1715", name="Kil", level="municipality"),
        "karlstad": Geography.objects.create(code="1780", name="Karlstad", level="municipality"),
    }


@pytest.fixture
def area(db):
    return Area.objects.create(name="Stärka konkurrenskraften")


@pytest.fixture
def employment(area, places):
    """An indicator from Kolada, for the county and its municipalities."""
    return Indicator.objects.create(
        code="N00914",
        name="Andel förvärvsarbetande 20–64 år",
        area=area,
        unit="%",
        source=Indicator.Source.KOLADA,
        kolada_kpi="N00914",
        levels=Indicator.Levels.MUNICIPALITIES,
    )


@pytest.fixture
def solar(area, places):
    return Indicator.objects.create(
        code="VS-SOL", name="Nätansluten solel", area=area, unit="MW", source="other"
    )


@pytest.fixture
def enk1(area, places):
    return Indicator.objects.create(
        code="ENK-1", name="Kompetensutveckling", area=area, unit="%", source="survey"
    )
