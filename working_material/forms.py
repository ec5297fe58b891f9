"""The coordinator's form for one challenge: reflections and a list of entries."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_TEXT, Entry, Reflection

VERSION = re.compile(r"^\d{1,9}$")


class ReflectionsForm(forms.Form):
    """One text per kind of reflection, each with the version the page showed."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {}
        for kind, label in Reflection.Kind.choices:
            saved = current.get(kind)
            self.fields[kind] = forms.CharField(
                label=label, required=False, max_length=MAX_TEXT, widget=forms.Textarea({"rows": 3})
            )
            self.fields[f"{kind}_version"] = forms.CharField(
                required=False, widget=forms.HiddenInput
            )
            self.initial.setdefault(kind, saved.text if saved else "")
            self.initial.setdefault(f"{kind}_version", saved.version if saved else 0)

    def texts(self) -> dict[str, str]:
        return {kind: self.cleaned_data.get(kind, "") for kind in Reflection.Kind.values}

    def seen(self) -> dict[str, int]:
        return {
            kind: int(v)
            if VERSION.match(v := str(self.cleaned_data.get(f"{kind}_version", "")))
            else 0
            for kind in Reflection.Kind.values
        }

    def text_fields(self):
        return [self[kind] for kind in Reflection.Kind.values]


class EntryForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    remove = forms.BooleanField(label=_("Remove this row"), required=False)

    class Meta:
        model = Entry
        fields = ["kind", "name", "description", "participants", "contact", "link"]
        widgets = {"description": forms.Textarea({"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.fields["kind"].choices = [("", _("Choose a type")), *Entry.Kind.choices]
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        filled = any(
            data.get(f) for f in ["name", "description", "participants", "contact", "link"]
        )
        if filled and not data.get("remove"):
            if not data.get("name"):
                self.add_error("name", _("Give the entry a name."))
            if not data.get("kind"):
                self.add_error("kind", _("Choose what kind of entry it is."))
        return data

    def _post_clean(self):
        pass  # the service validates the entry it saves (the form has no answer to bind)

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("id") and not any(
            self.cleaned_data.get(f)
            for f in ["name", "description", "participants", "contact", "link"]
        )


EntryFormSet = forms.formset_factory(EntryForm, extra=0, max_num=100, validate_max=True)
EntryFormSet.row_label = _("Row %(number)d")


def entry_initial(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "version": entry.version,
        **{
            f: getattr(entry, f)
            for f in ["kind", "name", "description", "participants", "contact", "link"]
        },
    }


class DoneForm(forms.Form):
    by = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
