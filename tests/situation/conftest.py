"""Fixtures of the lägesbild's tests (the cycle, Kil and Eda, their coordinators and the
cast are in tests/conftest.py): the working material with answers on the challenge of
skills, a civil-society organisation taking part, and an indicator linked to the challenge
going the wrong way."""

import datetime

import pytest
from django.utils import timezone

from indicators.models import (
    AnalysisSection,
    Area,
    Geography,
    Indicator,
    IndicatorValue,
    StatusAnalysis,
)
from tests import factories
from working_material.models import WorkingMaterial

from .helpers import KOMPETENS


@pytest.fixture
def material(cycle):
    return WorkingMaterial.objects.create(
        cycle=cycle,
        closes_at=timezone.make_aware(datetime.datetime(2027, 1, 8, 23, 59, 59)),
        published=True,
    )


@pytest.fixture
def skills(cycle):
    """The challenge of skills supply of the 2027 cycle."""
    return cycle.challenges.get(name=KOMPETENS)


@pytest.fixture
def work_meeting(cycle):
    return cycle.meetings.get(kind="work_meeting")


@pytest.fixture
def society(cycle):
    """Föreningsalliansen, civil society, taking part in the cycle (a coordinator)."""
    org = factories.organisation(name="Föreningsalliansen", category="civil_society")
    factories.coordinator(cycle, org, name="Sara Förening", email="sara@forening.example.org")
    return org


@pytest.fixture
def falling(cycle, skills):
    """An indicator linked to the challenge (the preliminary analysis's section on it) that
    fell from 80 to 78 although it should rise."""
    area = Area.objects.create(name="Kompetens")
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    indicator = Indicator.objects.create(
        code="N00914", name="Andel förvärvsarbetande", area=area, unit="%", source="other"
    )
    for year, value in [(2022, 80), (2023, 78)]:
        IndicatorValue.objects.create(indicator=indicator, year=year, geography=county, value=value)
    analysis = StatusAnalysis.objects.create(cycle=cycle, stage="preliminary", title="Analys")
    section = AnalysisSection.objects.create(analysis=analysis, challenge=skills, title="K")
    section.indicators.set([indicator])
    return indicator


@pytest.fixture
def picture(cycle):
    from situation.models import Picture

    return Picture.objects.create(cycle=cycle, introduction="Så **ser det ut**.<script>x</script>")


@pytest.fixture
def overlaps(cycle, skills, material, kil, eda, owner, outsider, society, work_meeting, falling):
    """Kil and Eda name one network in two ways, Föreningsalliansen says nothing on skills
    (a gap), and the workshop named a gap and an idea."""
    from .helpers import answer, note

    answer(material, kil, skills, ("network", "Region Värmlands kompetensnätverk"))
    answer(material, eda, skills, ("network", "RV Kompetensnätverket"))
    note(work_meeting, skills, "gap", "Ingen validering för vårdyrken", kil)
    note(work_meeting, skills, "idea", "Gemensam mentorbank", kil, eda)
