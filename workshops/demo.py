"""The workshop notes' part of the demo: at each cycle's work meeting, one group per focus
challenge with its scribe (the competence group has two), what the room added — initiatives,
forums, networks and decisions with the organisations named, a gap and an idea for working
together each — and its reflections, in our own words. Some networks and forums are written
as the rooms wrote them, a little differently from the working material's (so that the
lägesbild has names to match). In the past cycle a few items are shared publicly ("Lärdomar
från arbetsmötet"); the upcoming cycle's notes are open: try a scribe's link
(``manage.py workshop_link``)."""

import datetime

from django.utils import timezone

from arshjul.models import Organisation
from meetings.models import Meeting

from . import services
from .models import NoteEntry, NoteReflection, Notes, Scribe

# Per challenge (a word of its name): the scribes (name, e-mail), the entries
# (kind, name, description, organisations, shared in a past cycle) and the reflections
# (kind: text, shared in a past cycle).
GROUPS = {
    "kompetens": {
        "scribes": [
            ("Lina Berg", "lina.berg@kristinehamn.example.org"),
            ("Oskar Dahl", "oskar.dahl@regionvarmland.example.org"),
        ],
        "entries": [
            (
                "network",
                "arbetsgivarnätverket",
                "Karlstads kvartalsträffar med arbetsgivare om kompetensbehov. Flera kommuner "
                "i rummet vill vara med.",
                ["Karlstads kommun", "Karlstad Business Region", "Almi Företagspartner Värmland"],
                True,
            ),
            (
                "forum",
                "kompetensplattformen",
                "Regionens forum för kompetensförsörjning, där kommunerna möts två gånger om året.",
                ["Region Värmland", "Arvika kommun", "Säffle kommun"],
                False,
            ),
            (
                "initiative",
                "Yrkesvux i samverkan",
                "Tre kommuner delar på yrkesutbildningar för vuxna i stället för att starta "
                "var sin.",
                ["Kristinehamns kommun", "Filipstads kommun", "Storfors kommun"],
                True,
            ),
            (
                "gap",
                "De små företagen nås inte",
                "Ingen insats i rummet riktar sig till företag med färre än tio anställda, "
                "som står för en stor del av rekryteringsbehovet.",
                ["Almi Företagspartner Värmland"],
                True,
            ),
            (
                "idea",
                "Universitetet och industrin: ett gemensamt traineeprogram",
                "Karlstads universitet, Paper Province och Stål och Verkstad tar fram ett "
                "traineeprogram för nyutexaminerade ingenjörer hos flera arbetsgivare.",
                ["Karlstads universitet", "Paper Province", "Stål och Verkstad"],
                True,
            ),
        ],
        "reflections": {
            "hard": ("Att nå arbetsgivare utanför Karlstad och få dem att avsätta tid.", True),
            "success": ("Personliga kontakter och att någon äger frågan i varje kommun.", False),
            "create": ("En gemensam ingång för arbetsgivare som söker kompetens.", True),
            "break": ("Att varje kommun upphandlar samma utbildning var för sig.", False),
            "keep": ("Arbetsgivarnätverket och kompetensplattformen.", False),
        },
    },
    "demografi": {
        "scribes": [("Sara Nyström", "sara.nystrom@torsby.example.org")],
        "entries": [
            (
                "forum",
                "Demografi forum",
                "Den årliga träffen om befolkningsutvecklingen; rummet vill att den blir två.",
                ["Region Värmland", "Torsby kommun", "Hagfors kommun"],
                True,
            ),
            (
                "initiative",
                "Unga till arbete",
                "Uppsökande arbete med unga som varken arbetar eller studerar, tillsammans "
                "med föreningslivet.",
                ["Arbetsförmedlingen", "Sunne kommun", "Värmlands idéburna"],
                False,
            ),
            (
                "network",
                "Integrationsnätverket i norra Värmland",
                "Kommunernas samordnare för mottagande och etablering träffas varje månad.",
                ["Torsby kommun", "Hagfors kommun", "Munkfors kommun"],
                False,
            ),
            (
                "gap",
                "Äldre på landsbygden",
                "Ingen i rummet arbetar med äldres ensamhet och service utanför tätorterna.",
                [],
                True,
            ),
            (
                "idea",
                "Föreningslivet som väg in för nyanlända",
                "RF-SISU Värmland och kommunerna i norr prövar att föreningar tar emot "
                "nyanlända familjer, med kommunens stöd.",
                ["RF-SISU Värmland", "Torsby kommun", "Hagfors kommun"],
                True,
            ),
        ],
        "reflections": {
            "hard": ("Att behålla unga vuxna som flyttar för att studera.", True),
            "success": ("Samarbetet med civilsamhället.", False),
            "keep": ("Välkomstlotsarna.", False),
        },
    },
    "klimat": {
        "scribes": [("Jonas Wik", "jonas.wik@lansstyrelsen.example.org")],
        "entries": [
            (
                "network",
                "Dagvatten-nätverket",
                "Kommunerna och länsstyrelsen om skyfall och översvämningar; Hammarö vill ansluta.",
                ["Karlstads kommun", "Länsstyrelsen Värmland", "Hammarö kommun"],
                True,
            ),
            (
                "decision",
                "Gemensam skyfallskartering",
                "Länsstyrelsen och kommunerna beställer en kartering för hela länet.",
                ["Länsstyrelsen Värmland", "Grums kommun"],
                False,
            ),
            (
                "gap",
                "Näringslivet saknas i klimatanpassningen",
                "Inga företag eller kluster deltar i arbetet, fast deras anläggningar ligger "
                "utsatt vid Vänern.",
                [],
                True,
            ),
            (
                "idea",
                "Forskningsstöd för kommunernas planer",
                "Karlstads universitet och Länsstyrelsen Värmland ger kommunerna stöd när de "
                "skriver om sina klimatanpassningsplaner.",
                ["Karlstads universitet", "Länsstyrelsen Värmland"],
                True,
            ),
        ],
        "reflections": {
            "hard": ("Att prioritera förebyggande åtgärder när budgeten är pressad.", True),
            "create": ("En gemensam lägesbild över risker vid Vänern.", False),
        },
    },
}


def seed_cycle(cycle, *, past: bool) -> int:
    meeting = Meeting.objects.filter(cycle=cycle, has_workshop_groups=True).first()
    if meeting is None or Notes.objects.filter(meeting=meeting).exists():
        return 0
    organisations = {o.name: o for o in Organisation.objects.all()}
    moment = (
        timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(15, 30)))
        if past
        else timezone.now()
    )
    created = 0
    for item in cycle.cycle_challenges.select_related("challenge"):
        group = next((g for w, g in GROUPS.items() if w in item.challenge.name.lower()), None)
        if group is None:
            continue
        notes = Notes.objects.create(meeting=meeting, challenge=item.challenge)
        scribes = []
        for name, email in group["scribes"]:
            scribe = Scribe(notes=notes, name=name, email=email)
            services.scribe_url(scribe)  # the link exists from the start
            scribe.save()
            scribes.append(scribe)
        for number, (kind, name, description, named, shared) in enumerate(group["entries"]):
            chosen = [organisations[n] for n in named if n in organisations]
            entry = NoteEntry.objects.create(
                notes=notes,
                kind=kind,
                name=name,
                description=description,
                organisation_names=services.names_text(chosen),
                saved_at=moment,
                saved_by=scribes[number % len(scribes)].name,
                shared=shared and past,
            )
            entry.organisations.set(chosen)
        NoteReflection.objects.bulk_create(
            NoteReflection(
                notes=notes,
                kind=kind,
                text=text,
                saved_at=moment,
                saved_by=scribes[0].name,
                shared=shared and past,
            )
            for kind, (text, shared) in group["reflections"].items()
        )
        notes.last_saved_at, notes.last_saved_by = moment, scribes[-1].name
        notes.save(update_fields=["last_saved_at", "last_saved_by"])
        created += 1
    return created
