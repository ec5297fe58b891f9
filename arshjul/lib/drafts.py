"""Versioned drafts: what several people edit at once from pages that may be stale — a
group's survey answers, an organisation's working material.

The page carries, per field, what it showed: the value and its version. A save compares,
field by field, what the page showed (*shown*), what the person posted (*mine*) and what is
saved now (*theirs*):

- mine is what the page showed: the person did not touch it — not an edit, whatever is
  saved now stays (a stale page never blanks a colleague's answer);
- theirs is still what the page showed: the person's edit is saved;
- mine is theirs: both wrote the same — nothing to save;
- otherwise both changed it: a conflict. Nothing is overwritten: the person is shown the
  other's words beside their own, and what they typed is kept for this browser until they
  save again (:func:`unsaved_keep`).

A field may be one value or a row of values (a dict, e.g. an entry's name, description…): a
row merges key by key, and is a conflict only if one of its keys is.

The apps keep their rows (answers, reflections, entries) and write them; this module decides,
and gives the forms their hidden fields and the page its words.
"""

import datetime
import enum
import json
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SHOWN = "-shown"  # the hidden field with the value the page showed
VERSION = "-version"  # … and its version
_VERSION = re.compile(r"[0-9]{1,9}", re.ASCII)  # not str.isdigit(): "²" is a digit to it


@dataclass(frozen=True)
class Saved:
    """What is saved now for a field (version 0: nothing yet)."""

    value: Any = ""
    version: int = 0
    saved_by: str = ""
    saved_at: datetime.datetime | None = None


NOTHING = Saved()


@dataclass(frozen=True)
class Shown:
    """What the page showed for a field. ``value`` is None when the page did not say (an old
    page, a hand-made post): then only the version can tell, and any doubt is a conflict."""

    value: Any
    version: int


@dataclass(frozen=True)
class Edit:
    mine: Any
    shown: Shown


class Outcome(enum.Enum):
    UNTOUCHED = "untouched"  # the person left it as the page showed it
    SAVE = "save"  # the person changed it, nobody else did (or a row merged)
    SAME = "same"  # both wrote the same
    CONFLICT = "conflict"  # both changed it, differently


@dataclass(frozen=True)
class Conflict:
    """A field both changed: what this person wrote and what is saved now."""

    key: Hashable
    mine: Any
    theirs: Saved


@dataclass
class Result:
    """What a save did: how many fields it wrote, the conflicts, every field's state after it
    (for the page to show), and the fields it settled (saved, or already the same)."""

    saved: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    state: dict = field(default_factory=dict)
    settled: set = field(default_factory=set)


@dataclass
class Plan:
    """What a save does: the values to write (by key) and the conflicts; every other field
    stays as it is saved."""

    writes: dict = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    outcomes: dict = field(default_factory=dict)

    @property
    def settled(self) -> set:
        return {k for k, o in self.outcomes.items() if o in (Outcome.SAVE, Outcome.SAME)}


def normalised(value: Any) -> Any:
    """A value as compared: line breaks as "\\n" (a browser posts "\\r\\n") and no space at
    the ends; rows key by key."""
    if isinstance(value, Mapping):
        return {key: normalised(item) for key, item in value.items()}
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def decide(edit: Edit, saved: Saved) -> tuple[Outcome, Any]:
    """The three-way comparison of one field: the outcome and the value to write (for a row,
    the merge of both people's keys)."""
    mine, theirs = normalised(edit.mine), normalised(saved.value)
    shown = None if edit.shown.value is None else normalised(edit.shown.value)
    if shown is not None and mine == shown:
        return Outcome.UNTOUCHED, None
    if mine == theirs:
        return Outcome.SAME, None
    unchanged_since = saved.version == edit.shown.version or (shown is not None and theirs == shown)
    if unchanged_since:
        return Outcome.SAVE, edit.mine
    if isinstance(mine, dict) and isinstance(shown, dict) and isinstance(theirs, dict):
        return _merge_row(edit.mine, mine, shown, theirs)
    return Outcome.CONFLICT, None


def _merge_row(raw: dict, mine: dict, shown: dict, theirs: dict) -> tuple[Outcome, Any]:
    """A row both changed: each key one of them changed is taken from that one; a key both
    changed differently makes the row a conflict."""
    merged = {}
    for key in mine.keys() | theirs.keys():
        m, s, t = mine.get(key, ""), shown.get(key, ""), theirs.get(key, "")
        if m in (s, t):
            merged[key] = t
        elif t == s:
            merged[key] = raw.get(key, "")
        else:
            return Outcome.CONFLICT, None
    return Outcome.SAVE, merged


def plan(edits: Mapping[Hashable, Edit], saved: Mapping[Hashable, Saved]) -> Plan:
    """Decide a save of several fields against what is saved now (keys missing from ``saved``
    have nothing saved yet)."""
    result = Plan()
    for key, edit in edits.items():
        current = saved.get(key, NOTHING)
        outcome, value = decide(edit, current)
        result.outcomes[key] = outcome
        if outcome is Outcome.SAVE:
            result.writes[key] = value
        elif outcome is Outcome.CONFLICT:
            result.conflicts.append(Conflict(key, edit.mine, current))
    return result


# --- What the page carries ---------------------------------------------------------------------


def version_from(text: Any) -> int:
    """A posted version; anything but plain digits counts as "saw nothing" (at worst the
    person is asked to choose: nothing is overwritten)."""
    text = str(text or "")
    return int(text) if _VERSION.fullmatch(text) else 0


def row_shown(text: Any) -> dict | None:
    """A row's shown values as the page carries them (JSON), or None if it does not."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    return {str(key): item if isinstance(item, str) else "" for key, item in value.items()}


def row_shown_text(values: Mapping) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True)


class DraftFieldsMixin:
    """For a form whose fields are drafts: each has two hidden companions, ``<name>-shown``
    and ``<name>-version``, holding what the page showed. Call :meth:`add_draft_field` in
    ``__init__``; after validation :meth:`edits` gives the save its input, and
    :meth:`showing` makes the form that shows a save's outcome."""

    def add_draft_field(self, name: str, field: forms.Field, saved: Saved | None) -> None:
        saved = saved or NOTHING
        self.fields[name] = field
        self.fields[name + SHOWN] = forms.CharField(
            required=False, strip=False, widget=forms.HiddenInput
        )
        self.fields[name + VERSION] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial.setdefault(name, saved.value)
        self.initial.setdefault(name + SHOWN, saved.value)
        self.initial.setdefault(name + VERSION, saved.version)
        self.draft_names = [*getattr(self, "draft_names", []), name]

    def saved_count(self) -> int:
        """How many fields have something saved, as the page shows them."""
        return sum(1 for name in self.draft_names if self[name + SHOWN].value())

    def hidden_of(self, name: str) -> list:
        """The hidden companions of a field, for the template to place beside it."""
        return [self[name + SHOWN], self[name + VERSION]]

    def edits(self) -> dict[str, Edit]:
        data = self.cleaned_data
        edits = {}
        for name in self.draft_names:
            if self.add_prefix(name) not in self.data:
                continue  # not posted (no radio chosen on the page): not an edit
            shown_key = self.add_prefix(name + SHOWN)
            # A page that did not carry what it showed: only its version can tell.
            shown = data.get(name + SHOWN) if shown_key in self.data else None
            version = version_from(data.get(name + VERSION))
            edits[name] = Edit(data.get(name) or "", Shown(shown, version))
        return edits

    made_with: dict = {}  # the form's own keyword arguments, to make it again

    def remade(self, data):
        """The same form bound to other data."""
        return type(self)(data, prefix=self.prefix, **self.made_with)

    def showing(self, state: Mapping[str, Saved], conflicts: list[Conflict], *, words=None):
        """The form again after a save that met conflicts: every field shows what is saved
        now, and now shows it as its starting point — but a conflicting field keeps what the
        person wrote, with the other's words beside it (``conflict_message``). Saving that
        page again saves what the person chose. ``words`` as for :func:`conflict_message`."""
        mine = {c.key: c.mine for c in conflicts}
        data = self.data.copy()
        for name in self.draft_names:
            now = state.get(name, NOTHING)
            data[self.add_prefix(name)] = mine.get(name, now.value)
            data[self.add_prefix(name + SHOWN)] = now.value
            data[self.add_prefix(name + VERSION)] = str(now.version)
        form = self.remade(data)
        form.is_valid()
        for conflict in conflicts:
            form.add_error(conflict.key, conflict_message(conflict, words))
        return form

    def with_values(self, values: Mapping[str, Any]):
        """The form again with some fields holding other values (nothing saved): e.g. words
        this browser wrote earlier, put back in their field."""
        data = self.data.copy()
        for name, value in values.items():
            data[self.add_prefix(name)] = value
        return self.remade(data)


class TextsForm(DraftFieldsMixin, forms.Form):
    """Texts by kind as drafts (e.g. an answer's or the notes' reflections): one text area per
    kind of ``kinds`` (value, label), each starting from the row saved for it in ``current``
    (by kind, each with ``as_saved``)."""

    kinds: list = []  # (kind, label), as the app's model has them
    max_length: int | None = None

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.made_with = {"current": current}
        for kind, label in self.kinds:
            saved = current.get(kind)
            field = forms.CharField(
                label=label,
                required=False,
                max_length=self.max_length,
                widget=forms.Textarea({"rows": 3}),
            )
            self.add_draft_field(kind, field, saved.as_saved if saved else None)

    def texts(self) -> dict[str, str]:
        return {kind: edit.mine for kind, edit in self.edits().items()}

    def seen(self) -> dict[str, Shown]:
        return {kind: edit.shown for kind, edit in self.edits().items()}


class DraftRowForm(forms.Form):
    """One row of a list of drafts (e.g. an entry), with what the page showed of it
    (``shown``, its values as JSON, and ``version``). The app's form adds the row's own fields
    (listing those a person fills in ``filled_fields``) and ``values()``; a ModelForm may put
    this first among its bases."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    shown = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label=gettext_lazy("Remove this row"), required=False)

    filled_fields: tuple = ()  # the fields whose words make a row (not its type)

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def is_blank(self) -> bool:
        """A new row nobody wrote in: not sent to the save."""
        return not self.cleaned_data.get("id") and not any(
            self.cleaned_data.get(f) for f in self.filled_fields
        )

    def page_showed(self) -> Shown:
        return Shown(
            row_shown(self.cleaned_data.get("shown")),
            version_from(self.cleaned_data.get("version")),
        )

    def row_input(self) -> "RowInput":
        """The row as the save takes it."""
        shown = self.page_showed()
        return RowInput(
            id=self.cleaned_data.get("id"),
            values=self.values(),
            seen=shown.version,
            shown=shown.value,
            delete=bool(self.cleaned_data.get("remove")),
        )


def moment_words(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i") if moment else ""


def conflict_message(conflict: Conflict, words=None) -> str:
    """Beside a field both changed: who changed it, when, to what; the person's own words are
    still in the field. ``words(key, value)`` turns a saved value into what people read (a
    choice's label, a row's name)."""
    theirs = conflict.theirs
    shown = (
        (words(conflict.key, theirs.value) if words else str(theirs.value)) if theirs.value else ""
    )
    return _(
        "%(who)s changed this at %(time)s, while you were writing: “%(theirs)s”. What you "
        "wrote is still here: keep what you want and save again."
    ) % {
        "who": theirs.saved_by or _("Someone else"),
        "time": moment_words(theirs.saved_at),
        "theirs": shown or _("(empty)"),
    }


# --- Words not saved, kept for this browser -----------------------------------------------------


def _session_key(scope: str) -> str:
    return f"drafts:unsaved:{scope}"


def unsaved_keep(session, scope: str, conflicts: list[Conflict], *, settled=()) -> None:
    """Keep, in this browser's session, what the person wrote in fields that met a conflict
    (the page may have saved itself on leaving: nobody saw the conflict), and forget what was
    kept for fields now settled (saved, or the same as saved). ``scope`` names the draft
    (e.g. "survey:12")."""
    key = _session_key(scope)
    kept = dict(session.get(key, {}))
    for name in settled:
        kept.pop(str(name), None)
    for conflict in conflicts:
        kept[str(conflict.key)] = {
            "mine": conflict.mine,
            "theirs_by": conflict.theirs.saved_by,
            "at": timezone.now().isoformat(),
        }
    if kept:
        session[key] = kept
    else:
        session.pop(key, None)


def unsaved_forget(session, scope: str) -> None:
    session.pop(_session_key(scope), None)


def still_unsaved(form, unsaved: Mapping[str, Any]) -> dict[str, Any]:
    """The kept words that are not what the form's field holds now (put back, or typed
    again, they need no offer)."""
    return {
        name: words
        for name, words in unsaved.items()
        if name in form.fields and normalised(form[name].value()) != normalised(words)
    }


def unsaved_offered(session, scope: str) -> dict[str, Any]:
    """What this browser wrote that was not saved, by field: offered on the next visit."""
    return {name: item["mine"] for name, item in session.get(_session_key(scope), {}).items()}


# --- Saving an app's reflections and rows --------------------------------------------------------
# The apps (the working material's answers, the workshops' notes) save the same shape: a few
# texts by kind and a list of rows. Each app keeps its models, its lock and rule check, and how a
# row is written; what is decided, and in what order, is here once.


ROW = "entry-"  # a row's key among a save's conflicts and the words kept for this browser


@dataclass
class RowInput:
    """One row as the form sent it: an existing one (``id``) or a new one, with what the page
    showed of it."""

    id: int | None
    values: dict  # the row's values by field, as the app's model lists them (FIELDS)
    seen: int = 0  # the version the page showed
    delete: bool = False
    shown: dict | None = None  # the values the page showed (None: it did not say)


@dataclass
class SaveResult(Result):
    """A save's outcome (conflicts keyed by text kind or ``entry-<id>``), and the rows someone
    removed meanwhile that this person had changed: their words, to add again."""

    removed_meanwhile: list[dict] = field(default_factory=list)


def texts_save(
    current: dict, texts: Mapping, seen: Mapping, result: SaveResult, *, make, write, saved_by, now
) -> None:
    """Save texts by kind (e.g. reflections) as versioned drafts: ``current`` holds the saved
    rows by kind (each with ``text``, ``version``, ``saved_at``, ``saved_by`` and
    ``as_saved``) and gets the rows written; ``make(kind)`` is a new, unsaved row (version 0)
    and ``write(row)`` validates and saves one. ``seen`` is what the page showed, by kind."""
    planned = plan(
        {kind: Edit(text, seen.get(kind, Shown(None, 0))) for kind, text in texts.items()},
        {kind: row.as_saved for kind, row in current.items()},
    )
    for kind, text in planned.writes.items():
        row = current.get(kind) or make(kind)
        row.text, row.saved_at, row.saved_by = text, now, saved_by
        row.version += 1
        write(row)
        current[kind] = row
    result.saved += len(planned.writes)
    result.conflicts += planned.conflicts
    result.settled |= planned.settled
    result.state.update({kind: row.as_saved for kind, row in current.items()})


def _untouched(item: RowInput) -> bool:
    return item.shown is not None and normalised(item.values) == normalised(item.shown)


def row_save(
    item: RowInput,
    existing: Mapping,
    result: SaveResult,
    *,
    make,
    write,
    saved_by,
    now,
    filled=("name", "description"),
) -> None:
    """One row: a new row (when one of ``filled`` has words), a change merged with what is
    saved, a removal, a row someone removed meanwhile, or a conflict. ``existing`` holds this
    draft's saved rows by id (each with ``version``, ``values`` and ``as_saved``); ``make()``
    is a new, unsaved row of the app and ``write(row, values)`` sets its values, validates and
    saves it."""
    if item.id is None:
        if not item.delete and any(item.values.get(f) for f in filled):
            row = make()
            row.saved_at, row.saved_by = now, saved_by
            write(row, item.values)
            result.saved += 1
        return
    # Only this draft's rows are looked at: an id of another draft's row is answered as one
    # removed meanwhile, so that ids cannot be probed.
    row = existing.get(item.id)
    if row is None:
        if not item.delete and not _untouched(item):
            result.removed_meanwhile.append(item.values)
        return
    outcome, merged = decide(Edit(item.values, Shown(item.shown, item.seen)), row.as_saved)
    if item.delete:
        # A removal has no words to merge: it goes through only if nobody changed the row.
        unchanged_since = row.version == item.seen or (
            item.shown is not None and normalised(row.values) == normalised(item.shown)
        )
        outcome = Outcome.SAVE if unchanged_since else Outcome.CONFLICT
    if outcome is Outcome.CONFLICT:
        result.conflicts.append(Conflict(f"{ROW}{row.pk}", item.values, row.as_saved))
    elif outcome is Outcome.SAVE and item.delete:
        row.delete()
        result.saved += 1
    elif outcome is Outcome.SAVE:
        row.version += 1
        row.saved_at, row.saved_by = now, saved_by
        write(row, merged)
        result.saved += 1


def texts_and_rows_save(
    draft,
    *,
    texts: Mapping,
    seen: Mapping,
    current: dict,
    make_text,
    write_text,
    rows,
    existing: Mapping,
    make_row,
    write_row,
    saved_by: str,
    now,
) -> SaveResult:
    """Save one page of a draft made of texts by kind and rows (an answer, the notes), inside
    the app's transaction, after its lock and rule check: the texts (:func:`texts_save`, with
    ``current``, ``make_text``, ``write_text``), then each row (:func:`row_save`, with
    ``existing``, ``make_row``, ``write_row``); when anything was written, ``draft`` notes
    when and by whom (its ``last_saved_at`` and ``last_saved_by``)."""
    result = SaveResult()
    texts_save(
        current, texts, seen, result, make=make_text, write=write_text, saved_by=saved_by, now=now
    )
    for item in rows:
        row_save(item, existing, result, make=make_row, write=write_row, saved_by=saved_by, now=now)
    if result.saved:
        draft.last_saved_at, draft.last_saved_by = now, saved_by
        draft.save(update_fields=["last_saved_at", "last_saved_by"])
    return result


# --- Showing a save of texts and rows -----------------------------------------------------------

REMOVED_MEANWHILE = gettext_lazy(
    "Someone removed this row meanwhile. Your text is still here: save to add it again."
)


def saved_all(session, scope: str, result: SaveResult) -> bool:
    """After a save: keep for this browser what met a conflict and forget what is settled
    (:func:`unsaved_keep`); True when everything was saved (nothing kept, no row removed
    meanwhile), False when the page must show what stopped it."""
    unsaved_keep(session, scope, result.conflicts, settled=result.settled)
    if result.conflicts or result.removed_meanwhile:
        return False
    unsaved_forget(session, scope)
    return True


def row_problems(result: SaveResult, words) -> dict:
    """The rows a save could not write, as the app's formset shows them: by row id, what the
    person wrote and the message beside it (``words(values)`` says a row as people read it);
    under None, the words of rows someone removed meanwhile, to add again."""
    problems: dict = {
        int(c.key.removeprefix(ROW)): (c.mine, conflict_message(c, lambda _key, v: words(v)))
        for c in result.conflicts
        if c.key.startswith(ROW)
    }
    problems[None] = [(values, REMOVED_MEANWHILE) for values in result.removed_meanwhile]
    return problems


def row_kept(unsaved: Mapping, row_id, values: Mapping, words) -> tuple[str, str]:
    """A row's name among the words kept for this browser, and those words as people read
    them (``words(values)``) — empty when nothing is kept, or the row holds them now."""
    key = f"{ROW}{row_id}"
    kept = unsaved.get(key)
    shown = kept and normalised(kept) != normalised(dict(values))
    return key, words(kept) if shown else ""
