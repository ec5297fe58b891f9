"""The meetings of a cycle: the work meeting, the direction meeting and the conference."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    """A meeting of a cycle. The kind is a label; later behaviour comes from fields."""

    class Kind(models.TextChoices):
        WORK_MEETING = "work_meeting", _("Work meeting")
        DIRECTION_MEETING = "direction_meeting", _("Direction meeting")
        CONFERENCE = "conference", _("Conference")

    cycle = models.ForeignKey(
        "arshjul.Cycle",
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_(
            "The last moment to register, in Swedish time (e.g. 19 December 23:59:59). "
            "Shown on the wheel as a deadline."
        ),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.title} ({self.date:%Y-%m-%d})"
