"""Demo data: the regional leadership of Värmland and the 2023 cycle as the customer described
it, plus an upcoming cycle on the same pattern. Everything here is editable data once loaded;
people are fictional and use example.org addresses.

This module holds the shared domain's part (organisations, the strategy, challenges, cycles,
coordinators); each app has its own part of every cycle in its ``demo.py``, and
:data:`pages.demo.SEEDERS` says which, in order (``manage.py seed_demo`` runs them).
"""

import datetime

from django.utils.text import slugify

from .deadlines import ANNUAL_DEADLINE_DAY


def ensure(model, lookup: dict, **defaults):
    """Get the row, or validate and create it; an existing row is left as staff left it.
    Returns (row, created)."""
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj, False
    obj = model(**lookup, **defaults)
    obj.full_clean()
    obj.save()
    return obj, True


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

# The organiser's face: Region Värmland's name, with a neutral placeholder logo of our own
# (demo_files/logotyp-platshallare.svg), never the region's real one.
IDENTITY = {
    "organiser_name": "Region Värmland",
    "accent_colour": "#004b87",
    "contact_name": "Maria Lindgren, regional utveckling",
    "contact_email": "arshjul@regionvarmland.example.org",
    "contact_phone": "054-701 00 00",
    "address": "Region Värmland\nRegional utveckling\n651 82 Karlstad",
    "mail_signature": "Med vänlig hälsning\nRegional utveckling, Region Värmland\n054-701 00 00",
    "reply_to": "arshjul@regionvarmland.example.org",
}
IDENTITY_LOGO = "logotyp-platshallare.svg"

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
DEADLINE = ANNUAL_DEADLINE_DAY  # the work meeting's sign-up and the survey close on this day

INTRODUCTION = (
    "Årshjulet samlar det regionala ledarskapet tre gånger under året för att följa upp "
    "Värmlandsstrategin och lära av varandra. Här ser du vad som händer och när."
)
# A past cycle tells what happened, not what will.
PAST_INTRODUCTION = (
    "Årshjulet {year} samlade det regionala ledarskapet tre gånger under året för att följa "
    "upp Värmlandsstrategin och lära av varandra. Här finns det som hände: mötena, "
    "dokumentationen och nulägesanalysen."
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
