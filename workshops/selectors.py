"""Reads of the workshop notes, each in a fixed number of queries."""

from django.db.models import Prefetch, Q

from arshjul.lib import tokens
from arshjul.models import Organisation

from .models import NoteEntry, NoteReflection, Notes, Scribe


def scribe_for_token(token: str) -> Scribe | None:
    """The scribe a personal link opens, with the notes, the meeting and the challenge; None
    for any other token (one query)."""
    if not token or len(token) > 64:
        return None
    return (
        Scribe.objects.select_related(
            "notes__meeting__cycle", "notes__meeting__notes_closing", "notes__challenge"
        )
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )


def entries_of(notes: Notes) -> list[NoteEntry]:
    """The notes' entries with the organisations they name (two queries)."""
    if not notes.pk:
        return []
    return list(
        notes.entries.prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
        )
    )


def reflections_of(notes: Notes) -> dict[str, NoteReflection]:
    """The notes' reflections by kind (one query)."""
    return {r.kind: r for r in notes.reflections.all()} if notes.pk else {}


def organisation_choices(cycle, *, named=()) -> list[tuple[str, str]]:
    """The organisations a scribe chooses from: those taking part in the cycle (a
    coordinator in it) and the regional leadership's active ones, and any an entry names
    already — by name, in one query."""
    found = (
        Organisation.objects.filter(
            Q(active=True) | Q(coordinators__cycle=cycle) | Q(pk__in=list(named))
        )
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
    return [(str(pk), name) for pk, name in found]


def shared_lessons(cycle) -> list[dict]:
    """What staff shared of the cycle's workshop notes, per challenge in the cycle's order:
    the entries (with the organisations' names as saved) and the reflections (three
    queries). Never a scribe's name."""
    notes = (
        Notes.objects.filter(
            meeting__cycle=cycle, meeting__published=True, meeting__cancelled_at__isnull=True
        )
        .filter(Q(entries__shared=True) | Q(reflections__shared=True))
        .distinct()
        .select_related("challenge", "meeting")
        .order_by("meeting__date", "challenge__name")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=NoteEntry.objects.filter(shared=True).order_by("pk"),
                to_attr="shared_entries",
            ),
            Prefetch(
                "reflections",
                queryset=NoteReflection.objects.filter(shared=True).exclude(text=""),
                to_attr="shared_reflections",
            ),
        )
    )
    order = {c: n for n, c in enumerate(cycle.cycle_challenges.values_list("challenge", flat=True))}
    kinds = list(NoteReflection._meta.get_field("kind").choices)
    rank = {value: n for n, (value, _label) in enumerate(kinds)}
    entry_rank = {value: n for n, value in enumerate(NoteEntry.Kind.values)}
    groups = []
    for item in sorted(notes, key=lambda n: (order.get(n.challenge_id, 99), n.meeting.date)):
        reflections = sorted(item.shared_reflections, key=lambda r: rank.get(r.kind, 99))
        entries = sorted(item.shared_entries, key=lambda e: (entry_rank.get(e.kind, 99), e.pk))
        if entries or reflections:
            groups.append({"notes": item, "entries": entries, "reflections": reflections})
    return groups


def cycle_has_shared(cycle) -> bool:
    return (
        Notes.objects.filter(meeting__cycle=cycle, meeting__published=True)
        .filter(Q(entries__shared=True) | Q(reflections__shared=True, reflections__text__gt=""))
        .exists()
    )
