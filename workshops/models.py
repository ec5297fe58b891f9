"""The workshop groups' notes at a meeting (the work meeting's groups, one per focus
challenge): what the room added to the status analysis — initiatives, forums, networks and
decisions with the organisations named, what has been hard, success factors, structures to
create, break and keep, the gaps it saw and its ideas for working together.

Scribes write them through a personal link (no account), several at once: entries and
reflections are versioned draft fields (:mod:`arshjul.lib.drafts`), as the working
material's are, so that two scribes never erase each other. Staff edit them afterwards; the
notes close a number of days after the meeting that staff set.
"""

from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arshjul.lib import drafts
from arshjul.lib.validators import single_line
from arshjul.models import Challenge, Organisation
from working_material.models import MAX_TEXT, Entry, Reflection

# The scribes write for two weeks after the meeting unless staff say otherwise.
DEFAULT_DAYS = 14


class NotesClosing(models.Model):
    """How long after a meeting its groups' notes stay open to the scribes (without a row:
    ``DEFAULT_DAYS``)."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="notes_closing",
    )
    days_after = models.PositiveSmallIntegerField(
        _("notes close (days after the meeting)"),
        default=DEFAULT_DAYS,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "The scribes can write until the end of this day after the meeting (Swedish "
            "time); staff can still edit after it."
        ),
    )

    class Meta:
        verbose_name = _("closing of the workshop notes")
        verbose_name_plural = _("closing of the workshop notes")

    def __str__(self):
        return str(self.meeting)


class Notes(models.Model):
    """One workshop group's notes: the group of one focus challenge at one meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="workshop_notes",
    )
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("focus challenge"), on_delete=models.PROTECT, related_name="+"
    )
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    last_saved_by = models.CharField(_("last saved by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("workshop notes")
        verbose_name_plural = _("workshop notes")
        ordering = ["meeting__date", "challenge__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "challenge"], name="notes_one_per_meeting_and_challenge"
            )
        ]

    def __str__(self):
        return f"{self.challenge} – {self.meeting}"

    def clean(self):
        """A group is one of the meeting's cycle's focus challenges."""
        from django.core.exceptions import ValidationError

        if self.meeting_id and self.challenge_id:
            challenges = self.meeting.cycle.cycle_challenges.values_list("challenge", flat=True)
            if self.challenge_id not in set(challenges):
                raise ValidationError(
                    {"challenge": _("Choose one of the focus challenges of the meeting's cycle.")}
                )


class Scribe(models.Model):
    """Someone who writes a group's notes: a participant in the group, or staff. Their
    personal link (see :mod:`arshjul.lib.tokens`) opens the notes; it is only in their
    e-mail, or given to them by staff."""

    notes = models.ForeignKey(
        Notes, verbose_name=_("workshop notes"), on_delete=models.CASCADE, related_name="scribes"
    )
    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A participant in the group; empty for staff."),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    email = models.EmailField(_("e-mail"), blank=True)
    token_nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    link_sent_at = models.DateTimeField(_("link sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("scribe")
        verbose_name_plural = _("scribes")
        ordering = ["notes", "name"]

    def __str__(self):
        return self.name


class NoteReflection(models.Model):
    """What the group said of one kind: what has been hard, success factors, structures to
    create, break and keep (the working material's kinds)."""

    notes = models.ForeignKey(
        Notes,
        verbose_name=_("workshop notes"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Reflection.Kind.choices)
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.CharField(_("saved by"), max_length=200, blank=True)
    shared = models.BooleanField(
        _("shared publicly"),
        default=False,
        help_text=_("Shown on the public page of lessons from the work meeting."),
    )

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["notes", "kind"], name="notereflection_one_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def as_saved(self) -> drafts.Saved:
        return drafts.Saved(self.text, self.version, self.saved_by, self.saved_at)


class NoteEntry(models.Model):
    """Something the room added: an initiative, forum, network or decision (the working
    material's kinds), a gap it saw, or an idea for working together — with the
    organisations named."""

    class Kind(models.TextChoices):
        INITIATIVE = Entry.Kind.INITIATIVE.value, Entry.Kind.INITIATIVE.label
        FORUM = Entry.Kind.FORUM.value, Entry.Kind.FORUM.label
        NETWORK = Entry.Kind.NETWORK.value, Entry.Kind.NETWORK.label
        DECISION = Entry.Kind.DECISION.value, Entry.Kind.DECISION.label
        OTHER = Entry.Kind.OTHER.value, Entry.Kind.OTHER.label
        GAP = "gap", _("Gap")
        IDEA = "idea", _("Idea for working together")

    notes = models.ForeignKey(
        Notes, verbose_name=_("workshop notes"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    description = models.TextField(
        _("short description"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="+"
    )
    # The organisations' names as they were when the entry was saved: an organisation
    # removed or merged later still reads in the notes and the lägesbild's history.
    organisation_names = models.TextField(_("organisations named"), blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.CharField(_("saved by"), max_length=200, blank=True)
    shared = models.BooleanField(
        _("shared publicly"),
        default=False,
        help_text=_("Shown on the public page of lessons from the work meeting."),
    )

    # What a scribe writes of an entry: one row of the form, one draft field (the
    # organisations as their ids, "3,12", so that a row is a dict of texts).
    FIELDS = ("kind", "name", "description", "organisations")

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def organisation_ids(self) -> str:
        """The organisations named, as the row carries them (prefetch ``organisations``)."""
        return ids_text(o.pk for o in self.organisations.all())

    @property
    def values(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "name": self.name,
            "description": self.description,
            "organisations": self.organisation_ids,
        }

    @property
    def as_saved(self) -> drafts.Saved:
        return drafts.Saved(self.values, self.version, self.saved_by, self.saved_at)

    @classmethod
    def words(cls, values: dict) -> str:
        """An entry as people read it: "Glapp: Ingen når de små företagen"."""
        kind = dict(cls.Kind.choices).get(values.get("kind"), "")
        return f"{kind}: {values.get('name', '')}" if kind else values.get("name", "")


def ids_text(ids) -> str:
    """Ids as a row carries them: "3,12" (sorted, so that equal sets read the same)."""
    return ",".join(str(i) for i in sorted({int(i) for i in ids}))


def ids_from(text: str) -> list[int]:
    return [int(part) for part in str(text or "").split(",") if part.strip().isdigit()]
