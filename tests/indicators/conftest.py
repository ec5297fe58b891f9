"""Fixtures of the indicators' tests: places, an area and its indicators, a cycle's analysis
(the cycle and the cast are in tests/conftest.py)."""

import pytest
from django.test import Client

from indicators.models import AnalysisSection, Area, Geography, Indicator, StatusAnalysis
from tests.indicators.helpers import UNSAFE, values


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


@pytest.fixture
def analysis(cycle, employment, solar, places):
    """The 2027 cycle's preliminary analysis, not published yet: a section on employment and
    solar power with their values, and one without indicators."""
    values(employment, places["county"], {2021: 78.0, 2022: 79.5, 2023: 80.2})
    values(employment, places["kil"], {2023: 82.6})
    values(employment, places["karlstad"], {2023: 77.1})
    values(solar, places["county"], {2022: 9.0, 2023: 8.0})
    found = StatusAnalysis.objects.create(
        cycle=cycle,
        stage="preliminary",
        title="Preliminär nulägesanalys 2027",
        introduction="Så här **ser det ut**.\n\n" + UNSAFE,
    )
    challenge = cycle.cycle_challenges.first().challenge
    section = AnalysisSection.objects.create(
        analysis=found, challenge=challenge, title="Demografi", text="Fler arbetar än förr."
    )
    section.indicators.set([employment, solar])
    AnalysisSection.objects.create(
        analysis=found, title="Klimatet", text="Solelen växer långsamt.", position=1
    )
    return found


@pytest.fixture
def visitor():
    """Someone not signed in, reading the public pages (served through the page cache), apart
    from the staff member the ``*_client`` fixtures sign in."""
    return Client()
