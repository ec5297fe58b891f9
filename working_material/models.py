"""The working material of a cycle: guiding questions per focus challenge, and each
organisation's answer per challenge — entries (initiatives, forums, networks, decisions) and
reflections (what has been hard, success factors, structures to create, break and keep).

Entries and reflections are versioned draft fields, as the survey's answers are
(:mod:`arshjul.lib.drafts`): a save changes only what its coordinator changed, and two
coordinators of one organisation never overwrite each other silently.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arshjul.lib import drafts
from arshjul.lib.validators import single_line
from arshjul.models import Challenge, Cycle, Organisation

MAX_TEXT = 5000


class WorkingMaterial(models.Model):
    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="working_material"
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    closes_at = models.DateTimeField(
        _("deadline"),
        help_text=_("The last moment to answer, Swedish time. Staff can still edit after it."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Coordinators answer a published material.")
    )

    class Meta:
        verbose_name = _("working material")
        verbose_name_plural = _("working materials")
        ordering = ["-cycle__year"]

    def __str__(self):
        return f"{_('Working material')} {self.cycle.year}"


class GuidingQuestions(models.Model):
    """What the material asks about one focus challenge."""

    material = models.ForeignKey(
        WorkingMaterial,
        verbose_name=_("working material"),
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("focus challenge"), on_delete=models.PROTECT, related_name="+"
    )
    questions = models.TextField(_("guiding questions"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("guiding questions")
        verbose_name_plural = _("guiding questions per challenge")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "challenge"], name="guidingquestions_once_per_challenge"
            )
        ]

    def __str__(self):
        return str(self.challenge)


class Answer(models.Model):
    """An organisation's answer for one challenge: a draft until a coordinator marks it done."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        DONE = "done", _("Done")

    material = models.ForeignKey(
        WorkingMaterial,
        verbose_name=_("working material"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("focus challenge"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    last_saved_by = models.CharField(_("last saved by"), max_length=200, blank=True)
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    done_by = models.CharField(_("marked done by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["material", "organisation__name", "challenge__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "organisation", "challenge"],
                name="materialanswer_one_per_organisation_and_challenge",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.challenge}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class Reflection(models.Model):
    class Kind(models.TextChoices):
        HARD = "hard", _("What has been hard")
        SUCCESS = "success", _("What made things work (success factors)")
        CREATE = "create", _("Structures to create")
        BREAK = "break", _("Structures to break")
        KEEP = "keep", _("Structures to keep")

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="reflections"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.CharField(_("saved by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["answer", "kind"], name="reflection_one_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def as_saved(self) -> drafts.Saved:
        return drafts.Saved(self.text, self.version, self.saved_by, self.saved_at)


class Entry(models.Model):
    """Something the organisation does about the challenge."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        FORUM = "forum", _("Forum")
        NETWORK = "network", _("Network")
        DECISION = "decision", _("Decision")
        OTHER = "other", _("Other")

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    description = models.TextField(
        _("short description"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    participants = models.CharField(
        _("who takes part"), max_length=300, blank=True, validators=[single_line]
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_("A name, a function address or a phone number."),
    )
    link = models.URLField(_("link"), blank=True)
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.CharField(_("saved by"), max_length=200, blank=True)

    # What a coordinator writes of an entry: one row of the form, one draft field.
    FIELDS = ("kind", "name", "description", "participants", "contact", "link")

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.FIELDS}

    @property
    def as_saved(self) -> drafts.Saved:
        return drafts.Saved(self.values, self.version, self.saved_by, self.saved_at)

    @classmethod
    def words(cls, values: dict) -> str:
        """An entry as people read it: "Initiativ: Kompetenslyftet"."""
        kind = dict(cls.Kind.choices).get(values.get("kind"), "")
        return f"{kind}: {values.get('name', '')}" if kind else values.get("name", "")
