"""Fixtures of the follow-up report's tests: a cycle with a year before it, participants,
surveys, indicators and a lägesbild with known answers (the cycle and the cast are in
tests/conftest.py)."""

import datetime

import pytest
from django.utils import timezone

from followup.models import Report
from indicators.models import Area, Geography, Indicator
from meetings.models import Meeting
from tests import factories
from tests.followup.helpers import participants, values


@pytest.fixture
def previous_cycle(cycle):
    """The 2026 cycle, the year before the upcoming one."""
    return factories.cycle_with_meetings(2026)


@pytest.fixture
def university(db):
    return factories.organisation(name="Karlstads universitet", category="university")


def _meeting(cycle, kind):
    return Meeting.objects.get(cycle=cycle, kind=kind)


@pytest.fixture
def taking_part(cycle, previous_cycle, kil, eda, university):
    """Who took part, with a known answer.

    2027 work meeting: Kil 3 confirmed (+1 waiting, +1 cancelled), Eda 2, the university 1,
    "Föreningen Norr" (not in the register, written two ways) 2: municipalities 2
    organisations / 5 people, university 1/1, not in the register 1/2; in all 4 / 8.
    2026 work meeting: Kil 2, the university 2: municipalities 1/2, university 1/2; 2 / 4.
    2027 direction meeting: Kil 1; 2026's: nobody. The conferences: nobody."""
    work, direction = (_meeting(cycle, k) for k in ("work_meeting", "direction_meeting"))
    participants(work, kil, 3)
    participants(work, kil, 1, status="waiting")
    participants(work, kil, 1, status="cancelled")
    participants(work, eda, 2)
    participants(work, university, 1)
    participants(work, None, 1, name="Föreningen Norr", prefix="norr1")
    participants(work, None, 1, name="föreningen  norr", prefix="norr2")
    participants(direction, kil, 1, prefix="kil-riktning")
    before = _meeting(previous_cycle, "work_meeting")
    participants(before, kil, 2)
    participants(before, university, 2)
    return work


@pytest.fixture
def surveys(cycle, previous_cycle, kil, eda, university):
    """The 2027 survey: 4 groups, 3 answered (75,0 %): ENK-1 yes, yes, no (66,7 %), ENK-3
    4, 2, 2 (33,3 %); its results public. The 2026 survey: 2 of the 4 answered (50,0 %);
    too few for an indicator's value ("för få svar")."""
    groups = [factories.leadership_group(org) for org in (kil, eda, university)]
    groups.append(factories.leadership_group(university, name="Fakultetsledning"))
    survey = factories.survey(cycle, results_published_at=timezone.now())
    for group, yes, scale in zip(groups, ["yes", "yes", "no"], ["4", "2", "2"], strict=False):
        factories.submitted_response(survey, group, {"yes": yes, "scale": scale})
    before = factories.survey(previous_cycle, results_published_at=timezone.now())
    for group in groups[:2]:
        factories.submitted_response(before, group, {"yes": "yes", "scale": "5"})
    return survey


@pytest.fixture
def indicators(db):
    """Two areas. "Stärka konkurrenskraften": employment rising (desired), unemployment
    rising (not desired: it should fall), solar with one value (no trend) — 3 indicators,
    2 with a trend, 1 the desired way. "Hållbar livsmiljö": emissions falling (desired) —
    1, 1, 1."""
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    growth = Area.objects.create(name="Stärka konkurrenskraften", position=0)
    living = Area.objects.create(name="Hållbar livsmiljö", position=1)
    made = {
        "employment": Indicator.objects.create(
            code="N00914", name="Förvärvsarbetande", area=growth
        ),
        "unemployment": Indicator.objects.create(
            code="N03923", name="Arbetslöshet", area=growth, direction="down"
        ),
        "solar": Indicator.objects.create(code="VS-SOL", name="Solel", area=growth),
        "emissions": Indicator.objects.create(
            code="VS-CO2", name="Utsläpp", area=living, direction="down"
        ),
    }
    values(made["employment"], county, {2022: 79.5, 2023: 80.2})
    values(made["unemployment"], county, {2022: 6.1, 2023: 6.8})
    values(made["solar"], county, {2023: 8.0})
    values(made["emissions"], county, {2021: 3.4, 2022: 3.1})
    return made


@pytest.fixture
def report(cycle):
    """The 2027 report, a draft, with staff's words."""
    return Report.objects.create(
        cycle=cycle,
        conclusions="Vi **kroka arm** kring kompetens.\n\n<script>alert('x')</script>",
        next_steps="Konferensens tema blir *matchning*.",
    )


@pytest.fixture
def conference(cycle):
    meeting = _meeting(cycle, "conference")
    meeting.summary = "Tema: kompetens som räcker till alla"
    meeting.date = datetime.date(2027, 9, 29)
    meeting.save()
    return meeting


@pytest.fixture
def visitor():
    """Someone not signed in, reading the public pages (served through the page cache)."""
    from django.test import Client

    return Client()


@pytest.fixture
def published(report, private_files):
    """The 2027 report, published (its PDF made in the background)."""
    from django.test import TestCase

    from followup import services

    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.report_publish(report=report)


@pytest.fixture
def known_picture(cycle):
    """A published lägesbild of 2027 with known gaps and matches, as situation.compile's
    format has them (only what the report reads is filled in)."""
    from situation.models import Picture

    challenges = list(cycle.cycle_challenges.select_related("challenge").order_by("position"))
    snapshot = {
        "year": 2027,
        "challenges": [
            {
                "id": challenges[0].challenge_id,
                "name": challenges[0].challenge.name,
                "indicators": [],
                "survey_indicators": [],
                "entries": [],
                "workshop": [],
                "gaps": [
                    {
                        "rule": "category_absent",
                        "rule_label": "En kategori saknas",
                        "text": "Inga lärosäten arbetar med utmaningen.",
                    }
                ],
                "matches": [
                    {
                        "rule": "same_network",
                        "rule_label": "Samma nätverk",
                        "what": "Nätverket Unga in",
                        "text": "Två organisationer nämner samma nätverk.",
                        "organisations": [
                            {"name": "Kils kommun", "contacts": []},
                            {"name": "Eda kommun", "contacts": []},
                        ],
                    }
                ],
            },
            {
                "id": challenges[1].challenge_id,
                "name": challenges[1].challenge.name,
                "indicators": [],
                "survey_indicators": [],
                "entries": [],
                "workshop": [],
                "gaps": [],
                "matches": [],
            },
        ],
    }
    return Picture.objects.create(cycle=cycle, snapshot=snapshot, published_at=timezone.now())
