import csv

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from arshjul.models import Challenge, Organisation

from .models import JoinRequest
from .services import Person


class EmailSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address your organisation gave as its coordinator's."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.CharField(label=_("Title or role"), max_length=200, required=False)
    workshop_group = forms.ModelChoiceField(
        label=_("Workshop group"),
        queryset=Challenge.objects.none(),
        required=False,
        empty_label=_("Choose a group"),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example a hearing loop, step-free access or a reserved seat."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "Only with the participant's consent below. Deleted after the meeting; "
            "the caterer gets numbers, not names."
        ),
    )
    dietary_consent = forms.BooleanField(
        label=_("The participant agrees that we store their dietary needs"),
        required=False,
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=500, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting.has_workshop_groups:
            self.fields["workshop_group"].queryset = Challenge.objects.filter(
                cycle_challenges__cycle=meeting.cycle_id
            ).order_by("cycle_challenges__position")
            self.fields["workshop_group"].required = True
            self.fields["workshop_group"].error_messages["required"] = _("Choose a workshop group.")
        else:
            del self.fields["workshop_group"]

    def clean(self):
        data = super().clean()
        if data.get("dietary_needs") and not data.get("dietary_consent"):
            self.add_error(
                "dietary_consent",
                _(
                    "Tick the box if the participant agrees that we store their dietary needs, "
                    "or leave the dietary needs empty."
                ),
            )
        return data

    def person(self) -> Person:
        return Person(**self.cleaned_data)


class BaseParticipantFormSet(forms.BaseFormSet):
    """Several participants at once; empty rows are skipped, every typed row is kept."""

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            email = (form.cleaned_data.get("email") or "").lower()
            if not email:
                continue
            if email in seen:
                form.add_error("email", _("The same e-mail address is given twice."))
            seen[email] = form
        if not seen:
            raise forms.ValidationError(_("Fill in at least one participant."))

    def people(self) -> list[Person]:
        return [form.person() for form in self.forms if form.cleaned_data.get("email")]


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=0,
    min_num=1,
    max_num=200,
    validate_max=True,
)


class PasteForm(forms.Form):
    """A list pasted from a spreadsheet or an e-mail: one participant per line."""

    pasted = forms.CharField(
        label=_("Paste a list"),
        help_text=_(
            "One participant per line: name, e-mail and (if you like) title, separated "
            "by commas, semicolons or tabs. You check the rows before registering."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def rows(self) -> list[dict]:
        text = self.cleaned_data["pasted"]
        dialect = "excel-tab" if "\t" in text else None
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            if dialect:
                cells = next(csv.reader([line], dialect=dialect))
            else:
                cells = next(csv.reader([line.replace(";", ",")], skipinitialspace=True))
            cells = [c.strip() for c in cells]
            row = {"name": cells[0] if cells else "", "email": "", "role": ""}
            for cell in cells[1:]:
                if not row["email"] and _is_email(cell):
                    row["email"] = cell
                elif not row["role"]:
                    row["role"] = cell
            rows.append(row)
        return rows


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except forms.ValidationError:
        return False
    return True


class ChecklistForm(forms.Form):
    ticked = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticked"].choices = choices


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = [
            "organisation_name",
            "category",
            "coordinator_name",
            "coordinator_email",
            "message",
        ]
        labels = {
            "organisation_name": _("Your organisation's name"),
            "category": _("What kind of organisation is it?"),
            "coordinator_name": _("The coordinator's name"),
            "coordinator_email": _("The coordinator's e-mail address"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "coordinator_email": _(
                "We send the answer here, and the coordinator signs in with this address."
            ),
            "message": _("Tell us briefly about the organisation and why you want to take part."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose"))] + [
            c for c in Organisation.Category.choices if c[0] != Organisation.Category.REGION
        ]

    def clean_organisation_name(self):
        name = self.cleaned_data["organisation_name"].strip()
        if Organisation.objects.filter(name__iexact=name, active=True).exists():
            raise forms.ValidationError(
                _(
                    "%(name)s already takes part. Ask your coordinator, or sign in as the "
                    "coordinator."
                )
                % {"name": name}
            )
        return name
