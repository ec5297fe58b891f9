"""Forms of the shared domain."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .identity import logo_checked
from .lib.validators import single_line
from .models import Coordinator, Identity


class ContinueForm(forms.Form):
    """A carried-over coordinator's answer: go on, or name who takes over."""

    goes_on = forms.TypedChoiceField(
        label=_("Will you go on as coordinator?"),
        choices=[("yes", _("Yes, I go on")), ("no", _("No, someone else takes over"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )
    name = forms.CharField(
        label=_("Name of who takes over"),
        max_length=200,
        required=False,
        validators=[single_line],
    )
    email = forms.EmailField(label=_("Their e-mail address"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Their phone (if you know it)"),
        max_length=40,
        required=False,
        validators=[single_line],
    )

    def clean(self):
        data = super().clean()
        if data.get("goes_on") is False:
            if not data.get("name"):
                self.add_error("name", _("Write the name of who takes over."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Write their e-mail address: they sign in with it."))
        return data


class CarryOverForm(forms.Form):
    """When a cycle is copied: which of its coordinators go with it."""

    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinators to carry over"),
        queryset=Coordinator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Those not chosen are not copied. Nobody is mailed now: when the new cycle is "
            "ready, you ask those carried over whether they go on (the action “Ask the "
            "carried-over coordinators whether they go on”, which shows the e-mail first)."
        ),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["coordinators"]
        field.queryset = (
            Coordinator.objects.filter(cycle=cycle)
            .select_related("organisation")
            .order_by("organisation__name", "-is_lead", "name")
        )
        field.label_from_instance = lambda c: f"{c.organisation.name}: {c.name} <{c.email}>"


class IdentityForm(forms.ModelForm):
    """The organiser's identity, with its logo uploaded (checked by its content) or removed."""

    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("SVG or PNG, at most 512 kB. Shown in the header and on PDFs."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Identity
        fields = ["organiser_name", *Identity.FACE, "embed_origins"]
        widgets = {"accent_colour": forms.TextInput(attrs={"size": 8})}

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        try:
            return logo_checked(upload.name, upload.read())  # as kept: (content, type)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def save(self, commit=True):
        identity = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            identity.logo, identity.logo_type = b"", ""
        if logo := self.cleaned_data.get("logo_file"):
            identity.logo, identity.logo_type = logo
        if commit:
            identity.save()
        return identity
