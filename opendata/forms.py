"""The catalogue's settings as staff edit them in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CatalogueSettings
from .selectors import is_personal_address


class CatalogueSettingsForm(forms.ModelForm):
    """The settings, refusing a person's address as the contact point: the catalogue is
    harvested and copied to other portals, and a person's address there outlives their job
    and is personal data in the open."""

    class Meta:
        model = CatalogueSettings
        fields = ["licence", "contact_name", "contact_email", "description"]

    def clean_contact_email(self):
        email = self.cleaned_data["contact_email"]
        if email and is_personal_address(email):
            raise forms.ValidationError(
                _(
                    "%(email)s is a person's address (a user's or a coordinator's). Give a "
                    "functional address that outlives staff changes, e.g. oppnadata@region.se."
                ),
                code="personal",
                params={"email": email},
            )
        return email
