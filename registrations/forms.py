import csv
import re

from django import forms
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from arshjul.lib.forms import add_domain_error
from arshjul.lib.imports import UploadForm
from arshjul.lib.validators import normalise_email, single_line
from arshjul.models import Organisation
from meetings.models import Meeting

from . import selectors, services
from .errors import RegistrationError
from .models import JoinRequest, Participant
from .participants import GROUP_MISSING, NEEDS_FIELDS, PERSON_FIELDS, Person, needs_help_text

escape_lazy = lazy(escape, str)


class EmailSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address your organisation gave as its coordinator's."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


AUTOCOMPLETE = {
    "name": "name",
    "email": "email",
    "role": "organization-title",
    "organisation_name": "organization",
}


class ParticipantForm(forms.ModelForm):
    """One participant, as a coordinator types them. Lengths come from the model; the rules
    (workshop group, consent) from the service, shown here beside their fields."""

    # Filled in by the participants themselves (they consent for themselves)?
    about_oneself = False

    class Meta:
        model = Participant
        fields = PERSON_FIELDS
        labels = {
            "name": _("Name"),
            "email": _("E-mail"),
            "role": _("Title or role"),
            "workshop_group": _("Workshop group"),
            "accessibility_needs": _("Accessibility needs (optional)"),
            "dietary_needs": _("Dietary needs (optional)"),
            "comment": _("Comment (optional)"),
            "needs_consent": _("The participant agrees that we store their needs and comment"),
        }
        help_texts = {
            "accessibility_needs": _(
                "For example a hearing loop, step-free access or a reserved seat."
            ),
            "needs_consent": "",
        }
        error_messages = {
            "name": {"required": _("Fill in the participant's name.")},
            "email": {
                "required": _("Fill in the participant's e-mail address."),
                "invalid": _("Fill in a valid e-mail address, like name@example.org."),
            },
        }

    def __init__(self, *args, meeting, groups=None, **kwargs):
        """``groups``: the meeting's workshop groups, read once by a formset for all rows
        (:func:`registrations.selectors.workshop_groups`); read here when not given."""
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["dietary_needs"].help_text = needs_help_text(own=self.about_oneself)
        if self.about_oneself:
            self.fields["needs_consent"].label = _("I agree that you store my needs and comment")
        # What the browser may fill in: one's own name and address (WCAG 1.3.5), never a
        # colleague's typed by a coordinator.
        for name, purpose in AUTOCOMPLETE.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = (
                    purpose if self.about_oneself else "off"
                )
        if "workshop_group" not in self.fields:
            return
        if not meeting.has_workshop_groups:
            del self.fields["workshop_group"]
            return
        if groups is None:
            groups = selectors.workshop_groups(meeting)
        self.groups = {str(group.pk): group for group in groups}
        field = forms.TypedChoiceField(
            label=self.fields["workshop_group"].label,
            choices=[("", _("Choose a group")), *((pk, g.name) for pk, g in self.groups.items())],
            coerce=self.groups.get,
            empty_value=None,
            error_messages={
                "required": GROUP_MISSING,
                "invalid_choice": GROUP_MISSING,
            },
        )
        self.fields["workshop_group"] = field

    def clean_workshop_group(self):
        return self.cleaned_data.get("workshop_group")

    def _get_validation_exclusions(self):
        # The group is one of the meeting's, read above: no query a row to look it up again.
        return {*super()._get_validation_exclusions(), "workshop_group"}

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.person_check(meeting=self.meeting, person=self.person())
            except RegistrationError as error:
                add_domain_error(self, error)
        return data

    def person(self) -> Person:
        return Person.from_data(self.cleaned_data)

    def typed(self) -> dict:
        """What was typed, as initial values for the same form shown again."""
        return {name: self[name].value() for name in self.fields}


class BaseParticipantFormSet(forms.BaseFormSet):
    """Several participants at once; empty rows are skipped, every typed row is kept."""

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            email = normalise_email(form.cleaned_data.get("email"))
            if not email:
                continue
            if email in seen:
                form.add_error("email", _("The same e-mail address is given twice."))
            seen[email] = form
        if not seen:
            raise forms.ValidationError(_("Fill in at least one participant."))

    def people(self) -> list[Person]:
        return [form.person() for form in self.forms if form.cleaned_data.get("email")]


# At most this many rows at once: 100 rows of 8 fields stay within Django's limit of 1,000
# fields in one request (DATA_UPLOAD_MAX_NUMBER_FIELDS).
MAX_ROWS = 100

ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


class PasteForm(forms.Form):
    """A list pasted from a spreadsheet or an e-mail: one participant per line."""

    pasted = forms.CharField(
        label=_("Paste a list"),
        # Escaped: crispy-forms shows help texts as HTML, and this one has angle brackets.
        help_text=escape_lazy(
            format_lazy(
                _(
                    "One participant per line: name, e-mail and (if you like) title, separated "
                    "by commas, semicolons or tabs; or addresses as your e-mail program copies "
                    "them (Anna Berg <anna.berg@example.org>). At most {rows} lines at a time. "
                    "You check the rows before registering."
                ),
                rows=MAX_ROWS,
            )
        ),
        max_length=MAX_ROWS * 400,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_pasted(self):
        text = self.cleaned_data["pasted"]
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_ROWS:
            raise forms.ValidationError(
                _(
                    "The list has %(count)d lines; paste at most %(max)d at a time, and the "
                    "rest once these are registered."
                ),
                params={"count": len(lines), "max": MAX_ROWS},
            )
        return text

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
            row = {"name": "", "email": "", "role": ""}
            for cell in cells:
                name, address = _name_and_address(cell)
                if not row["email"] and address:
                    row["email"] = address
                    row["name"] = row["name"] or name
                elif not row["name"]:
                    row["name"] = cell
                elif not row["role"]:
                    row["role"] = cell
            rows.append(row)
        return rows


# "Anna Berg <anna.berg@kil.se>" or ""Berg, Anna" <anna.berg@kil.se>", as e-mail programs
# copy addresses.
_NAMED_ADDRESS = re.compile(r'^"?(?P<name>[^<>"]*?)"?\s*<(?P<address>[^<>\s]+)>$')


def _name_and_address(cell: str) -> tuple[str, str]:
    """("Anna Berg", "anna.berg@kil.se") from "Anna Berg <anna.berg@kil.se>", or
    ("", address) from a bare address; ("", "") when the cell holds no address."""
    named = _NAMED_ADDRESS.match(cell.strip())
    if named and _is_email(named["address"]):
        return named["name"].strip(), named["address"]
    return ("", cell) if _is_email(cell) else ("", "")


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
        widgets = {
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "coordinator_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "coordinator_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    # A field people never see nor fill in (it is placed off-screen, with a label saying to
    # leave it empty); robots that fill in every field are thanked, and nothing is stored.
    HONEYPOT = "website"
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

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


class NeedsForm(ParticipantForm):
    about_oneself = True  # replaced by the coordinator's view where a coordinator edits

    """Only the needs and their consent: what can still be corrected after registration
    has closed (until the meeting's needs_days_before)."""

    class Meta(ParticipantForm.Meta):
        fields = [*NEEDS_FIELDS, "needs_consent"]

    def __init__(self, *args, meeting, participant, about_oneself=True, **kwargs):
        self.participant = participant
        self.about_oneself = about_oneself
        super().__init__(*args, meeting=meeting, **kwargs)

    def person(self) -> Person:
        return Person.from_data(self.cleaned_data, base=self.participant)


class OpenRegistrationForm(ParticipantForm):
    """Someone signing up themselves: who they are, their organisation (from the register,
    or written), and what they need."""

    about_oneself = True

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.active(),
        required=False,
        empty_label=_("Not in the list (write it below)"),
    )
    organisation_name = forms.CharField(
        label=_("Your organisation, if it is not in the list"),
        max_length=200,
        required=False,
        validators=[single_line],
    )
    HONEYPOT = JoinRequestForm.HONEYPOT
    website = JoinRequestForm.base_fields[JoinRequestForm.HONEYPOT]

    field_order = ["name", "email", "organisation", "organisation_name", "role"]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("organisation_name") or "").strip():
            self.add_error(
                "organisation_name",
                _("Choose your organisation in the list, or write its name."),
            )
        return data

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))


class RegistrationChangeForm(OpenRegistrationForm):
    """Who signed up themselves corrects their registration while it is open: everything but
    the address (their personal link belongs to it)."""

    class Meta(OpenRegistrationForm.Meta):
        fields = [f for f in PERSON_FIELDS if f != "email"]

    def __init__(self, *args, participant, **kwargs):
        self.participant = participant
        super().__init__(*args, **kwargs)
        del self.fields[self.HONEYPOT]

    def person(self) -> Person:
        return Person.from_data({**self.cleaned_data, "email": self.participant.email})


class InvitationAnswerForm(ParticipantForm):
    """The invitee's answer: coming or not, and — when coming — as whom and what they need.
    The address is the one the invitation went to."""

    about_oneself = True

    coming = forms.TypedChoiceField(
        label=_("Will you come?"),
        choices=[("yes", _("Yes, I will come")), ("no", _("No, I cannot come"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )

    class Meta(ParticipantForm.Meta):
        fields = [f for f in PERSON_FIELDS if f != "email"]

    field_order = ["coming", "name", "role"]

    def __init__(self, *args, meeting, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, meeting=meeting, **kwargs)

    def clean(self):
        data = forms.ModelForm.clean(self)  # the rules below only for those coming
        if data.get("coming") and not self.errors:
            try:
                services.person_check(meeting=self.meeting, person=self.person())
            except RegistrationError as error:
                add_domain_error(self, error)
        return data

    def _post_clean(self):
        if self.cleaned_data.get("coming") is False:
            return  # a no needs nothing else checked
        super()._post_clean()

    def person(self) -> Person:
        return Person.from_data({**self.cleaned_data, "email": self.invitation.email})


class InvitationRowForm(forms.Form):
    """One row of an invitation list (admin import)."""

    name = forms.CharField(label=_("Name"), max_length=200, validators=[single_line])
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, validators=[single_line]
    )
    role = forms.CharField(
        label=_("Title or role"), max_length=200, required=False, validators=[single_line]
    )

    COLUMNS = {
        "name": ["namn", "name"],
        "email": ["e-post", "epost", "e-postadress", "email", "e-mail", "mejl"],
        "organisation": ["organisation", "organization", "myndighet", "kommun"],
        "role": ["roll", "titel", "befattning", "role", "title"],
    }

    def __init__(self, *args, meeting, organisations: dict, seen: set, invited: set, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting, self.organisations, self.seen, self.invited = (
            meeting,
            organisations,
            seen,
            invited,
        )

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if email in self.invited:
            raise forms.ValidationError(_("Already invited to the meeting."))
        if email in self.seen:
            raise forms.ValidationError(_("The same address is on an earlier row."))
        self.seen.add(email)
        return email

    def invitation_fields(self) -> dict:
        data = self.cleaned_data
        organisation = self.organisations.get((data["organisation"] or "").lower())
        return {
            "name": data["name"],
            "email": data["email"],
            "role": data["role"],
            "organisation": organisation,
            "organisation_name": "" if organisation else data["organisation"],
        }


class InvitationImportForm(UploadForm):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.filter(participation=Meeting.Participation.INVITATION),
    )
    file = forms.FileField(
        label=_("List of invitees (CSV or XLSX)"),
        help_text=_(
            "The first row names the columns: Namn, E-post, Organisation, Roll. An "
            "organisation in the register is recognised by its name."
        ),
    )
    field_order = ["meeting", "file"]


class ColleagueForm(forms.Form):
    """A colleague to add as co-coordinator (on the organisation's page)."""

    name = forms.CharField(label=_("Name"), max_length=200, validators=[single_line])
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("They sign in with this address: we send them a link, no password."),
    )
