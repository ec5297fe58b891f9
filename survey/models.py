"""The leadership survey: a cycle's questions to every organisation's management group or
board, answered together — one response per group, written over weeks, submitted once — and
turned into indicator values.

A :class:`Survey` has sections of :class:`Question` rows; an organisation has one or more
:class:`LeadershipGroup` rows; each group gets one :class:`Response` per survey, opened by a
personal link, whose :class:`Answer` rows carry a version each so that two people saving at
once never overwrite each other silently.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arshjul.lib import drafts
from arshjul.lib.validators import normalise_email, single_line
from arshjul.models import Cycle, Organisation, PdfJob

MAX_TEXT_ANSWER = 5000  # characters in a free-text answer: a page of prose
DONT_KNOW = "dont_know"  # the scale's "vet ej": an answer, but not a value


class Survey(models.Model):
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the questions. Blank lines separate paragraphs."),
    )
    opens_on = models.DateField(_("opens"), help_text=_("From the start of this day."))
    closes_at = models.DateTimeField(
        _("deadline"),
        help_text=_(
            "The last moment to submit, in Swedish time (e.g. 19 December 23:59:59). "
            "Staff can give one group more time."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Who groups write to with questions.")
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only a published survey can be sent to the groups and answered."),
    )
    results_published_at = models.DateTimeField(
        _("results published"),
        null=True,
        blank=True,
        help_text=_("When set, a summary of the results is public on the cycle's pages."),
    )
    results_preliminary = models.BooleanField(
        _("preliminary results"),
        default=False,
        help_text=_(
            "Published while groups could still answer: the public page says so, and the "
            "indicators get their values once the survey has closed."
        ),
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-cycle__year", "title"]
        permissions = [
            ("send_survey_links", _("Can send the survey's links to leadership groups")),
            ("publish_survey_results", _("Can publish the survey's results")),
        ]

    def __str__(self):
        return f"{self.title} ({self.cycle.year})"

    def clean(self):
        if self.opens_on and self.closes_at and self.closes_at.date() < self.opens_on:
            raise ValidationError({"closes_at": _("The deadline must come after the opening.")})


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("heading"), max_length=200, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5 (with “don’t know”)")
        CHOICE = "choice", _("Single choice")
        YES_NO = "yes_no", _("Yes or no")
        TEXT = "text", _("Free text")

    class Rule(models.TextChoices):
        SCALE_4_5 = "scale_4_5", _("Share answering 4–5")
        YES = "yes", _("Share answering yes")
        CHOICE = "choice", _("Share choosing one alternative")

    # The kind of question each rule reads.
    RULE_KINDS = {Rule.SCALE_4_5: Kind.SCALE, Rule.YES: Kind.YES_NO, Rule.CHOICE: Kind.CHOICE}

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500, validators=[single_line])
    help_text = models.TextField(_("hint"), blank=True)
    low_label = models.CharField(
        _("label of 1"),
        max_length=60,
        blank=True,
        validators=[single_line],
        help_text=_("Scale questions: what 1 means, e.g. “Instämmer inte alls”."),
    )
    high_label = models.CharField(
        _("label of 5"),
        max_length=60,
        blank=True,
        validators=[single_line],
        help_text=_("Scale questions: what 5 means, e.g. “Instämmer helt”."),
    )
    choices = models.TextField(
        _("alternatives"), blank=True, help_text=_("Single choice: one alternative per line.")
    )
    required = models.BooleanField(
        _("must be answered"),
        default=True,
        help_text=_("A response can only be submitted with an answer here."),
    )
    indicator_code = models.CharField(
        _("indicator"),
        max_length=20,
        blank=True,
        validators=[single_line],
        help_text=_("The indicator this question feeds, e.g. ENK-1. Empty: none."),
    )
    indicator_rule = models.CharField(
        _("indicator rule"), max_length=10, choices=Rule.choices, blank=True
    )
    indicator_choice = models.PositiveSmallIntegerField(
        _("alternative that counts"),
        null=True,
        blank=True,
        help_text=_("For “share choosing one alternative”: its number, 1 for the first."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def options(self) -> list[tuple[str, str]]:
        """The answers one can give, as (stored value, label); none for free text."""
        if self.kind == self.Kind.SCALE:
            ends = {1: self.low_label, 5: self.high_label}
            scale = [(str(n), f"{n} – {ends[n]}" if ends.get(n) else str(n)) for n in range(1, 6)]
            return [*scale, (DONT_KNOW, _("Don’t know"))]
        if self.kind == self.Kind.YES_NO:
            return [("yes", _("Yes")), ("no", _("No"))]
        if self.kind == self.Kind.CHOICE:
            return [(str(n), text) for n, text in enumerate(self.choice_list, start=1)]
        return []

    def value_label(self, value: str) -> str:
        """An answer as the group gave it ("5 – Instämmer helt", "Ja", the free text)."""
        return str(dict(self.options()).get(value, value))

    def clean(self):
        errors = {}
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            errors["choices"] = _("A single-choice question needs at least two alternatives.")
        if self.kind != self.Kind.CHOICE and self.choice_list:
            errors["choices"] = _("Only single-choice questions have alternatives.")
        if bool(self.indicator_code) != bool(self.indicator_rule):
            errors["indicator_rule"] = _(
                "A question that feeds an indicator needs both the indicator and its rule."
            )
        elif self.indicator_rule and self.RULE_KINDS[self.indicator_rule] != self.kind:
            errors["indicator_rule"] = _("This rule does not fit this kind of question.")
        if self.indicator_rule == self.Rule.CHOICE:
            if not self.indicator_choice or self.indicator_choice > len(self.choice_list):
                errors["indicator_choice"] = _("Give the number of one of the alternatives.")
        elif self.indicator_choice:
            errors["indicator_choice"] = _("Only the rule for one alternative uses this.")
        if errors:
            raise ValidationError(errors)


class LeadershipGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class LeadershipGroup(models.Model):
    """An organisation's management group or board: who answers the survey together."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="leadership_groups",
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        validators=[single_line],
        help_text=_("E.g. “Ledningsgrupp” or “Styrelse”."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Where the group's link is sent, e.g. its chair.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive groups are not sent the survey.")
    )

    objects = LeadershipGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("leadership group")
        verbose_name_plural = _("leadership groups")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="leadershipgroup_unique_name",
                violation_error_message=_("The organisation already has a group by this name."),
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.organisation}"

    def clean(self):
        self.contact_email = normalise_email(self.contact_email)


class Response(models.Model):
    """One group's answers to one survey: a draft until the group submits it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    group = models.ForeignKey(
        LeadershipGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    token_nonce = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    link_sent_at = models.DateTimeField(_("link sent"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    last_saved_by = models.CharField(_("last saved by"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.CharField(_("submitted by"), max_length=100, blank=True)
    deadline_extended_to = models.DateTimeField(
        _("more time until"),
        null=True,
        blank=True,
        help_text=_("This group's own deadline, later than the survey's."),
    )
    receipt = models.ForeignKey(
        PdfJob,
        verbose_name=_("receipt (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(
        excluded_fields=["token_nonce", "token_hash", "last_saved_by", "submitted_by"]
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "group__organisation__name", "group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "group"], name="response_one_per_group_and_survey"
            )
        ]
        permissions = [
            ("reopen_response", _("Can reopen responses, give more time and replace links"))
        ]

    def __str__(self):
        return f"{self.group} – {self.survey}"

    @property
    def progress_words(self) -> str:
        """How far the group has come, in the words staff read everywhere (the response
        rate page, the overview, ``manage.py survey_link``)."""
        if self.link_sent_at is None:
            return str(_("Not sent"))
        if self.is_submitted:
            return str(_("Submitted"))
        if self.started_at:
            return str(_("Started"))
        return str(_("Sent, not started"))

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def deadline(self):
        """This group's deadline: its own, when staff gave it more time, else the survey's."""
        return max(filter(None, [self.survey.closes_at, self.deadline_extended_to]))


class Answer(models.Model):
    """A group's answer to one question, a versioned draft field (:mod:`arshjul.lib.drafts`):
    ``version`` grows with every change, and a save changes only what its person changed."""

    DONT_KNOW = DONT_KNOW

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    # "1"–"5" or "dont_know" (scale), "yes"/"no", the alternative's number, or free text;
    # empty: the answer was cleared.
    value = models.TextField(
        _("answer"), blank=True, validators=[MaxLengthValidator(MAX_TEXT_ANSWER)]
    )
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.CharField(_("saved by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")
        ]

    def __str__(self):
        return self.value[:50]

    @property
    def as_saved(self) -> drafts.Saved:
        return drafts.Saved(self.value, self.version, self.saved_by, self.saved_at)
