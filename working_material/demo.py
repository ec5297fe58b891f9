"""The working material's part of the demo: each cycle's material with guiding questions per
focus challenge (in our own words), and answers from a few organisations — marked done, so
that the compilation shows something, and one draft. Karin Lund's organisations have not
started: try it as her."""

import datetime

from django.utils import timezone

from arshjul.demo import ensure
from arshjul.models import Organisation

from .models import Answer, Entry, GuidingQuestions, Reflection, WorkingMaterial

INTRODUCTION = (
    "Inför arbetsmötet går varje organisation igenom årets fokusutmaningar. Berätta vad ni "
    "gör – initiativ, forum, nätverk och beslut – och vad ni har lärt er. Svaren blir en "
    "sammanställning per utmaning som grupperna arbetar med på arbetsmötet."
)
QUESTIONS = (
    "- Vilka initiativ, forum, nätverk och beslut har ni som rör utmaningen?\n"
    "- Vad har varit svårt?\n"
    "- Vad har gjort att det har fungerat?\n"
    "- Vilka strukturer vill ni skapa, bryta och behålla?"
)
# organisation, the challenge (a word of its name), done?,
# [(kind, name, description, participants)], reflections by kind
ANSWERS = [
    (
        "Karlstads kommun",
        "kompetens",
        True,
        [
            (
                "initiative",
                "Kompetenslyftet",
                "Utbildning för anställda i omställning.",
                "Kommunen, Arbetsförmedlingen",
            ),
            (
                "network",
                "Arbetsgivarnätverket",
                "Kvartalsvisa möten om kompetensbehov.",
                "Ett 30-tal arbetsgivare",
            ),
            ("decision", "Ny kompetensförsörjningsplan", "Antagen av kommunstyrelsen.", ""),
        ],
        {
            "hard": "Att nå de små företagen.",
            "success": "Täta kontakter med näringslivet.",
            "keep": "Arbetsgivarnätverket.",
        },
    ),
    (
        "Karlstads kommun",
        "klimat",
        True,
        [
            ("decision", "Klimatanpassningsplan", "Antagen av kommunfullmäktige.", ""),
            (
                "network",
                "Dagvattennätverket",
                "Kommuner och länsstyrelsen om skyfall och översvämningar.",
                "Länets kommuner, Länsstyrelsen",
            ),
        ],
        {"hard": "Att prioritera mellan förebyggande och akuta åtgärder."},
    ),
    (
        "Region Värmland",
        "kompetens",
        True,
        [
            (
                "forum",
                "Kompetensplattformen",
                "Regionens samverkansforum för kompetensförsörjning.",
                "Länets kommuner",
            ),
            ("initiative", "Analys av matchningen", "Statistik och intervjuer om matchningen.", ""),
        ],
        {
            "hard": "Att samordna många aktörer.",
            "create": "En gemensam analysfunktion.",
            "break": "Parallella projekt utan samordning.",
        },
    ),
    (
        "Region Värmland",
        "demografi",
        True,
        [
            (
                "initiative",
                "Välkomstlotsar",
                "Stöd till nyanlända i kontakten med myndigheter och arbetsgivare.",
                "Kommunerna, civilsamhället",
            ),
            ("forum", "Demografiforum", "En årlig träff om befolkningsutvecklingen.", ""),
        ],
        {
            "hard": "Att nå unga som varken arbetar eller studerar.",
            "keep": "Samarbetet med civilsamhället.",
        },
    ),
    (
        "Arvika kommun",
        "demografi",
        False,  # a draft: not in the compilation
        [("initiative", "Sommarjobb för unga", "Utkast: beskrivning saknas.", "")],
        {"hard": "Utkast."},
    ),
]


def seed_cycle(cycle, *, past: bool) -> int:
    work_meeting = cycle.meetings.filter(slug="arbetsmote").first()
    meeting_day = work_meeting.date if work_meeting else datetime.date(cycle.year, 1, 13)
    day = meeting_day - datetime.timedelta(days=5)  # (A) the material is due five days before
    material, new = ensure(
        WorkingMaterial,
        {"cycle": cycle},
        introduction=INTRODUCTION,
        closes_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59))),
        published=True,
    )
    if not new:
        return 0
    items = [
        GuidingQuestions.objects.create(
            material=material, challenge=item.challenge, questions=QUESTIONS, position=item.position
        )
        for item in cycle.cycle_challenges.select_related("challenge")
    ]
    if not items:
        return 1
    names = [answer[0] for answer in ANSWERS]
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    now = timezone.now()
    created = 1 + len(items)
    for name, word, done, entries, reflections in ANSWERS:
        organisation = organisations.get(name)
        # Each answer under its own challenge: competence entries under competence.
        item = next((i for i in items if word in i.challenge.name.lower()), None)
        if organisation is None or item is None:
            continue
        answer = Answer.objects.create(
            material=material,
            organisation=organisation,
            challenge=item.challenge,
            status=Answer.Status.DONE if done else Answer.Status.DRAFT,
            last_saved_at=now,
            last_saved_by="Demo",
            done_at=now if done else None,
            done_by="Demo" if done else "",
        )
        Entry.objects.bulk_create(
            Entry(
                answer=answer,
                kind=kind,
                name=entry_name,
                description=description,
                participants=participants,
                saved_at=now,
                saved_by="Demo",
            )
            for kind, entry_name, description, participants in entries
        )
        Reflection.objects.bulk_create(
            Reflection(answer=answer, kind=kind, text=text, saved_at=now)
            for kind, text in reflections.items()
        )
        created += 1
    return created
