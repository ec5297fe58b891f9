"""The indicators' part of the demo: the strategy's four areas of effort, its 13 long-term
goals (placeholders: the texts are not public in our sources), the county and its
municipalities, the indicators named publicly and the four survey indicators, made-up values
for the years up to the upcoming cycle — every one marked as demo data — and each cycle's
status analysis: the 2023 final one and the upcoming cycle's preliminary one, a section per
focus challenge, in our own words."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from arshjul.demo import ORGANISATIONS, ensure
from survey.models import Survey

from .analysis import analysis_keep_values_from_before, analysis_list_as_material
from .models import (
    AnalysisSection,
    Area,
    Geography,
    Goal,
    Indicator,
    IndicatorValue,
    StatusAnalysis,
)
from .survey_values import survey_values_store

AREAS = [
    ("Förbättra livsvillkoren", "Hälsa, trygghet och delaktighet för alla som bor i Värmland."),
    ("Höja kompetensen", "Utbildning och kompetens som matchar arbetslivets behov."),
    ("Utveckla attraktiva platser", "Platser där människor vill bo, verka och besöka."),
    ("Stärka konkurrenskraften", "Ett näringsliv som förnyar sig och växer hållbart."),
]
GOALS_PER_AREA = [4, 3, 3, 3]  # 13 goals

COUNTY = ("0017", "Värmland (länet)")

# code, name, area (index), unit, source, kolada kpi, direction, levels, decimals, start, step
INDICATORS = [
    (
        "N00914",
        "Andel förvärvsarbetande 20–64 år",
        3,
        "%",
        "kolada",
        "N00914",
        "up",
        "municipalities",
        1,
        76.0,
        0.4,
    ),
    (
        "N15428",
        "Andel elever i åk 9 som är behöriga till ett yrkesprogram",
        1,
        "%",
        "kolada",
        "N15428",
        "up",
        "municipalities",
        1,
        82.0,
        0.3,
    ),
    (
        "N00401",
        "Utsläpp av växthusgaser, ton koldioxidekvivalenter per invånare",
        2,
        "ton/inv.",
        "kolada",
        "N00401",
        "down",
        "municipalities",
        1,
        5.8,
        -0.15,
    ),
    ("N01951", "Antal invånare", 2, "inv.", "kolada", "N01951", "up", "county", 0, 281000, 250),
    (
        "VS-GYM",
        "Andel som tagit gymnasieexamen inom fyra år",
        1,
        "%",
        "other",
        "",
        "up",
        "county",
        1,
        70.0,
        0.5,
    ),
    (
        "VS-SYSS-SV",
        "Förvärvsfrekvens, födda i Sverige",
        0,
        "%",
        "scb",
        "",
        "up",
        "county",
        1,
        81.0,
        0.2,
    ),
    (
        "VS-SYSS-UTL",
        "Förvärvsfrekvens, födda utomlands",
        0,
        "%",
        "scb",
        "",
        "up",
        "county",
        1,
        58.0,
        0.9,
    ),
    (
        "VS-VARD",
        "Andel som anser sig ha tillgång till den hälso- och sjukvård de behöver",
        0,
        "%",
        "other",
        "",
        "up",
        "county",
        1,
        78.0,
        -0.2,
    ),
    (
        "VS-FORTR",
        "Andel med högt förtroende för offentliga institutioner",
        0,
        "%",
        "other",
        "",
        "up",
        "county",
        1,
        45.0,
        0.3,
    ),
    (
        "VS-INNO",
        "Innovationsförmåga, index",
        3,
        "index",
        "other",
        "",
        "up",
        "county",
        2,
        0.41,
        0.008,
    ),
    (
        "VS-SOL",
        "Nätansluten solel, installerad effekt",
        2,
        "MW",
        "other",
        "",
        "up",
        "county",
        1,
        4.0,
        6.5,
    ),
    (
        "VS-VATTEN",
        "Vattenanvändning i jordbruket",
        2,
        "milj. m³",
        "other",
        "",
        "down",
        "county",
        2,
        3.1,
        -0.05,
    ),
    (
        "VS-ENERGI",
        "Andel förnybar energi i energiförsörjningen",
        2,
        "%",
        "other",
        "",
        "up",
        "county",
        1,
        62.0,
        1.1,
    ),
    (
        "ENK-1",
        "Andel ledningsgrupper med kompetensutveckling kopplad till strategins insatsområden",
        1,
        "%",
        "survey",
        "",
        "up",
        "county",
        1,
        0,
        0,
    ),
    (
        "ENK-2",
        "Andel ledningsgrupper med en dokumenterad plan för ledningens egen kompetensutveckling",
        1,
        "%",
        "survey",
        "",
        "up",
        "county",
        1,
        0,
        0,
    ),
    (
        "ENK-3",
        "Andel ledningsgrupper som instämmer (4–5) i att organisationen uppmuntrar nya arbetssätt",
        3,
        "%",
        "survey",
        "",
        "up",
        "county",
        1,
        0,
        0,
    ),
    (
        "ENK-4",
        "Andel ledningsgrupper som ändrat ett arbetssätt eller styrdokument på grund av strategin",
        3,
        "%",
        "survey",
        "",
        "up",
        "county",
        1,
        0,
        0,
    ),
]
FIRST_YEAR = 2015

# Which indicators speak to which focus challenge (by the challenge's name).
CHALLENGE_INDICATORS = {
    "demografi och utanförskap": ["N01951", "VS-SYSS-UTL", "VS-FORTR"],
    "kompetensförsörjning och matchningsproblematik": ["N15428", "VS-GYM", "ENK-1"],
    "klimatförändringar och yttre påverkan": ["N00401", "VS-SOL", "VS-ENERGI"],
}
SECTION_TEXT = (
    "Statistiken visar en del av bilden. **Vad den inte visar** – vad organisationerna gör, "
    "vad som har varit svårt och vad som har fungerat – fyller vi i tillsammans på "
    "arbetsmötet.\n\n"
    "- Vilka initiativ pågår redan?\n"
    "- Var finns glappen mellan det vi vill och det vi ser?\n"
)


def seed_cycle(cycle, *, past: bool) -> int:
    created = _seed_strategy()
    created += _seed_survey_values(cycle)
    created += _seed_analysis(cycle, past=past)
    return created


def _seed_strategy() -> int:
    """The areas, goals, places, indicators and their values (once, for every cycle)."""
    if Indicator.objects.exists():
        return 0
    created = 0
    areas = []
    for position, (name, description) in enumerate(AREAS):
        area, new = ensure(Area, {"name": name}, description=description, position=position)
        areas.append(area)
        created += new
    number = 1
    for area, count in zip(areas, GOALS_PER_AREA, strict=True):
        for _ in range(count):
            ensure(
                Goal, {"number": number}, area=area, text=f"Långsiktigt mål {number} (platshållare)"
            )
            number += 1
            created += 1
    county, _new = ensure(Geography, {"code": COUNTY[0]}, name=COUNTY[1], level="county")
    municipalities = [
        ensure(Geography, {"code": code}, name=name, level="municipality")[0]
        for name, category, code in ORGANISATIONS
        if category == "municipality"
    ]
    created += 1 + len(municipalities)
    last_year = timezone.localdate().year - 1
    rng = random.Random(2040)  # noqa: S311 - made-up values, the same each run
    values = []
    for position, row in enumerate(INDICATORS):
        code, name, area, unit, source, kpi, direction, levels, decimals, start, step = row
        indicator, _new = ensure(
            Indicator,
            {"code": code},
            name=name,
            area=areas[area],
            unit=unit,
            source=source,
            kolada_kpi=kpi,
            direction=direction,
            levels=levels,
            decimals=decimals,
            position=position,
        )
        created += 1
        if source == "survey":
            continue  # from the survey, never made up here
        places = [county] + (municipalities if levels == "municipalities" else [])
        for place in places:
            level = start * (1 + (rng.random() - 0.5) * 0.12) if place != county else start
            for year in range(FIRST_YEAR, last_year + 1):
                level += step + step * (rng.random() - 0.5) * 1.6
                values.append(
                    IndicatorValue(
                        indicator=indicator,
                        year=year,
                        geography=place,
                        value=Decimal(str(round(level, 3))),
                        source_note="",
                        is_demo=True,
                    )
                )
    IndicatorValue.objects.bulk_create(values)
    return created + len(values)


def _seed_survey_values(cycle) -> int:
    """The survey indicators' values, from the cycle's published survey results."""
    now = timezone.now()
    survey = Survey.objects.filter(cycle=cycle, results_published_at__lte=now).first()
    return survey_values_store(survey=survey) if survey else 0


def _seed_analysis(cycle, *, past: bool) -> int:
    stage = StatusAnalysis.Stage.FINAL if past else StatusAnalysis.Stage.PRELIMINARY
    title = f"Nulägesanalys {cycle.year}" if past else f"Preliminär nulägesanalys {cycle.year}"
    published = timezone.make_aware(
        datetime.datetime(cycle.year, 6, 1, 9)
        if past
        else datetime.datetime(cycle.year - 1, 11, 1, 9)
    )
    analysis, new = ensure(
        StatusAnalysis,
        {"cycle": cycle, "stage": stage},
        title=title,
        introduction=(
            "Nulägesanalysen beskriver var Värmland står i förhållande till strategins mål. "
            "Den bygger på indikatorerna och på det organisationerna delar med sig av.\n\n"
            + (
                "Den här versionen är **preliminär**: den kompletteras på arbetsmötet."
                if not past
                else "Den här versionen är **slutlig**, kompletterad med arbetsmötets resultat."
            )
        ),
        summary="Läget är blandat: flera indikatorer rör sig åt önskat håll, andra står still.",
        recommendations=(
            "1. Fortsätt följa upp indikatorerna varje år.\n"
            "2. Låt årets fokusutmaningar styra arbetsmötets grupper."
        ),
        published_at=published,
    )
    if not new:
        return 0
    indicators = {i.code: i for i in Indicator.objects.all()}
    for position, item in enumerate(cycle.cycle_challenges.select_related("challenge")):
        section = AnalysisSection.objects.create(
            analysis=analysis,
            challenge=item.challenge,
            title=item.challenge.name.capitalize(),
            text=SECTION_TEXT,
            position=position,
        )
        codes = CHALLENGE_INDICATORS.get(item.challenge.name, ["N00914"])
        section.indicators.set([indicators[c] for c in codes if c in indicators])
    if past:  # a record: the values there were when it was made final, not today's
        analysis_keep_values_from_before(analysis=analysis, year=cycle.year)
    analysis_list_as_material(analysis)
    return 1 + cycle.cycle_challenges.count()
