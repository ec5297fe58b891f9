"""The lägesbild's part of the demo (after the working material's and the workshop notes'):
on the challenge of skills, three organisations name one network in three ways, two want a
shared analysis function nobody has, and staff have matched one more name by hand — so that
the lägesbild of "Kompetensförsörjning och matchningsproblematik" shows gaps and matches
with the coordinators to contact. The past cycle's lägesbild is published (in March, before
its direction meeting); the upcoming cycle's is not yet."""

import datetime

from django.utils import timezone

from arshjul.demo import ensure
from arshjul.models import Organisation
from working_material.models import Answer, Entry, Reflection, WorkingMaterial

from . import matching, services
from .models import NameChoice, Picture

INTRODUCTION = (
    "Lägesbilden samlar per fokusutmaning det vi vet: hur indikatorerna utvecklas, vad "
    "organisationerna gör och vad arbetsmötet lade till. Den visar **glappen** – där ingen "
    "tar ansvar – och var vi kan **kroka arm**. Den är underlag för riktningsmötet."
)
# organisation, [(kind, name, description)], structures to create
ANSWERS = [
    (
        "Kristinehamns kommun",
        [
            ("network", "RV:s kompetensnätverk", "Regionens nätverk för HR och kompetens."),
            ("network", "Arbetsgivarnätverk Värmland", "Arbetsgivare i östra Värmland."),
        ],
        "",
    ),
    (
        "Paper Province",
        [
            ("network", "Region Värmlands kompetensnätverk", "Där vi möter kommunernas HR."),
            ("initiative", "Industriskolan", "Korta utbildningar för nyanställda."),
        ],
        "Gemensam analysfunktion",
    ),
    (
        "Karlstads universitet",
        [
            ("network", "Kompetensnätverket – Region Värmland", "Vi deltar som kunskapspart."),
            ("initiative", "Validering av utländsk kompetens", "Tillsammans med arbetsgivare."),
        ],
        "",
    ),
]
# Staff's match by hand: a name the rules keep apart.
MERGED = ("Arbetsgivarnätverk Värmland", "Arbetsgivarnätverket")


def seed_cycle(cycle, *, past: bool) -> int:
    picture, new = ensure(Picture, {"cycle": cycle}, introduction=INTRODUCTION)
    if not new:
        return 0
    created = 1 + _answers(cycle)
    if not NameChoice.objects.exists():
        matching.name_merge(name=MERGED[0], into=MERGED[1])
        created += 1
    if past:
        published = timezone.make_aware(datetime.datetime(cycle.year, 3, 10, 9))
        services.picture_publish(picture=picture, now=published)
    return created


def _answers(cycle) -> int:
    material = WorkingMaterial.objects.filter(cycle=cycle).first()
    challenge = cycle.challenges.filter(name__icontains="kompetens").first()
    if material is None or challenge is None:
        return 0
    organisations = {
        o.name: o for o in Organisation.objects.filter(name__in=[a[0] for a in ANSWERS])
    }
    now, created = timezone.now(), 0
    for name, entries, wanted in ANSWERS:
        organisation = organisations.get(name)
        if organisation is None:
            continue
        answer, new = Answer.objects.get_or_create(
            material=material,
            organisation=organisation,
            challenge=challenge,
            defaults={
                "status": Answer.Status.DONE,
                "last_saved_at": now,
                "last_saved_by": "Demo",
                "done_at": now,
                "done_by": "Demo",
            },
        )
        if not new:
            continue
        Entry.objects.bulk_create(
            Entry(answer=answer, kind=kind, name=entry, description=text, saved_at=now)
            for kind, entry, text in entries
        )
        if wanted:
            Reflection.objects.create(answer=answer, kind="create", text=wanted, saved_at=now)
        created += 1
    return created
