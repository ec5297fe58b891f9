"""The indicators' part of the demo: the strategy's four areas of effort, its 13 long-term
goals and 48 indicators (the goal texts and most indicators are placeholders, saying so: they
are not public in our sources), the county and its municipalities, made-up values for the years
up to the upcoming cycle — every one marked as demo data — and each cycle's
status analysis: the 2023 final one and the upcoming cycle's preliminary one, a section per
focus challenge, in our own words."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from arshjul.demo import ORGANISATIONS, ensure
from arshjul.lib import page_cache
from survey.models import Survey

from .models import (
    AnalysisSection,
    Area,
    Geography,
    Goal,
    Indicator,
    IndicatorValue,
    StatusAnalysis,
)
from .services import (
    analysis_keep_values_from_before,
    analysis_list_as_material,
    survey_values_store,
)

AREAS = [
    ("Förbättra livsvillkoren", "Hälsa, trygghet och delaktighet för alla som bor i Värmland."),
    ("Höja kompetensen", "Utbildning och kompetens som matchar arbetslivets behov."),
    ("Utveckla attraktiva platser", "Platser där människor vill bo, verka och besöka."),
    ("Stärka konkurrenskraften", "Ett näringsliv som förnyar sig och växer hållbart."),
]

COUNTY = ("0017", "Värmland (länet)")
FIRST_YEAR = 2015

NAMED = "Namngiven i Värmlandsstrategins uppföljning. Värdena i demon är påhittade."
FROM_KOLADA = (
    "Från Kolada ({kpi}). Värdena i demon är påhittade: hämta de riktiga från Kolada i "
    "administrationen (Indikatorer → Hämta värdena från Kolada)."
)
FROM_SURVEY = "Från ledningsenkäten: andelen av de svarande ledningsgrupperna."
PLACEHOLDER = (
    "Platshållare i demon: en tänkbar indikator, inte en av strategins egna, med påhittade "
    "värden. Byt den mot strategins indikator i administrationen."
)


@dataclass(frozen=True)
class DemoIndicator:
    """An indicator of the demo, under its goal (by number), and how its made-up values go:
    from ``start`` in FIRST_YEAR, about ``step`` a year."""

    goal: int
    code: str
    name: str
    unit: str
    start: float = 0
    step: float = 0
    direction: str = "up"
    decimals: int = 1
    source: str = "other"
    kolada_kpi: str = ""
    levels: str = "county"
    description: str = PLACEHOLDER


def placeholder(goal, code, name, unit, start, step, **options) -> DemoIndicator:
    """One made up for the demo, saying so in its description."""
    return DemoIndicator(goal, code, name, unit, start, step, **options)


def named(goal, code, name, unit, start, step, **options) -> DemoIndicator:
    """One the strategy names publicly (its values still made up)."""
    return DemoIndicator(goal, code, name, unit, start, step, description=NAMED, **options)


def kolada(goal, kpi, name, unit, start, step, **options) -> DemoIndicator:
    """One the strategy names, from Kolada (its values made up until staff fetch them)."""
    description = FROM_KOLADA.format(kpi=kpi)
    options |= {"source": "kolada", "kolada_kpi": kpi, "description": description}
    return DemoIndicator(goal, kpi, name, unit, start, step, **options)


def survey(goal, code, name) -> DemoIndicator:
    """One of the leadership survey's four: its values come from the survey's results."""
    return DemoIndicator(goal, code, name, "%", source="survey", description=FROM_SURVEY)


MUNICIPALITIES = {"levels": "municipalities"}
DOWN = {"direction": "down"}

# The strategy's four areas of effort (by their index in AREAS) and its 13 long-term goals
# (numbered from 1), and its 48 indicators, each under its goal. The goal texts and 30 of the
# indicators are not public in our sources: placeholders, saying so, for staff to replace.
GOALS = [
    (0, "God och jämlik hälsa"),  # 1
    (0, "Tillit och delaktighet"),  # 2
    (0, "Arbete och egen försörjning för alla"),  # 3
    (0, "Goda uppväxtvillkor för barn och unga"),  # 4
    (1, "Alla fullföljer en utbildning"),  # 5
    (1, "Lärande genom hela livet"),  # 6
    (1, "Kompetens som matchar arbetslivets behov"),  # 7
    (2, "Fler vill bo och verka i Värmland"),  # 8
    (2, "Nära till service och kommunikationer"),  # 9
    (2, "Ett klimatsmart Värmland"),  # 10
    (3, "Fler i arbete"),  # 11
    (3, "Ett innovativt näringsliv"),  # 12
    (3, "Hållbar tillväxt i hela länet"),  # 13
]
INDICATORS = [
    named(
        1,
        "VS-VARD",
        "Andel som anser sig ha tillgång till den hälso- och sjukvård de behöver",
        "%",
        78.0,
        -0.2,
    ),
    placeholder(1, "VS-LIVSL", "Medellivslängd", "år", 81.6, 0.12),
    placeholder(
        1, "VS-HALSA", "Andel 16–84 år med bra eller mycket bra självskattad hälsa", "%", 70.5, 0.2
    ),
    placeholder(
        1,
        "VS-OHALSA",
        "Ohälsotal, dagar med ersättning per invånare 16–64 år",
        "dagar",
        31.0,
        -0.6,
        **DOWN,
    ),
    named(2, "VS-FORTR", "Andel med högt förtroende för offentliga institutioner", "%", 45.0, 0.3),
    placeholder(
        2, "VS-TRYGG", "Andel som känner sig trygga ute ensamma på kvällen", "%", 72.0, -0.3
    ),
    placeholder(
        2, "VS-PAVERKA", "Andel som anser sig kunna påverka politiska beslut", "%", 31.0, 0.2
    ),
    named(3, "VS-SYSS-SV", "Förvärvsfrekvens, födda i Sverige", "%", 81.0, 0.2, source="scb"),
    named(3, "VS-SYSS-UTL", "Förvärvsfrekvens, födda utomlands", "%", 58.0, 0.9, source="scb"),
    placeholder(
        3, "VS-EKBIST", "Andel invånare med ekonomiskt bistånd under året", "%", 4.6, -0.1, **DOWN
    ),
    placeholder(
        3,
        "VS-LANGTID",
        "Andel av arbetskraften som varit arbetslös mer än ett år",
        "%",
        3.4,
        -0.05,
        **DOWN,
    ),
    placeholder(
        4, "VS-BARNFATT", "Andel barn i hushåll med låg ekonomisk standard", "%", 14.0, -0.2, **DOWN
    ),
    placeholder(
        4,
        "VS-UVAS",
        "Andel unga 16–24 år som varken arbetar eller studerar",
        "%",
        8.5,
        -0.1,
        **DOWN,
    ),
    placeholder(4, "VS-UNGHALSA", "Andel gymnasieelever som säger att de mår bra", "%", 62.0, -0.4),
    kolada(
        5,
        "N15428",
        "Andel elever i åk 9 som är behöriga till ett yrkesprogram",
        "%",
        82.0,
        0.3,
        **MUNICIPALITIES,
    ),
    named(5, "VS-GYM", "Andel som tagit gymnasieexamen inom fyra år", "%", 70.0, 0.5),
    placeholder(
        5, "VS-LARARE", "Andel legitimerade och behöriga lärare i grundskolan", "%", 72.0, 0.4
    ),
    placeholder(5, "VS-FORSKOLA", "Andel barn 1–5 år inskrivna i förskola", "%", 86.0, 0.3),
    placeholder(6, "VS-EFTERGYMN", "Andel 25–64 år med eftergymnasial utbildning", "%", 36.0, 0.5),
    placeholder(6, "VS-YH", "Antal studerande i yrkeshögskolan", "personer", 1450, 40, decimals=0),
    placeholder(6, "VS-VUX", "Andel 25–64 år i kommunal vuxenutbildning", "%", 5.2, 0.05),
    survey(
        7,
        "ENK-1",
        "Andel ledningsgrupper med kompetensutveckling kopplad till strategins insatsområden",
    ),
    survey(
        7,
        "ENK-2",
        "Andel ledningsgrupper med en dokumenterad plan för ledningens egen kompetensutveckling",
    ),
    placeholder(
        7, "VS-MATCH", "Andel förvärvsarbetande vars utbildning matchar yrket", "%", 67.0, 0.2
    ),
    placeholder(
        7,
        "VS-REKRYT",
        "Andel arbetsgivare som upplever brist vid rekrytering",
        "%",
        33.0,
        0.8,
        **DOWN,
    ),
    kolada(8, "N01951", "Antal invånare", "inv.", 281000, 250, decimals=0),
    placeholder(
        8, "VS-FLYTT", "Flyttnetto, inflyttade minus utflyttade", "personer", 600, 40, decimals=0
    ),
    placeholder(
        8, "VS-BOSTAD", "Färdigställda bostäder per 1 000 invånare", "per 1 000 inv.", 2.1, 0.08
    ),
    placeholder(
        9, "VS-BREDB", "Andel hushåll med tillgång till bredband om minst 1 Gbit/s", "%", 62.0, 2.5
    ),
    placeholder(9, "VS-KOLL", "Resor med kollektivtrafik per invånare", "resor/inv.", 38.0, 0.6),
    placeholder(
        9, "VS-SERVICE", "Andel med högst tio minuter till en dagligvarubutik", "%", 92.0, 0.05
    ),
    kolada(
        10,
        "N00401",
        "Utsläpp av växthusgaser, ton koldioxidekvivalenter per invånare",
        "ton/inv.",
        5.8,
        -0.15,
        **DOWN,
        **MUNICIPALITIES,
    ),
    named(10, "VS-CO2", "Utsläpp av koldioxid i länet", "tusen ton", 1850, -35, decimals=0, **DOWN),
    named(10, "VS-SOL", "Nätansluten solel, installerad effekt", "MW", 4.0, 6.5),
    named(
        10, "VS-VATTEN", "Vattenanvändning i jordbruket", "milj. m³", 3.1, -0.05, decimals=2, **DOWN
    ),
    named(10, "VS-ENERGI", "Andel förnybar energi i energiförsörjningen", "%", 62.0, 1.1),
    placeholder(10, "VS-SKYDD", "Andel av landarealen som är skyddad natur", "%", 4.1, 0.1),
    kolada(11, "N00914", "Andel förvärvsarbetande 20–64 år", "%", 76.0, 0.4, **MUNICIPALITIES),
    placeholder(
        11,
        "VS-ARBL",
        "Andel öppet arbetslösa och sökande i program, 16–64 år",
        "%",
        7.8,
        -0.1,
        **DOWN,
    ),
    placeholder(
        11, "VS-INK", "Medianinkomst för förvärvsarbetande 20–64 år", "kr", 285000, 7000, decimals=0
    ),
    named(12, "VS-INNO", "Innovationsförmåga, index", "index", 0.41, 0.008, decimals=2),
    placeholder(
        12, "VS-FOU", "Utgifter för forskning och utveckling, andel av BRP", "%", 1.6, 0.03
    ),
    placeholder(
        12, "VS-NYFTG", "Nystartade företag per 1 000 invånare", "per 1 000 inv.", 8.2, 0.1
    ),
    survey(
        12,
        "ENK-3",
        "Andel ledningsgrupper som instämmer (4–5) i att organisationen uppmuntrar nya arbetssätt",
    ),
    survey(
        12,
        "ENK-4",
        "Andel ledningsgrupper som ändrat ett arbetssätt eller styrdokument på grund av strategin",
    ),
    placeholder(13, "VS-BRP", "Bruttoregionprodukt per invånare", "tkr", 420, 9, decimals=0),
    placeholder(13, "VS-EXPORT", "Andel företag som exporterar", "%", 11.0, 0.1),
    placeholder(
        13,
        "VS-GASTN",
        "Gästnätter på hotell, stugbyar, vandrarhem och camping",
        "tusental",
        2900,
        40,
        decimals=0,
    ),
]

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
    """The areas, goals and places, and the indicators a demo loaded before lacks, with their
    values: every row already there is left as staff left it."""
    areas = [
        ensure(Area, {"name": name}, description=description, position=position)
        for position, (name, description) in enumerate(AREAS)
    ]
    goals = {
        number: ensure(Goal, {"number": number}, area=areas[area][0], text=f"{text} (platshållare)")
        for number, (area, text) in enumerate(GOALS, 1)
    }
    county = ensure(Geography, {"code": COUNTY[0]}, name=COUNTY[1], level="county")
    municipalities = [
        ensure(Geography, {"code": code}, name=name, level="municipality")
        for name, category, code in ORGANISATIONS
        if category == "municipality"
    ]
    created = sum(new for _row, new in [*areas, *goals.values(), county, *municipalities])
    present = set(Indicator.objects.values_list("code", flat=True))
    positions = {row.code: position for position, row in enumerate(INDICATORS)}
    rows = [row for row in INDICATORS if row.code not in present]
    if not rows:
        return created
    indicators = [_indicator(row, goals[row.goal][0], position=positions[row.code]) for row in rows]
    Indicator.objects.bulk_create(indicators)
    last_year = timezone.localdate().year - 1
    places = [county[0], *(place for place, _new in municipalities)]
    values = [
        value
        for row, indicator in zip(rows, indicators, strict=True)
        for value in _made_up_values(row, indicator, places, last_year=last_year)
    ]
    IndicatorValue.objects.bulk_create(values, batch_size=1000)
    # bulk_create sends no signal: the pages that show them are told here.
    page_cache.rows_changed(Indicator)
    page_cache.rows_changed(IndicatorValue)
    return created + len(indicators) + len(values)


def _indicator(row: DemoIndicator, goal: Goal, *, position: int) -> Indicator:
    indicator = Indicator(
        code=row.code,
        name=row.name,
        description=row.description,
        area_id=goal.area_id,
        goal=goal,
        unit=row.unit,
        source=row.source,
        kolada_kpi=row.kolada_kpi,
        direction=row.direction,
        levels=row.levels,
        decimals=row.decimals,
        position=position,
    )
    # Checked as staff's would be, without a query per row (the area and goal are ours).
    indicator.clean_fields(exclude=["area", "goal"])
    indicator.clean()
    return indicator


def _made_up_values(row: DemoIndicator, indicator, places, *, last_year: int):
    """Every year's value from FIRST_YEAR for the county (and its municipalities, where the
    indicator has them): about ``step`` a year, the same each run (none for the survey's)."""
    if row.source == "survey":
        return
    rng = random.Random(row.code)  # noqa: S311 - made up, the same each run
    county, *municipalities = places
    for place in [county, *(municipalities if row.levels == "municipalities" else [])]:
        level = row.start if place == county else row.start * (1 + (rng.random() - 0.5) * 0.12)
        for year in range(FIRST_YEAR, last_year + 1):
            level += row.step + row.step * (rng.random() - 0.5) * 1.6
            if row.unit == "%":
                level = min(max(level, 0.0), 100.0)
            yield IndicatorValue(
                indicator=indicator,
                year=year,
                geography=place,
                value=Decimal(str(round(level, 3))),
                is_demo=True,
            )


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
    analysis_list_as_material(analysis=analysis)
    return 1 + cycle.cycle_challenges.count()
