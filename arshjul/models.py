"""The shared domain: the strategy, its yearly cycles (årshjul), focus challenges,
the organisations of the regional leadership and their coordinators.

Nothing about a particular year, region or challenge lives in code: it is all rows here,
edited by staff in the admin. (The outbox's and the PDF jobs' models are infrastructure, in
:mod:`arshjul.lib.models`; they belong to this app for their tables.)
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .colours import accent_problem
from .lib.models import (  # noqa: F401 - models of this app
    OutgoingMail,
    PdfJob,
    SweepRun,
    WorkerHeartbeat,
)
from .lib.validators import normalise_email, single_line

# A web origin: scheme, host and perhaps a port; nothing else (a CSP source must not be a path).
ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$", re.IGNORECASE)


class Identity(models.Model):
    """The organiser's face: its name, logo, accent colour and contacts, on every page,
    e-mail, calendar file and PDF. One row, the site's (see :mod:`arshjul.identity`)."""

    organiser_name = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_("The region that runs the annual cycle, as people know it."),
    )
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#004b87",
        help_text=_(
            "As #RRGGBB. White text on it, and it as text on white, need a contrast of at "
            "least 4.5:1."
        ),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[single_line]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, validators=[single_line]
    )
    address = models.TextField(_("postal address"), max_length=500, blank=True)
    mail_signature = models.TextField(
        _("e-mail signature"),
        max_length=1000,
        blank=True,
        help_text=_("Ends every e-mail the site sends, e.g. the unit and its phone number."),
    )
    reply_to = models.EmailField(
        _("reply address"),
        blank=True,
        help_text=_("Where answers to the site's e-mails go; without it, nobody gets them."),
    )
    embed_origins = models.TextField(
        _("sites that may show the wheel"),
        blank=True,
        help_text=_(
            "One address per line, e.g. https://intranat.kil.se: these sites may show the "
            "wheel in a frame (the embed page); no other site may."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    # What a region's file and the admin set besides the name (the logo is uploaded).
    FACE = [
        "accent_colour",
        "contact_name",
        "contact_email",
        "contact_phone",
        "address",
        "mail_signature",
        "reply_to",
    ]

    class Meta:
        verbose_name = _("organiser's identity")
        verbose_name_plural = _("organiser's identity")

    def __str__(self):
        return self.organiser_name or str(_("The organiser's identity"))

    def clean(self):
        if problem := accent_problem(self.accent_colour):
            raise ValidationError({"accent_colour": problem})
        if wrong := [line for line in self.origins if not ORIGIN.match(line)]:
            raise ValidationError(
                {
                    "embed_origins": _(
                        "Write each site as https:// and its host name only, e.g. "
                        "https://intranat.kil.se (not: %(wrong)s)."
                    )
                    % {"wrong": ", ".join(wrong)}
                }
            )

    @property
    def origins(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.embed_origins.splitlines() if line.strip()
        ]


class Strategy(models.Model):
    """The regional development strategy the cycles follow up (e.g. Värmlandsstrategin)."""

    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    vision = models.CharField(_("vision"), max_length=300, blank=True, validators=[single_line])
    organiser = models.ForeignKey(
        "Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="strategies",
        help_text=_("The region that runs the strategy and its annual cycle."),
    )
    background = models.TextField(
        _("background"),
        blank=True,
        help_text=_(
            "Why the region runs the annual cycle; shown on the home page. "
            "Blank lines separate paragraphs."
        ),
    )
    url = models.URLField(_("web page"), blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Challenge(models.Model):
    """A focus challenge (fokusutmaning) a cycle works on, e.g. "demografi och utanförskap"."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[single_line])
    description = models.TextField(_("short description"), blank=True)

    class Meta:
        verbose_name = _("focus challenge")
        verbose_name_plural = _("focus challenges")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CycleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Cycle.Status.PUBLISHED)


class Cycle(models.Model):
    """One year of the strategy follow-up: the årshjul with its meetings and deadlines."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.PROTECT, related_name="cycles"
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        help_text=_(
            "The year of the cycle's meetings; the work meeting's deadline falls in "
            "December the year before."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short welcome shown above the wheel. Blank lines separate paragraphs."),
    )
    challenges = models.ManyToManyField(
        Challenge,
        through="CycleChallenge",
        verbose_name=_("focus challenges"),
        related_name="cycles",
        blank=True,
    )

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-year"]

    def __str__(self):
        return self.name


class CycleChallenge(models.Model):
    """A focus challenge of a cycle, in the order the cycle presents them."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="cycle_challenges")
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("focus challenge"),
        on_delete=models.PROTECT,
        related_name="cycle_challenges",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus challenge of the cycle")
        verbose_name_plural = _("focus challenges of the cycle")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "challenge"], name="cyclechallenge_once_per_cycle"
            )
        ]

    def __str__(self):
        return str(self.challenge)


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_category_order(self):
        """By category in the order staff know them (Region, Kommun, Länsstyrelse, Lärosäte,
        …: as Category lists them, not by its internal codes), then by name."""
        return self.order_by(category_rank(), "name")


def category_order(category: str) -> int:
    """A category's place in the order :class:`Organisation.Category` lists them."""
    values = Organisation.Category.values
    return values.index(category) if category in values else len(values)


def category_rank(prefix: str = "") -> models.Case:
    """The same order as a database expression (``prefix``: "organisation__", say)."""
    return models.Case(
        *(
            models.When(**{f"{prefix}category": value}, then=models.Value(rank))
            for rank, value in enumerate(Organisation.Category.values)
        ),
        default=models.Value(len(Organisation.Category.values)),
        output_field=models.IntegerField(),
    )


kommunkod_validator = RegexValidator(
    r"^\d{4}$", _("A municipality code is four digits, e.g. 1780 for Karlstad.")
)


class Organisation(models.Model):
    """An organisation of the regional leadership: the unit that takes part in a cycle."""

    class Category(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY_BOARD = "county_board", _("County administrative board")
        UNIVERSITY = "university", _("University")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        CLUSTER = "cluster", _("Cluster or business organisation")
        STATE_AGENCY = "state_agency", _("State agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[single_line])
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[kommunkod_validator],
        help_text=_("Kommunkod, for municipalities only."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive organisations are not invited.")
    )

    objects = OrganisationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_code"],
                condition=~models.Q(municipality_code=""),
                name="organisation_unique_municipality_code",
                violation_error_message=_("Another organisation has this municipality code."),
            ),
            models.CheckConstraint(
                condition=models.Q(category="municipality", municipality_code__regex=r"^\d{4}$")
                | (~models.Q(category="municipality") & models.Q(municipality_code="")),
                name="organisation_code_only_for_municipalities",
                violation_error_message=_(
                    "A municipality needs its four-digit municipality code; "
                    "other organisations have none."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The same rule as the check constraint, but with the message beside the field.
        is_municipality = self.category == self.Category.MUNICIPALITY
        if is_municipality and not self.municipality_code:
            raise ValidationError(
                {"municipality_code": _("A municipality needs its four-digit municipality code.")}
            )
        if not is_municipality and self.municipality_code:
            raise ValidationError(
                {"municipality_code": _("Only municipalities have a municipality code.")}
            )


class Coordinator(models.Model):
    """The person an organisation appoints to hold its part of one cycle together.

    The coordinator may change from one cycle to the next, and one person (one e-mail address)
    may coordinate several organisations. One coordinator per organisation and cycle is the
    lead; colleagues they add (``is_lead=False``) act for the organisation too.
    """

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="coordinators"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="coordinators",
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[single_line])
    is_lead = models.BooleanField(
        _("lead coordinator"),
        default=True,
        help_text=_(
            "The organisation's coordinator. Colleagues they add (co-coordinators) sign in and "
            "act for the organisation the same way."
        ),
    )
    # The getting-started checklist items the coordinator has ticked (keys of
    # registrations.checklist.ITEMS).
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    # Carried over from last year's cycle: asked once, by mail, to confirm or name a successor.
    confirmation_asked_at = models.DateTimeField(
        _("asked to confirm"), null=True, blank=True, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    token_nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    history = HistoricalRecords(excluded_fields=["checklist", "token_nonce", "token_hash"])

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        ordering = ["cycle", "organisation__name", "-is_lead", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation"],
                condition=models.Q(is_lead=True),
                name="coordinator_one_lead_per_organisation_and_cycle",
                violation_error_message=_(
                    "This organisation already has a coordinator for this cycle."
                ),
            ),
            models.UniqueConstraint(
                fields=["cycle", "organisation", "email"],
                name="coordinator_once_per_organisation_and_cycle",
                violation_error_message=_(
                    "This address is already a coordinator of the organisation in this cycle."
                ),
            ),
        ]
        indexes = [models.Index(Lower("email"), name="coordinator_email_ci")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def clean(self):
        # Addresses are compared case-insensitively when coordinators sign in.
        self.email = normalise_email(self.email)


class ReminderSent(models.Model):
    """The claim that one reminder went: of one kind, about one thing (a meeting, a survey),
    to one recipient (an organisation, a group, a person), for one mark before one deadline.
    It is made before the e-mail, in the same transaction, so that however often the sweep
    runs — and whoever else reminds — each reminder goes once (:mod:`arshjul.reminders`)."""

    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("about"), max_length=60)  # "meeting-12", "survey-3"
    recipient = models.CharField(_("recipient"), max_length=60)  # "organisation-5"
    # The deadline's day (Swedish time): a moved deadline, or more time, has marks of its own.
    deadline = models.DateField(_("deadline"))
    mark = models.PositiveSmallIntegerField(_("days before"))
    days_left = models.PositiveSmallIntegerField(_("days left when sent"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Staff who reminded now from the overview; empty for the schedule's own.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reminded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "recipient", "deadline", "mark"],
                name="remindersent_once_per_mark",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.subject} → {self.recipient}: {self.mark}"


class ReminderPause(models.Model):
    """Staff paused one kind of reminder in one cycle: nothing of it goes until resumed."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="reminder_pauses"
    )
    kind = models.CharField(_("kind"), max_length=40)
    paused_at = models.DateTimeField(_("paused"), auto_now_add=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("paused reminder")
        verbose_name_plural = _("paused reminders")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="reminderpause_once_per_kind")
        ]

    def __str__(self):
        return f"{self.cycle}: {self.kind}"
