"""Sign-ups: the participants each organisation's coordinator registers for a meeting, the
organisations asking to take part, and the bookkeeping of sign-in links and summaries."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arshjul.lib.validators import single_line
from arshjul.models import Organisation


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Participant.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Participant.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Participant.Status.WAITING)


class Participant(models.Model):
    """A person taking part in a meeting: sent by an organisation's coordinator, invited by
    staff, or signed up themselves where registration is open. Confirmed participants have
    a place; waiting ones are in line for one, in the order they signed up."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Channel(models.TextChoices):
        COORDINATORS = "coordinators", _("Registered by the organisation's coordinator")
        INVITATION = "invitation", _("Answered an invitation")
        OPEN = "open", _("Registered themselves")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    organisation = models.ForeignKey(
        "arshjul.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participants",
        null=True,
        blank=True,
        help_text=_("Empty for someone whose organisation is not in the register."),
    )
    organisation_name = models.CharField(
        _("organisation (as given)"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_("The organisation as the person wrote it, when it is not in the register."),
    )
    channel = models.CharField(
        _("registered through"),
        max_length=12,
        choices=Channel.choices,
        default=Channel.COORDINATORS,
    )
    # The personal link of someone who signed up themselves (to see or cancel): see
    # registrations.tokens (the link itself is only in their e-mail).
    token_nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("title or role"), max_length=200, blank=True, validators=[single_line]
    )
    workshop_group = models.ForeignKey(
        "arshjul.Challenge",
        verbose_name=_("workshop group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the participant needs: kept only with their consent (dietary needs can reveal
    # health or religion), seen only by staff with the "needs" permission, erased
    # NEEDS_RETENTION_DAYS after the meeting.
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    needs_consent = models.BooleanField(
        _("consent to store needs and comment"),
        default=False,
        help_text=_(
            "The participant agrees that we store their dietary and accessibility needs and "
            "comment until they are erased, NEEDS_RETENTION_DAYS after the meeting."
        ),
    )

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.CONFIRMED,
        db_index=True,
    )
    # The waiting list is served in this order (the time of signing up, kept on replacement).
    queued_at = models.DateTimeField(_("signed up"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )

    objects = ParticipantQuerySet.as_manager()

    history = HistoricalRecords(
        excluded_fields=[
            "dietary_needs",
            "accessibility_needs",
            "comment",
            "token_nonce",
            "token_hash",
        ]
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="participant_email_once_per_meeting",
                violation_error_message=_(
                    "This e-mail address is already registered for the meeting."
                ),
            )
        ]
        indexes = [models.Index(fields=["meeting", "organisation", "status"])]
        permissions = [
            ("view_needs", _("Can see participants' dietary and accessibility needs and comments"))
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation_display})"

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Invitation(models.Model):
    """An invitation to a meeting "by invitation": the invitee answers yes or no through a
    personal link (only its hash is kept), and may change the answer until registration
    closes. A yes makes them a participant, through the same capacity service as everyone."""

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        ACCEPTED = "accepted", _("Coming")
        DECLINED = "declined", _("Not coming")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "arshjul.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="invitations",
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(
        _("organisation (as given)"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_("When the organisation is not in the register."),
    )
    role = models.CharField(
        _("title or role"), max_length=200, blank=True, validators=[single_line]
    )
    token_nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, blank=True, default=Answer.NONE
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = models.CharField(
        _("answered by"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The name given when answering (it may differ from the invitee's)."),
    )
    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_nonce", "token_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "organisation__name", "organisation_name", "name"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                name="invitation_email_once_per_meeting",
                violation_error_message=_("This address is already invited to the meeting."),
            )
        ]
        permissions = [("send_invitation", _("Can send invitations"))]

    def __str__(self):
        return f"{self.name} ({self.organisation_display})"

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class SignInRequest(models.Model):
    """A request for a sign-in link, waiting for a worker to look up the address and send the
    link. The web request does the same work for every address, known or not; the row is
    deleted when the worker has handled it (or, unhandled, once a link would be too late)."""

    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class CoordinatorDigest(models.Model):
    """A summary of changes to an organisation's participants, sent to its coordinator once
    the changes have settled (not one e-mail per click)."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "arshjul.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    first_change_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=models.Q(sent_at__isnull=True),
                name="one_pending_digest_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.meeting_id} due {self.due_at:%Y-%m-%d %H:%M}"


class JoinRequest(models.Model):
    """An organisation not on the list asking to take part in a cycle."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    cycle = models.ForeignKey(
        "arshjul.Cycle",
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=200, validators=[single_line]
    )
    category = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=Organisation.Category.choices,
    )
    coordinator_name = models.CharField(
        _("coordinator's name"), max_length=200, validators=[single_line]
    )
    coordinator_email = models.EmailField(_("coordinator's e-mail"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    organisation = models.ForeignKey(
        "arshjul.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to take part")
        verbose_name_plural = _("requests to take part")
        ordering = ["-created_at"]

    def __str__(self):
        return self.organisation_name
