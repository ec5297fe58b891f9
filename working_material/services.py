"""Writes of the working material: an organisation's answer per challenge saved as a draft
(entries and reflections, versioned draft fields: a save changes only what its coordinator
changed, never what someone else changed meanwhile — that it reports), marked done and
reopened. (The reminders: :mod:`working_material.reminders`.)"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from arshjul.lib import drafts

from . import rules
from .errors import MaterialError, MaterialRefused
from .models import Answer, Entry, Reflection, WorkingMaterial

__all__ = ["MaterialError", "MaterialRefused"]


def answer_get_or_create(*, material: WorkingMaterial, organisation, challenge) -> Answer:
    try:
        with transaction.atomic():
            return Answer.objects.get_or_create(
                material=material, organisation=organisation, challenge=challenge
            )[0]
    except IntegrityError:  # made a moment ago by a colleague
        return Answer.objects.get(material=material, organisation=organisation, challenge=challenge)


@dataclass
class EntryInput:
    """One entry as the form sent it: an existing one (``id``) or a new one, with what the
    page showed of it."""

    id: int | None
    values: dict  # Entry.FIELDS
    seen: int = 0  # the version the page showed
    delete: bool = False
    shown: dict | None = None  # the values the page showed (None: it did not say)


@dataclass
class SaveResult(drafts.Result):
    """A save's outcome (conflicts keyed by reflection kind or ``entry-<id>``), and the rows
    someone removed meanwhile that this person had changed: their words, to add again."""

    removed_meanwhile: list[dict] = field(default_factory=list)


def answer_save(
    *,
    answer: Answer,
    reflections: dict[str, str],
    seen: dict[str, drafts.Shown] | None = None,
    entries: list[EntryInput] = (),
    saved_by: str = "",
    now=None,
) -> SaveResult:
    """Save an organisation's draft for one challenge: only what this coordinator changed
    since the page was shown (``seen``, and each entry's own). A text or entry someone else
    changed too is not overwritten but returned as a conflict; an entry someone removed
    meanwhile stays removed, unless this person had changed it: then its words come back to
    them, to add again."""
    now = now or timezone.now()
    saved_by = saved_by[:200]
    result = SaveResult()
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("material").get(pk=answer.pk)
        rules.check_change(answer, now=now)
        _reflections_save(answer, reflections, seen or {}, result, saved_by=saved_by, now=now)
        existing = {entry.pk: entry for entry in answer.entries.all()}
        for item in entries:
            _entry_save(answer, existing, item, result, saved_by=saved_by, now=now)
        if result.saved:
            answer.last_saved_at, answer.last_saved_by = now, saved_by
            answer.save(update_fields=["last_saved_at", "last_saved_by"])
    return result


def _reflections_save(answer, texts, seen, result: SaveResult, *, saved_by, now) -> None:
    current = {r.kind: r for r in answer.reflections.all()}
    plan = drafts.plan(
        {
            kind: drafts.Edit(text, seen.get(kind, drafts.Shown(None, 0)))
            for kind, text in texts.items()
        },
        {kind: reflection.as_saved for kind, reflection in current.items()},
    )
    for kind, text in plan.writes.items():
        reflection = current.get(kind) or Reflection(answer=answer, kind=kind, version=0)
        reflection.text, reflection.saved_at, reflection.saved_by = text, now, saved_by
        reflection.version += 1
        reflection.save()
        current[kind] = reflection
    result.saved += len(plan.writes)
    result.conflicts += plan.conflicts
    result.settled |= plan.settled
    result.state.update({kind: reflection.as_saved for kind, reflection in current.items()})


def _entry_save(answer, existing, item: EntryInput, result: SaveResult, *, saved_by, now):
    """One row: a new entry, a change merged with what is saved, or a removal."""
    if item.id is None:
        if not item.delete and any(item.values.get(f) for f in ("name", "description")):
            entry = Entry(answer=answer, saved_at=now, saved_by=saved_by, **item.values)
            _validated(entry)
            entry.save()
            result.saved += 1
        return
    edit = drafts.Edit(item.values, drafts.Shown(item.shown, item.seen))
    # Only this answer's entries are looked at: an id of another answer's entry is answered
    # as one removed meanwhile, so that ids cannot be probed.
    entry = existing.get(item.id)
    if entry is None:
        untouched = item.shown is not None and drafts.normalised(item.values) == drafts.normalised(
            item.shown
        )
        if not item.delete and not untouched:
            result.removed_meanwhile.append(item.values)
        return
    outcome, merged = drafts.decide(edit, entry.as_saved)
    if item.delete:
        unchanged_since = entry.version == item.seen or (
            item.shown is not None
            and drafts.normalised(entry.values) == drafts.normalised(item.shown)
        )
        outcome = drafts.Outcome.SAVE if unchanged_since else drafts.Outcome.CONFLICT
    if outcome is drafts.Outcome.CONFLICT:
        result.conflicts.append(drafts.Conflict(f"entry-{entry.pk}", item.values, entry.as_saved))
    elif outcome is drafts.Outcome.SAVE and item.delete:
        entry.delete()
        result.saved += 1
    elif outcome is drafts.Outcome.SAVE:
        for name in Entry.FIELDS:
            setattr(entry, name, merged.get(name, ""))
        entry.version += 1
        entry.saved_at, entry.saved_by = now, saved_by
        _validated(entry)
        entry.save()
        result.saved += 1


def _validated(entry: Entry) -> None:
    try:
        entry.full_clean(exclude=["answer"])
    except ValidationError as error:
        raise MaterialError(error) from error


def answer_mark_done(*, answer: Answer, by: str = "", now=None) -> Answer:
    """The organisation is done with this challenge (it can reopen before the deadline)."""
    now = now or timezone.now()
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("material").get(pk=answer.pk)
        rules.check_change(answer, now=now)
        answer.status, answer.done_at, answer.done_by = Answer.Status.DONE, now, by[:200]
        answer.save(update_fields=["status", "done_at", "done_by"])
    return answer


def answer_reopen(*, answer: Answer, now=None) -> Answer:
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("material").get(pk=answer.pk)
        rules.check_reopen(answer, now=now)
        answer.status, answer.done_at, answer.done_by = Answer.Status.DRAFT, None, ""
        answer.save(update_fields=["status", "done_at", "done_by"])
    return answer


def organisations_done(material: WorkingMaterial) -> set[int]:
    """Organisations done with every challenge of the material (two queries)."""
    challenges = set(material.challenges.values_list("challenge_id", flat=True))
    done: dict[int, set[int]] = {}
    for organisation_id, challenge_id in Answer.objects.filter(
        material=material, status=Answer.Status.DONE
    ).values_list("organisation_id", "challenge_id"):
        done.setdefault(organisation_id, set()).add(challenge_id)
    return {o for o, c in done.items() if challenges and challenges <= c}
