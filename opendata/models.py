"""The few things about the open data that only staff know: the licence, the contact point
the national data portal shows, and the catalogue's description (one row)."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from arshjul.lib.validators import single_line


class CatalogueSettings(models.Model):
    """The open data's licence and contact point (one row; :func:`selectors.settings_current`
    gives an unsaved default — CC0 — before staff save it)."""

    class Licence(models.TextChoices):
        CC0 = "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"
        CC_BY = "https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"

    licence = models.CharField(
        _("licence"), max_length=200, choices=Licence.choices, default=Licence.CC0
    )
    contact_name = models.CharField(
        _("contact point"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_(
            "A function, not a person, e.g. “Regional utveckling, Region Värmland”. "
            "Empty: the organiser's name."
        ),
    )
    contact_email = models.EmailField(
        _("contact point's e-mail"),
        blank=True,
        help_text=_(
            "A functional address that outlives staff changes, e.g. oppnadata@region.se — "
            "never a person's. Shown in the catalogue and on the open data page."
        ),
    )
    description = models.TextField(
        _("catalogue's description"),
        blank=True,
        help_text=_("What the national data portal shows about the catalogue. Empty: our own."),
    )

    class Meta:
        verbose_name = _("open data catalogue")
        verbose_name_plural = _("open data catalogue")

    def __str__(self):
        return str(capfirst(self._meta.verbose_name))
