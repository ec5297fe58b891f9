"""The meetings' part of the demo: the customer's three meetings in every demo cycle (with
the 2023 cycle's documentation) and the material to read. Registered as a seeder of
:mod:`arshjul.demo`."""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from arshjul.demo import DEADLINE, ensure

from .models import Material, Meeting

DEMO_FILES = Path(__file__).resolve().parent.parent / "arshjul" / "demo_files"

VENUE = {"venue_name": "Nöjesfabriken", "venue_address": "Västra Torggatan 26, Karlstad"}
CONTACT = {
    "contact_name": "Maria Lindgren",
    "contact_email": "maria.lindgren@example.org",
    "contact_phone": "010-000 00 00",
}

# Each meeting: its fields; "on" is (month, day) in the cycle's year; "opens"/"closes" are
# (month, day) in the year before, "closes_in_year" (month, day) in the cycle's year.
MEETINGS = [
    {
        "kind": "work_meeting",
        "title": "Arbetsmöte",
        "slug": "arbetsmote",
        "on": (1, 13),
        "starts_at": (9, 0),
        "ends_at": (16, 0),
        "participation": "coordinators",
        "opens": (10, 3),
        "closes": DEADLINE,
        "has_workshop_groups": True,
        "summary": "En heldag där vi går igenom den preliminära nulägesanalysen och "
        "kompletterar den i workshoppar, en per fokusutmaning.",
        "description": "Vi tar del av regionens preliminära nulägesanalys och arbetar sedan i "
        "grupper med årets fokusutmaningar. Vi samlar initiativ, forum, nätverk och beslut, "
        "delar lärdomar om vad som varit svårt och vad som fungerat, och resonerar om vilka "
        "strukturer vi vill skapa, bryta och behålla.\n\n"
        "Det som kommer fram blir en del av underlaget för politiker, beslutsfattare och chefer.",
        "audience": "Mötet vänder sig främst till tjänstepersoner och sakkunniga. Varje "
        "organisation väljer själv hur många som deltar: vem har insikter och exempel kring "
        "fokusutmaningarna och indikatorerna, eller kan se vad som saknas?",
        "documentation": "Drygt hundra sakkunniga från det regionala ledarskapet deltog. "
        "Gruppernas resultat har förts in i nulägesanalysen, och en sammanfattning finns nedan.",
        **VENUE,
    },
    {
        "kind": "direction_meeting",
        "title": "Riktningsmöte",
        "slug": "riktningsmote",
        "on": (3, 23),
        "starts_at": (9, 0),
        "ends_at": (12, 30),
        "participation": "invitation",
        "closes_in_year": (3, 9),
        "capacity": 80,
        "summary": "Politiker, beslutsfattare och chefer tar vid där arbetsmötet slutade och "
        "samtalar om en möjlig riktning framåt.",
        "description": "Utgångspunkten är den gemensamma lägesbilden från arbetsmötet. Utifrån "
        "den letar vi glapp i det regionala utvecklingsarbetet och ser var vi kan samarbeta.",
        "audience": "Politiker, beslutsfattare och chefer i det regionala ledarskapet. "
        "Inbjudan skickas till berörda.",
        "documentation": "Samtalet ringade in tre områden där fler organisationer vill samarbeta "
        "under året. De tas vidare till höstens konferens.",
        **VENUE,
    },
    {
        "kind": "conference",
        "title": "Konferensen Värmland 2040",
        "slug": "konferens",
        "on": (9, 29),
        "starts_at": (9, 0),
        "ends_at": (16, 0),
        "participation": "open",
        "opens": (11, 1),
        "closes_in_year": (9, 15),
        "capacity": 300,
        "summary": "Den årliga konferensen för alla som vill vara med och utveckla Värmland – "
        "förhoppningsvis riktigt många.",
        "description": "Konferensens tema bestäms utifrån det som kommer fram på arbetsmötet och "
        "riktningsmötet. Anmälan är öppen för alla: anmäl dig redan nu, så får du programmet "
        "när det är klart.",
        "audience": "Alla som är intresserade av Värmlands utveckling.",
        "documentation": "Presentationer och ett referat från konferensen publiceras här.",
        "venue_name": "Karlstad CCC",
        "venue_address": "Tage Erlandergatan 8, Karlstad",
    },
]

# Materials for each cycle (files in arshjul/demo_files/), published from (month, day) of
# the year before the cycle.
# (The status analysis is the indicators app's: it lists itself as material when published.)
MATERIALS = [
    {
        "title": "Vägledning och arbetsmaterial",
        "description": "Så förbereder ni er organisation: frågorna att besvara per "
        "fokusutmaning, och tips för att komma igång.",
        "file": "vagledning-arbetsmaterial.pdf",
        "published": (11, 1),
        "audience": "coordinators",
    },
]
DOCUMENTATION_FILE = "dokumentation-arbetsmote.pdf"


def seed_cycle(cycle, *, past: bool) -> int:
    """The meetings and materials of one demo cycle; returns how many rows it created."""
    created = sum(_seed_meeting(cycle, fields, past=past) for fields in MEETINGS)
    return created + _seed_materials(cycle, past=past)


def _seed_meeting(cycle, fields, *, past: bool) -> int:
    fields = dict(fields)
    year = cycle.year
    on, opens, closes = fields.pop("on"), fields.pop("opens", None), fields.pop("closes", None)
    closes_in_year = fields.pop("closes_in_year", None)
    starts, ends = fields.pop("starts_at", None), fields.pop("ends_at", None)
    documentation = fields.pop("documentation")
    if opens:
        fields["registration_opens_at"] = timezone.make_aware(
            datetime.datetime(year - 1, *opens, 8, 0)
        )
    if closes or closes_in_year:
        fields["registration_closes_at"] = timezone.make_aware(
            datetime.datetime(year - 1, *closes, 23, 59, 59)
            if closes
            else datetime.datetime(year, *closes_in_year, 23, 59, 59)
        )
    _, created = ensure(
        Meeting,
        {"cycle": cycle, "slug": fields.pop("slug")},
        date=datetime.date(year, *on),
        starts_at=datetime.time(*starts) if starts else None,
        ends_at=datetime.time(*ends) if ends else None,
        published=True,
        # A past cycle has its documentation; the upcoming one has a meeting to come.
        documentation=documentation if past else "",
        **CONTACT,
        **fields,
    )
    return int(created)


def _seed_materials(cycle, *, past: bool) -> int:
    created = 0
    for item in MATERIALS:
        created += _ensure_material(
            cycle,
            None,
            item["title"],
            description=item["description"],
            audience=item.get("audience", Material.Audience.EVERYONE),
            filename=item["file"],
            published_from=timezone.make_aware(
                datetime.datetime(cycle.year - 1, *item["published"], 9, 0)
            ),
        )
    if past:
        work_meeting = cycle.meetings.get(slug="arbetsmote")
        created += _ensure_material(
            cycle,
            work_meeting,
            f"Dokumentation från arbetsmötet {cycle.year}",
            description="Sammanfattning av gruppernas resultat.",
            filename=DOCUMENTATION_FILE,
            kind=Material.Kind.DOCUMENTATION,
            published_from=timezone.make_aware(
                datetime.datetime.combine(
                    work_meeting.date + datetime.timedelta(days=14), datetime.time(9)
                )
            ),
        )
    return created


def _ensure_material(cycle, meeting, title, *, filename, **fields) -> int:
    if Material.objects.filter(cycle=cycle, title=title).exists():
        return 0
    material = Material(cycle=cycle, meeting=meeting, title=title, **fields)
    material.file.save(filename, ContentFile((DEMO_FILES / filename).read_bytes()), save=False)
    material.full_clean()
    material.save()
    return 1
