"""Writes of the workshop notes: a group's notes saved by a scribe (entries and reflections,
versioned draft fields as the working material's: a save changes only what its scribe
changed, never what another scribe changed meanwhile — that it reports), the organisations'
names kept with each entry, and the scribes' personal links."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib import drafts, tokens
from arshjul.lib.emails import absolute_url
from arshjul.models import Organisation

from . import emails, rules
from .errors import NotesError, NotesRefused
from .models import NoteEntry, NoteReflection, Notes, Scribe, ids_from, ids_text

__all__ = ["NotesError", "NotesRefused"]

LINK_KIND = "workshop"  # what personal_token derives the scribes' links from


# --- Links -------------------------------------------------------------------------------------


def scribe_url(scribe: Scribe, *, renew: bool = False) -> str:
    """The scribe's personal link (made on first use, or anew with ``renew``: the caller
    saves the scribe)."""
    token = tokens.personal_token(scribe, LINK_KIND, renew=renew)
    return absolute_url(tokens.token_path("workshops:notes", token))


def link_send(*, scribe: Scribe, renew: bool = False, sending: str = "") -> bool:
    """Send the scribe their link (again; with ``renew`` a new one, the old one stops
    working) through the outbox. False when there is no address to send to, or this
    ``sending`` sent it already."""
    if not scribe.email:
        return False
    with transaction.atomic():
        scribe = (
            # Only the scribe's row is locked: the closing is an outer join, which PostgreSQL
            # does not lock.
            Scribe.objects.select_for_update(of=("self",))
            .select_related("notes__meeting__notes_closing", "notes__challenge")
            .get(pk=scribe.pk)
        )
        url = scribe_url(scribe, renew=renew)
        scribe.save(update_fields=["token_nonce", "token_hash"])
        if not emails.workshop_link(scribe, url=url, sending=sending).queued_now:
            return False
        scribe.link_sent_at = timezone.now()
        scribe.save(update_fields=["link_sent_at"])
    return True


def scribe_check(scribe: Scribe) -> None:
    """A scribe is a participant of the meeting in the notes' group, or someone named (staff);
    a participant's name and address are taken when none is given."""
    participant, notes = scribe.participant, scribe.notes
    if participant is not None:
        if (
            participant.meeting_id != notes.meeting_id
            or participant.workshop_group_id != notes.challenge_id
        ):
            raise NotesError(
                {"participant": _("Choose a participant of this meeting in this workshop group.")}
            )
        scribe.name = scribe.name or participant.name
        scribe.email = scribe.email or participant.email
    if not scribe.name:
        raise NotesError({"name": _("Give the scribe's name, or choose a participant.")})


# --- The notes ---------------------------------------------------------------------------------


def notes_get_or_create(*, meeting, challenge=None, challenge_id=None) -> Notes:
    which = {"challenge": challenge} if challenge is not None else {"challenge_id": challenge_id}
    try:
        with transaction.atomic():
            return Notes.objects.get_or_create(meeting=meeting, **which)[0]
    except IntegrityError:  # made a moment ago by another scribe
        return Notes.objects.get(meeting=meeting, **which)


def notes_for_every_group(*, meeting) -> int:
    """Notes for each workshop group of ``meeting`` (one per focus challenge of its cycle) that
    has none yet, so that staff add the scribes at once; how many were made. A meeting
    without workshop groups gets none."""
    if not meeting.has_workshop_groups:
        raise NotesError(_("%(meeting)s has no workshop groups.") % {"meeting": meeting.title})
    have = set(Notes.objects.filter(meeting=meeting).values_list("challenge_id", flat=True))
    made = 0
    for challenge_id in meeting.cycle.cycle_challenges.values_list("challenge_id", flat=True):
        if challenge_id not in have:
            notes_get_or_create(meeting=meeting, challenge_id=challenge_id)
            made += 1
    return made


# The posted row (its values: NoteEntry.FIELDS, the organisations as ids "3,12") and the
# save's outcome are the drafts' own, as the working material's.
EntryInput = drafts.RowInput
SaveResult = drafts.SaveResult


def notes_save(
    *,
    notes: Notes,
    reflections: dict[str, str],
    seen: dict[str, drafts.Shown] | None = None,
    entries: list[EntryInput] = (),
    saved_by: str = "",
    now=None,
) -> SaveResult:
    """Save a scribe's page of the group's notes: only what this scribe changed since the
    page was shown (``seen``, and each entry's own). A text or entry another scribe changed
    too is not overwritten but returned as a conflict; an entry someone removed meanwhile
    stays removed, unless this scribe had changed it: then its words come back to them."""
    now = now or timezone.now()
    saved_by = saved_by[:200]
    with transaction.atomic():
        notes = (
            Notes.objects.select_for_update(of=("self",))  # not the closing (an outer join)
            .select_related("meeting__notes_closing")
            .get(pk=notes.pk)
        )
        rules.check(notes, now=now)
        return drafts.texts_and_rows_save(
            notes,
            texts=reflections,
            seen=seen or {},
            current={r.kind: r for r in notes.reflections.all()},
            make_text=lambda kind: NoteReflection(notes=notes, kind=kind, version=0),
            write_text=_reflection_write,
            rows=entries,
            existing={entry.pk: entry for entry in notes.entries.prefetch_related("organisations")},
            make_row=lambda: NoteEntry(notes=notes),
            write_row=_entry_write,
            saved_by=saved_by,
            now=now,
        )


def _reflection_write(reflection: NoteReflection) -> None:
    _validated(reflection, exclude=["notes"])
    reflection.save()


def _entry_write(entry: NoteEntry, values: dict) -> None:
    """Write a row: its texts, the organisations it names and, when those changed, their
    names as they are now (kept with the entry: an organisation removed or merged later
    still reads)."""
    for name in ("kind", "name", "description"):
        setattr(entry, name, values.get(name, "") or "")
    chosen = ids_from(values.get("organisations", ""))
    changed = entry.pk is None or ids_text(chosen) != entry.organisation_ids
    organisations = list(Organisation.objects.filter(pk__in=chosen)) if changed else None
    if changed:
        entry.organisation_names = names_text(organisations)
    _validated(entry, exclude=["notes", "organisations"])
    entry.save()
    if changed:
        entry.organisations.set(organisations)


def names_text(organisations) -> str:
    """The organisations' names as an entry keeps them: "Arvika kommun, Region Värmland"."""
    return ", ".join(sorted((o.name for o in organisations), key=str.casefold))


def entry_names_keep(entry: NoteEntry) -> NoteEntry:
    """Keep the names of the organisations the entry names now with it (staff's admin, after
    saving an entry and its organisations)."""
    names = names_text(entry.organisations.all())
    if names != entry.organisation_names:
        entry.organisation_names = names
        entry.save(update_fields=["organisation_names"])
    return entry


def _validated(row, *, exclude) -> None:
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        raise NotesError(error) from error
