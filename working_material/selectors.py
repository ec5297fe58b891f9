"""Reads of the working material, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from .models import Answer, Entry, GuidingQuestions, WorkingMaterial


def material_for_cycle(cycle_id: int, *, published_only: bool = True) -> WorkingMaterial | None:
    found = WorkingMaterial.objects.select_related("cycle").filter(cycle_id=cycle_id)
    if published_only:
        found = found.filter(published=True)
    return found.first()


def challenges_of(material: WorkingMaterial) -> list[GuidingQuestions]:
    return list(material.challenges.select_related("challenge"))


def guiding_questions(material: WorkingMaterial, challenge_id: int) -> GuidingQuestions | None:
    """What the material asks about one challenge (None: the challenge is not in it)."""
    return material.challenges.select_related("challenge").filter(challenge_id=challenge_id).first()


def answer_or_new(material: WorkingMaterial, organisation, item: GuidingQuestions) -> Answer:
    """The organisation's answer for the challenge, or an unsaved one: looking makes none."""
    found = Answer.objects.filter(
        material=material, organisation=organisation, challenge=item.challenge
    ).first()
    return found or Answer(material=material, organisation=organisation, challenge=item.challenge)


def answers_of_organisation(material: WorkingMaterial, organisation_id: int) -> dict[int, Answer]:
    """The organisation's answers by challenge id, with how many entries each (one query)."""
    answers = Answer.objects.filter(material=material, organisation_id=organisation_id).annotate(
        entry_count=Count("entries")
    )
    return {a.challenge_id: a for a in answers}


def compilation(material: WorkingMaterial, challenge_id: int, *, category="", kind=""):
    """Every organisation's answer marked done for one challenge, with its entries (of one
    type, when asked) and reflections; and the count of entries per type (four queries).
    Drafts are not compiled: an organisation shares what it has marked done."""
    answers = (
        Answer.objects.filter(
            material=material, challenge_id=challenge_id, status=Answer.Status.DONE
        )
        .select_related("organisation")
        .order_by("organisation__category", "organisation__name")
    )
    if category:
        answers = answers.filter(organisation__category=category)
    entries = Entry.objects.order_by("kind", "pk")
    if kind:
        entries = entries.filter(kind=kind)
    answers = list(
        answers.prefetch_related(
            Prefetch("entries", queryset=entries, to_attr="shown_entries"), "reflections"
        )
    )
    counts = defaultdict(int)
    for answer in answers:
        for entry in answer.shown_entries:
            counts[entry.kind] += 1
    return answers, dict(counts)


def drafts_count(material: WorkingMaterial, challenge_id: int) -> int:
    return Answer.objects.filter(
        material=material, challenge_id=challenge_id, status=Answer.Status.DRAFT
    ).count()


# What the compilation shows is made from these rows: kept in the cache under their versions.
COMPILATION_DEPENDS_ON = [
    "arshjul.Cycle",
    "arshjul.Challenge",
    "arshjul.Organisation",
    "working_material.WorkingMaterial",
    "working_material.GuidingQuestions",
    "working_material.Answer",
    "working_material.Entry",
    "working_material.Reflection",
]


@dataclass
class Compilation:
    answers: list[Answer]
    counts: list[tuple[str, int]]  # (type's label, entries of it), every type in order
    drafts: int


def compilation_page(material: WorkingMaterial, challenge_id: int, *, category="", kind=""):
    """What staff's compilation page shows: :func:`compilation`, the counts of every type and
    the drafts not shown (five queries, whatever the number of organisations)."""
    answers, counts = compilation(material, challenge_id, category=category, kind=kind)
    return Compilation(
        answers=answers,
        counts=[(label, counts.get(value, 0)) for value, label in Entry.Kind.choices],
        drafts=drafts_count(material, challenge_id),
    )
