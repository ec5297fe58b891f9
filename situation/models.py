"""The lägesbild of a cycle: per focus challenge, the indicators linked to it, what the
organisations do (the working material) and what the work meeting added (the workshop
notes), the gaps found by rules staff can read, and where organisations can join forces.

It is computed from those rows while staff work on it; when staff publish it, what it showed
is kept (``snapshot``) so that the published lägesbild reads the same later — whatever is
imported, changed, or whichever organisation is removed or merged.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from arshjul.lib.validators import single_line
from arshjul.models import Cycle, PdfJob


class Picture(models.Model):
    """A cycle's lägesbild: staff's introduction and its publication."""

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="picture"
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # What the published lägesbild showed, per challenge (situation.snapshots): the record.
    snapshot = models.JSONField(_("as published"), null=True, blank=True, editable=False)
    pdf = models.ForeignKey(
        PdfJob,
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    pdf_content = models.CharField(max_length=64, blank=True, editable=False)
    # The direction meeting's material that points at the PDF (made when published).
    material = models.ForeignKey(
        "meetings.Material",
        verbose_name=_("material of the direction meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("lägesbild")
        verbose_name_plural = _("lägesbilder")
        ordering = ["-cycle__year"]
        permissions = [("publish_picture", _("Can publish the lägesbild"))]

    def __str__(self):
        return f"{_('Lägesbild')} {self.cycle.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class NameChoice(models.Model):
    """Staff's word on a name of a network or forum: which group of names it belongs to.

    Names are matched after normalising case, spacing and common abbreviations
    (:mod:`situation.matching`); a choice overrides that for one written form — merged into
    another's group, or split out on its own."""

    written = models.CharField(
        _("name as written (normalised)"), max_length=200, unique=True, validators=[single_line]
    )
    group = models.CharField(_("group"), max_length=200, validators=[single_line])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("name match")
        verbose_name_plural = _("name matches")
        ordering = ["group", "written"]

    def __str__(self):
        return f"{self.written} → {self.group}"
