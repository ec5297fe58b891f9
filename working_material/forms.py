"""The coordinator's form for one challenge: reflections and a list of entries, each a
versioned draft field that carries what the page showed (:mod:`arshjul.lib.drafts`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arshjul.lib import drafts

from .models import MAX_TEXT, Entry, Reflection

TEXT_FIELDS = [name for name in Entry.FIELDS if name != "kind"]


class ReflectionsForm(drafts.TextsForm):
    """One text per kind of reflection."""

    kinds = Reflection.Kind.choices
    max_length = MAX_TEXT

    def text_fields(self):
        return [self[kind] for kind in Reflection.Kind.values]


class EntryForm(drafts.DraftRowForm, forms.ModelForm):
    """One row: an entry, with what the page showed of it (:class:`drafts.DraftRowForm`)."""

    filled_fields = TEXT_FIELDS

    class Meta:
        model = Entry
        fields = list(Entry.FIELDS)
        widgets = {"description": forms.Textarea({"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.fields["kind"].choices = [("", _("Choose a type")), *Entry.Kind.choices]
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        filled = any(data.get(f) for f in TEXT_FIELDS)
        if filled and not data.get("remove"):
            if not data.get("name"):
                self.add_error("name", _("Give the entry a name."))
            if not data.get("kind"):
                self.add_error("kind", _("Choose what kind of entry it is."))
        return data

    def _post_clean(self):
        pass  # the service validates the entry it saves (the form has no answer to bind)

    def values(self) -> dict[str, str]:
        return {f: self.cleaned_data.get(f) or "" for f in Entry.FIELDS}


EntryFormSet = forms.formset_factory(EntryForm, extra=0, max_num=100, validate_max=True)
EntryFormSet.row_label = _("Row %(number)d")


def entry_initial(entry: Entry) -> dict:
    """A saved entry as its row starts."""
    return {
        "id": entry.pk,
        "version": entry.version,
        "shown": drafts.row_shown_text(entry.values),
        **entry.values,
    }


def entry_formset(entries: list[Entry], *, problems: dict | None = None) -> EntryFormSet:
    """The rows as the page shows them: each saved entry, then an empty row to add one.

    ``problems`` (after a save that met them) maps a row to show differently to what the
    person wrote and the message beside it: an entry id (someone else changed it: the row
    keeps the person's words, and now starts from what is saved) or None-keyed new rows (an
    entry someone removed: its words come back as a new row)."""
    problems = problems or {}
    rows = []
    for entry in entries:
        row = entry_initial(entry)
        if entry.pk in problems:
            row.update(problems[entry.pk][0])
        rows.append((row, problems.get(entry.pk, (None, ""))[1]))
    rows += [(dict(values), message) for values, message in problems.get(None, [])]
    rows.append(({}, ""))
    data = {
        "e-TOTAL_FORMS": str(len(rows)),
        "e-INITIAL_FORMS": "0",
        "e-MIN_NUM_FORMS": "0",
        "e-MAX_NUM_FORMS": "100",
    }
    for number, (row, _message) in enumerate(rows):
        for name, value in row.items():
            data[f"e-{number}-{name}"] = "" if value is None else value
    if not problems:
        return EntryFormSet(initial=[row for row, _message in rows], prefix="e")
    formset = EntryFormSet(data, prefix="e")
    formset.is_valid()
    for form, (_row, message) in zip(formset.forms, rows, strict=True):
        if message:
            form.add_error("name", message)
    return formset


def with_one_more_row(data) -> EntryFormSet:
    """The rows as posted, and one more (nothing saved)."""
    data = data.copy()
    data["e-TOTAL_FORMS"] = str(min(EntryFormSet(data, prefix="e").total_form_count() + 1, 100))
    return EntryFormSet(data, prefix="e")


def formset_with_row(data, entry_id: int, values: dict) -> EntryFormSet:
    """The rows as posted, the row of one entry holding ``values`` (nothing saved)."""
    data = data.copy()
    for number in range(EntryFormSet(data, prefix="e").total_form_count()):
        if data.get(f"e-{number}-id") == str(entry_id):
            for name in Entry.FIELDS:
                data[f"e-{number}-{name}"] = values.get(name, "")
    return EntryFormSet(data, prefix="e")
