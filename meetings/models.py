"""The meetings of a cycle (the work meeting, the direction meeting, the conference) and the
materials that go with them."""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arshjul import deadlines
from arshjul.lib.validators import single_line

from .files import validate_material_file


class MeetingQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: the meeting and its cycle are both published."""
        return self.filter(published=True, cycle__status="published")


class Meeting(models.Model):
    """A meeting of a cycle. The kind is a label; what a meeting does (who may take part,
    until when, how many) comes from its fields."""

    class Kind(models.TextChoices):
        WORK_MEETING = "work_meeting", _("Work meeting")
        DIRECTION_MEETING = "direction_meeting", _("Direction meeting")
        CONFERENCE = "conference", _("Conference")

    class Participation(models.TextChoices):
        COORDINATORS = "coordinators", _("Coordinators register their organisation's participants")
        INVITATION = "invitation", _("By invitation")
        OPEN = "open", _("Open registration for everyone")
        UNDECIDED = "undecided", _("Not decided yet (save the date)")

    cycle = models.ForeignKey(
        "arshjul.Cycle",
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        help_text=_("The last part of the page's address, e.g. arbetsmote."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences, shown in lists and calendars."),
        validators=[single_line],
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Blank lines separate paragraphs.")
    )
    audience = models.TextField(
        _("who it is for"),
        blank=True,
        help_text=_("Who should take part, and how to think about whom to send."),
    )

    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)

    venue_name = models.CharField(_("venue"), max_length=200, blank=True, validators=[single_line])
    venue_address = models.CharField(
        _("address"), max_length=300, blank=True, validators=[single_line]
    )
    map_url = models.URLField(_("map link"), blank=True)

    participation = models.CharField(
        _("how one takes part"),
        max_length=20,
        choices=Participation.choices,
        default=Participation.UNDECIDED,
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("In Swedish time. Empty: open as soon as the meeting is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_(
            "The last moment to register, in Swedish time (e.g. 19 December 23:59:59). "
            "Shown on the wheel as a deadline."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("A meeting with places has at least one."))],
        help_text=_("Empty: no limit."),
    )
    limit_per_organisation = models.PositiveIntegerField(
        _("places per organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("An organisation may send at least one person."))],
        help_text=_("Empty: each organisation chooses how many."),
    )
    needs_days_before = models.PositiveSmallIntegerField(
        _("needs can be corrected until (days before)"),
        default=3,
        help_text=_(
            "After registration has closed, dietary and accessibility needs can still be "
            "corrected until this many days before the meeting (the caterer's and the "
            "venue's last day)."
        ),
    )
    has_workshop_groups = models.BooleanField(
        _("workshop groups"),
        default=False,
        help_text=_("One group per focus challenge of the cycle; participants choose one."),
    )

    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[single_line]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, validators=[single_line]
    )

    documentation = models.TextField(
        _("documentation"),
        blank=True,
        help_text=_(
            "After the meeting: what came out of it and what we learnt. Shown on the "
            "meeting's page once written."
        ),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished meetings are not shown.")
    )
    cancelled_at = models.DateTimeField(
        _("cancelled"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by the action that cancels the meeting and tells everyone registered."),
    )

    # A calendar program recognises the event by its UID across edits; SEQUENCE says which
    # version is newer. Both are kept here, raised by meetings.services.meeting_save.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "slug"],
                name="meeting_slug_unique_in_cycle",
                violation_error_message=_("Another meeting of this cycle has this web address."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def clean(self):
        errors = {}
        if self.ends_at and not self.starts_at:
            errors["starts_at"] = _("Give the start time too.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        starts = self.starts_at_datetime
        if self.registration_closes_at and starts and self.registration_closes_at >= starts:
            errors["registration_closes_at"] = _(
                "Registration must close before the meeting starts."
            )
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_opens_at >= self.registration_closes_at
        ):
            errors["registration_opens_at"] = _("Registration must open before it closes.")
        if errors:
            raise ValidationError(errors)

    def _on_the_day(self, time: datetime.time | None):
        return timezone.make_aware(datetime.datetime.combine(self.date, time or datetime.time()))

    @property
    def starts_at_datetime(self):
        """When the meeting starts, in Swedish time (midnight if no time is set yet)."""
        return self._on_the_day(self.starts_at) if self.date else None

    @property
    def ends_at_datetime(self):
        return self._on_the_day(self.ends_at) if self.date and self.ends_at else None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def needs_editable_until(self) -> datetime.datetime:
        """The end of the last day needs can be corrected (Swedish time)."""
        return deadlines.end_of_day(self.date - datetime.timedelta(days=self.needs_days_before))


def material_upload_to(material, filename):
    return f"material/{material.cycle.year}/{Path(filename).name}"


class MaterialQuerySet(models.QuerySet):
    def published(self, *, now=None):
        now = now or timezone.now()
        return self.filter(published_from__lte=now, cycle__status="published").filter(
            models.Q(meeting__isnull=True) | models.Q(meeting__published=True)
        )


class Material(models.Model):
    """A document or link for a meeting, or for the whole cycle: material to read before
    (the preliminary status analysis, the guidance with the working material) or the
    documentation published after a meeting."""

    class Kind(models.TextChoices):
        PREPARATION = "preparation", _("Material to read before")
        DOCUMENTATION = "documentation", _("Documentation after the meeting")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        COORDINATORS = "coordinators", _("The organisations' coordinators")

    cycle = models.ForeignKey(
        "arshjul.Cycle",
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
        help_text=_("Empty: material for the whole cycle."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PREPARATION
    )
    challenge = models.ForeignKey(
        "arshjul.Challenge",
        verbose_name=_("focus challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For the workshop group of one focus challenge. Empty: for everyone."),
    )
    audience = models.CharField(
        _("for"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_(
            "Material for the coordinators (e.g. a guide to the working material) is shown on "
            "their pages and at meetings where they register participants, not at the others."
        ),
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=material_upload_to,
        blank=True,
        validators=[validate_material_file],
        help_text=format_lazy(
            _("PDF, Word, Excel, PowerPoint, OpenDocument or an image; at most {size} MB."),
            size=settings.MATERIAL_MAX_MEGABYTES,
        ),
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Instead of a file."))
    published_from = models.DateTimeField(
        _("published from"),
        default=timezone.now,
        help_text=_("Shown on the site, and as news on the home page, from this moment."),
    )

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-published_from", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Give either a file or a link, not both."))
        if self.meeting_id and self.cycle_id and self.meeting.cycle_id != self.cycle_id:
            raise ValidationError({"meeting": _("The meeting belongs to another cycle.")})

    @property
    def link(self) -> str:
        """Where the material is read — the one place that says so: its download address on
        this site (a path), or the link staff gave."""
        if self.file:
            return reverse("meetings:material", args=[self.pk, self.filename])
        return self.url

    @property
    def filename(self) -> str:
        return Path(self.file.name).name if self.file else ""

    @property
    def file_type(self) -> str:
        """ "PDF", "DOCX"…, for the link text."""
        return Path(self.file.name).suffix.lstrip(".").upper() if self.file else ""
