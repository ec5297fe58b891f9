"""Writes of the working material: an organisation's answer per challenge saved as a draft
(entries and reflections, versioned draft fields: a save changes only what its coordinator
changed, never what someone else changed meanwhile — that it reports), marked done and
reopened. (The reminders: :mod:`working_material.reminders`.)"""

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


# The posted row and the save's outcome are the drafts' own (one definition for every app).
EntryInput = drafts.RowInput
SaveResult = drafts.SaveResult


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
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("material").get(pk=answer.pk)
        rules.check_change(answer, now=now)
        return drafts.texts_and_rows_save(
            answer,
            texts=reflections,
            seen=seen or {},
            current={r.kind: r for r in answer.reflections.all()},
            make_text=lambda kind: Reflection(answer=answer, kind=kind, version=0),
            write_text=lambda reflection: reflection.save(),
            rows=entries,
            existing={entry.pk: entry for entry in answer.entries.all()},
            make_row=lambda: Entry(answer=answer),
            write_row=_entry_write,
            saved_by=saved_by,
            now=now,
        )


def _entry_write(entry: Entry, values: dict) -> None:
    """Write a row (its decision: :func:`arshjul.lib.drafts.row_save`)."""
    for name in Entry.FIELDS:
        setattr(entry, name, values.get(name, ""))
    _validated(entry)
    entry.save()


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
