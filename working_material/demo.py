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
# organisation, done?, [(kind, name, description, participants)], reflections by kind
ANSWERS = [
    (
        "Karlstads kommun",
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
        "Region Värmland",
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
        "Arvika kommun",
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
    for name, done, entries, reflections in ANSWERS:
        organisation = organisations.get(name)
        if organisation is None:
            continue
        # Done for the first challenge (the second too for the region), a draft otherwise.
        for number, item in enumerate(items[: 2 if name == "Region Värmland" else 1]):
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
            for kind, entry_name, description, participants in entries[: 3 - number]:
                Entry.objects.create(
                    answer=answer,
                    kind=kind,
                    name=entry_name,
                    description=description,
                    participants=participants,
                    saved_at=now,
                    saved_by="Demo",
                )
            for kind, text in reflections.items():
                Reflection.objects.create(answer=answer, kind=kind, text=text, saved_at=now)
            created += 1
    return created
