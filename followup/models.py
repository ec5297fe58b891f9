"""The year's follow-up report (Uppföljningsrapport <year>): one document per cycle,
compiled from what the cycle collected — participation, the survey, the indicators, the
lägesbild — with staff's own text for the direction meeting's conclusions and what comes next.

While it is a draft it is compiled anew; made final, what it showed is kept (``snapshot``) as
the year's record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from arshjul.models import Cycle, PdfJob


class Report(models.Model):
    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="followup_report"
    )
    conclusions = models.TextField(
        _("the direction meeting's conclusions"), blank=True, help_text=_("Markdown.")
    )
    next_steps = models.TextField(
        _("what comes next"),
        blank=True,
        help_text=_("Markdown. E.g. the conference's theme and why."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    final_at = models.DateTimeField(
        _("made final"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("From this moment the report is kept as the year's record."),
    )
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made final by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # What the final report showed (followup.compile): the record.
    snapshot = models.JSONField(_("as made final"), null=True, blank=True, editable=False)
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

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["-cycle__year"]
        permissions = [("publish_report", _("Can publish the follow-up report"))]

    def __str__(self):
        return f"{_('Follow-up report')} {self.cycle.year}"

    @property
    def is_final(self) -> bool:
        return self.final_at is not None
