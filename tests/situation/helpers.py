"""Helpers of the lägesbild's tests: an organisation's answer marked done with its entries,
and a workshop group's note."""

from django.utils import timezone

from working_material.models import Answer, Entry, Reflection
from workshops.models import NoteEntry, Notes

KOMPETENS = "kompetensförsörjning och matchningsproblematik"


def answer(material, organisation, challenge, *entries, create="", status="done"):
    """The organisation's answer on the challenge with ``entries`` ((kind, name), …) and its
    structures to create (one per line)."""
    now = timezone.now()
    found = Answer.objects.create(
        material=material, organisation=organisation, challenge=challenge, status=status
    )
    for kind, name in entries:
        Entry.objects.create(answer=found, kind=kind, name=name, saved_at=now)
    if create:
        Reflection.objects.create(answer=found, kind="create", text=create, saved_at=now)
    return found


def note(meeting, challenge, kind, name, *organisations, description=""):
    """Something the workshop group on the challenge wrote down, naming ``organisations``."""
    notes, _ = Notes.objects.get_or_create(meeting=meeting, challenge=challenge)
    entry = NoteEntry.objects.create(
        notes=notes,
        kind=kind,
        name=name,
        description=description,
        saved_at=timezone.now(),
        organisation_names="\n".join(o.name for o in organisations),
    )
    entry.organisations.set(organisations)
    return entry
