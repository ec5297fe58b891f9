"""The scribe's form for a group's notes: reflections and a list of entries, each a
versioned draft field that carries what the page showed (:mod:`arshjul.lib.drafts`), as the
working material's form does."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.lib import drafts
from working_material.models import MAX_TEXT

from .models import NoteEntry, NoteReflection, ids_text

KINDS = NoteReflection._meta.get_field("kind").choices
TEXT_FIELDS = ("name", "description", "organisations")


class ReflectionsForm(drafts.TextsForm):
    """One text per kind of reflection."""

    kinds = KINDS
    max_length = MAX_TEXT


class EntryForm(drafts.DraftRowForm):
    """One row: an entry, with what the page showed of it (:class:`drafts.DraftRowForm`). The
    organisations to choose from are given once for all rows."""

    filled_fields = TEXT_FIELDS
    kind = forms.ChoiceField(label=_("Type"), required=False)
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("For an idea for working together: who with whom, on what."),
    )
    description = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=1000,
        widget=forms.Textarea({"rows": 2}),
    )
    organisations = forms.MultipleChoiceField(
        label=_("Organisations named"),
        required=False,
        widget=forms.SelectMultiple({"size": 5}),
        help_text=_("Choose one or more (hold Ctrl or ⌘ on a computer)."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose a type")), *NoteEntry.Kind.choices]
        self.fields["organisations"].choices = organisations

    def clean_name(self):
        name = self.cleaned_data.get("name", "")
        if "\n" in name or "\r" in name:
            raise forms.ValidationError(_("Write the name on one line."))
        return name

    def clean(self):
        data = super().clean()
        filled = any(data.get(f) for f in TEXT_FIELDS)
        if filled and not data.get("remove"):
            if not data.get("name"):
                self.add_error("name", _("Give the entry a name."))
            if not data.get("kind"):
                self.add_error("kind", _("Choose what kind of entry it is."))
        return data

    def values(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "name": data.get("name") or "",
            "description": data.get("description") or "",
            "organisations": ids_text(data.get("organisations") or []),
        }


_BaseFormSet = forms.formset_factory(EntryForm, extra=0, max_num=100, validate_max=True)


class EntryFormSet(_BaseFormSet):
    def __init__(self, *args, organisations=(), **kwargs):
        kwargs.setdefault("prefix", "e")
        kwargs["form_kwargs"] = {"organisations": organisations}
        super().__init__(*args, **kwargs)


def _row(values: dict) -> dict:
    """A row's values as the form takes them (the organisations as a list of ids)."""
    row = dict(values)
    if "organisations" in row:
        row["organisations"] = [i for i in str(row["organisations"] or "").split(",") if i]
    return row


def entry_initial(entry: NoteEntry) -> dict:
    """A saved entry as its row starts."""
    return {
        "id": entry.pk,
        "version": entry.version,
        "shown": drafts.row_shown_text(entry.values),
        **_row(entry.values),
    }


def entry_formset(entries, *, organisations, problems: dict | None = None) -> EntryFormSet:
    """The rows as the page shows them: each saved entry, then an empty row to add one.

    ``problems`` (after a save that met them) maps a row to show differently to what the
    scribe wrote and the message beside it: an entry id (someone else changed it) or
    None-keyed new rows (an entry someone removed: its words come back as a new row)."""
    problems = problems or {}
    rows = []
    for entry in entries:
        row = entry_initial(entry)
        if entry.pk in problems:
            row.update(_row(problems[entry.pk][0]))
        rows.append((row, problems.get(entry.pk, (None, ""))[1]))
    rows += [(_row(values), message) for values, message in problems.get(None, [])]
    rows.append(({}, ""))
    if not problems:
        return EntryFormSet(initial=[row for row, _message in rows], organisations=organisations)
    data = _management(len(rows))
    for number, (row, _message) in enumerate(rows):
        for name, value in row.items():
            _put(data, f"e-{number}-{name}", value)
    formset = EntryFormSet(data, organisations=organisations)
    formset.is_valid()
    for form, (_row_values, message) in zip(formset.forms, rows, strict=True):
        if message:
            form.add_error("name", message)
    return formset


def _management(total: int):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(
        {
            "e-TOTAL_FORMS": str(total),
            "e-INITIAL_FORMS": "0",
            "e-MIN_NUM_FORMS": "0",
            "e-MAX_NUM_FORMS": "100",
        }
    )
    return data


def _put(data, key: str, value) -> None:
    if isinstance(value, list):
        data.setlist(key, [str(v) for v in value])
    else:
        data[key] = "" if value is None else value


def with_one_more_row(data, *, organisations) -> EntryFormSet:
    """The rows as posted, and one more (nothing saved)."""
    data = data.copy()
    total = EntryFormSet(data, organisations=organisations).total_form_count()
    data["e-TOTAL_FORMS"] = str(min(total + 1, 100))
    return EntryFormSet(data, organisations=organisations)


def formset_with_row(data, entry_id: int, values: dict, *, organisations) -> EntryFormSet:
    """The rows as posted, the row of one entry holding ``values`` (nothing saved)."""
    data = data.copy()
    for number in range(EntryFormSet(data, organisations=organisations).total_form_count()):
        if data.get(f"e-{number}-id") == str(entry_id):
            for name, value in _row(values).items():
                _put(data, f"e-{number}-{name}", value)
    return EntryFormSet(data, organisations=organisations)
