"""Demo data: the regional leadership of Värmland and the 2023 cycle as the customer described
it, plus an upcoming cycle on the same pattern. Everything here is editable data once loaded;
people are fictional and use example.org addresses."""

import datetime

from django.utils.text import slugify

STRATEGY = {
    "name": "Värmlandsstrategin 2021–2040",
    "vision": "Ett hållbart Värmland som förändrar världen",
    "background": (
        "Värmlandsstrategin följs upp varje år med hjälp av dess indikatorer. Men mycket av det "
        "som görs i länet syns inte i statistiken.\n\n"
        "Därför möts det regionala ledarskapet i ett årshjul med tre mötestillfällen: ett "
        "arbetsmöte, ett riktningsmöte och en konferens. När varje organisation delar sina "
        "uppföljningar och lärdomar får vi tillsammans en bild av var Värmland står, var det finns "
        "glapp och var vi kan samarbeta – ett underlag för insatser som gör skillnad."
    ),
}

ORGANISER = "Region Värmland"

# (name, category, kommunkod)
ORGANISATIONS = [
    ("Region Värmland", "region", ""),
    ("Kils kommun", "municipality", "1715"),
    ("Eda kommun", "municipality", "1730"),
    ("Torsby kommun", "municipality", "1737"),
    ("Storfors kommun", "municipality", "1760"),
    ("Hammarö kommun", "municipality", "1761"),
    ("Munkfors kommun", "municipality", "1762"),
    ("Forshaga kommun", "municipality", "1763"),
    ("Grums kommun", "municipality", "1764"),
    ("Årjängs kommun", "municipality", "1765"),
    ("Sunne kommun", "municipality", "1766"),
    ("Karlstads kommun", "municipality", "1780"),
    ("Kristinehamns kommun", "municipality", "1781"),
    ("Filipstads kommun", "municipality", "1782"),
    ("Hagfors kommun", "municipality", "1783"),
    ("Arvika kommun", "municipality", "1784"),
    ("Säffle kommun", "municipality", "1785"),
    ("Länsstyrelsen Värmland", "county_board", ""),
    ("Karlstads universitet", "university", ""),
    ("Värmlands idéburna", "civil_society", ""),
    ("RF-SISU Värmland", "civil_society", ""),
    ("Paper Province", "cluster", ""),
    ("Compare", "cluster", ""),
    ("Stål och Verkstad", "cluster", ""),
    ("Visit Värmland", "cluster", ""),
    ("Almi Företagspartner Värmland", "cluster", ""),
    ("Karlstad Business Region", "cluster", ""),
    ("Försäkringskassan", "state_agency", ""),
    ("Arbetsförmedlingen", "state_agency", ""),
]

CHALLENGES = [
    (
        "demografi och utanförskap",
        "En åldrande befolkning, flyttmönster och grupper som står utanför arbete och samhälle.",
    ),
    (
        "kompetensförsörjning och matchningsproblematik",
        "Arbetsgivare som inte hittar rätt kompetens, och människor vars kompetens inte "
        "tas tillvara.",
    ),
    (
        "klimatförändringar och yttre påverkan",
        "Ett förändrat klimat och omvärldshändelser som påverkar länets förutsättningar.",
    ),
]

# The customer's 2023 cycle. Day and month are reused for the upcoming cycle.
TEMPLATE_YEAR = 2023
DEADLINE = (12, 19)  # the work meeting's sign-up and the survey close on this day, year before

VENUE = {"venue_name": "Nöjesfabriken", "venue_address": "Västra Torggatan 26, Karlstad"}
CONTACT = {
    "contact_name": "Maria Lindgren",
    "contact_email": "maria.lindgren@example.org",
    "contact_phone": "010-000 00 00",
}

# Each meeting: its fields; "on" is (month, day) in the cycle's year; "opens"/"closes" are
# (month, day) in the year before.
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
        "participation": "undecided",
        "summary": "Den årliga konferensen för alla som vill vara med och utveckla Värmland – "
        "förhoppningsvis riktigt många.",
        "description": "Konferensens tema bestäms utifrån det som kommer fram på arbetsmötet och "
        "riktningsmötet. Skriv in datumet i kalendern redan nu.",
        "audience": "Alla som är intresserade av Värmlands utveckling.",
        "documentation": "Presentationer och ett referat från konferensen publiceras här.",
        "venue_name": "Karlstad CCC",
        "venue_address": "Tage Erlandergatan 8, Karlstad",
    },
]

# Materials for each cycle (files in arshjul/demo_files/), published from (month, day) of
# the year before the cycle.
MATERIALS = [
    {
        "title": "Preliminär nulägesanalys",
        "description": "Regionens bild av läget för strategins mål och årets fokusutmaningar, "
        "att läsa inför arbetsmötet.",
        "file": "nulagesanalys-preliminar.pdf",
        "published": (11, 1),
    },
    {
        "title": "Vägledning och arbetsmaterial",
        "description": "Så förbereder ni er organisation: frågorna att besvara per "
        "fokusutmaning, och tips för att komma igång.",
        "file": "vagledning-arbetsmaterial.pdf",
        "published": (11, 1),
    },
]
DOCUMENTATION_FILE = "dokumentation-arbetsmote.pdf"

INTRODUCTION = (
    "Årshjulet samlar det regionala ledarskapet tre gånger under året för att följa upp "
    "Värmlandsstrategin och lära av varandra. Här ser du vad som händer och när."
)

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Eva",
    "Johan",
    "Sara",
    "Per",
    "Lena",
    "Mikael",
    "Emma",
    "Jonas",
    "Ingrid",
    "Fredrik",
    "Elin",
    "Magnus",
    "Sofia",
    "Henrik",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Lund",
    "Holm",
]

# One person coordinating several organisations in the upcoming cycle (they choose which
# organisation to act for when signing in).
SHARED_COORDINATOR = ("Karin Lund", "karin.lund@example.org", ["Paper Province", "Compare"])

STAFF_USERNAME = "personal"
STAFF_EMAIL = "personal@example.org"
STAFF_PASSWORD = "arshjul-demo"  # noqa: S105 - a local demo account; seed_demo refuses DEBUG=false


def upcoming_cycle_year(today: datetime.date) -> int:
    """The year of the cycle whose deadline (19 December, end of day) is the next from today."""
    deadline_year = today.year if (today.month, today.day) <= DEADLINE else today.year + 1
    return deadline_year + 1


def coordinator_for(index: int, organisation: str, year: int) -> tuple[str, str]:
    """A fictional coordinator, the same for a given organisation and year each run."""
    first = FIRST_NAMES[(index * 7 + year) % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 3 + year // 2) % len(LAST_NAMES)]
    email = f"{slugify(first)}.{slugify(last)}.{slugify(organisation)[:20]}@example.org"
    return f"{first} {last}", email


def contact_email(organisation: str) -> str:
    return f"kontakt@{slugify(organisation)}.example.org"
