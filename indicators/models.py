"""The strategy's indicators and their values over the years, and the status analysis that
each cycle writes from them.

Everything particular to a region is rows: its areas of effort and long-term goals, its
geographies (the county and its municipalities, with the codes statistics use), its
indicators and where their values come from.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arshjul.lib.validators import single_line
from arshjul.models import Challenge, Cycle, PdfJob


class Area(models.Model):
    """An area of effort (insatsområde) of the strategy."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area of effort")
        verbose_name_plural = _("areas of effort")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Goal(models.Model):
    """A long-term goal of the strategy, under an area of effort."""

    area = models.ForeignKey(
        Area, verbose_name=_("area of effort"), on_delete=models.PROTECT, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("goal"), max_length=300, validators=[single_line])

    class Meta:
        verbose_name = _("long-term goal")
        verbose_name_plural = _("long-term goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="goal_unique_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Geography(models.Model):
    """A place values are given for: the county (or the region) and its municipalities,
    by the codes the statistics use (Kolada: "0017" for a region, "1780" for Karlstad)."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[single_line],
        help_text=_("As the statistics name it, e.g. 0017 (Kolada's code for the region)."),
    )
    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = _("geography")
        verbose_name_plural = _("geographies")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        SCB = "scb", _("Statistics Sweden (SCB)")
        OTHER = "other", _("Other statistics")
        SURVEY = "survey", _("The leadership survey")

    class Direction(models.TextChoices):
        UP = "up", _("Up")
        DOWN = "down", _("Down")

    class Levels(models.TextChoices):
        COUNTY = "county", _("The county")
        MUNICIPALITIES = "municipalities", _("The county and its municipalities")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[single_line],
        help_text=_("Short and stable, e.g. ENK-1 or N00914; used in imports and addresses."),
    )
    name = models.CharField(_("name"), max_length=300, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area of effort"), on_delete=models.PROTECT, related_name="indicators"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("long-term goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    unit = models.CharField(
        _("unit"), max_length=40, validators=[single_line], help_text=_("E.g. %, kr, ton/inv.")
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    kolada_kpi = models.CharField(
        _("Kolada KPI"),
        max_length=20,
        blank=True,
        validators=[single_line],
        help_text=_("The key figure's id in Kolada, e.g. N00914."),
    )
    direction = models.CharField(
        _("desired direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    levels = models.CharField(
        _("geography"), max_length=20, choices=Levels.choices, default=Levels.COUNTY
    )
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area__position", "position", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.source == self.Source.KOLADA and not self.kolada_kpi:
            raise ValidationError({"kolada_kpi": _("An indicator from Kolada needs its KPI id.")})
        if (self.target_value is None) != (self.target_year is None):
            raise ValidationError({"target_year": _("A target needs both its value and its year.")})


class IndicatorValue(models.Model):
    """An indicator's value for one year and one place (and a gender, when split)."""

    class Gender(models.TextChoices):
        TOTAL = "T", _("All")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    geography = models.ForeignKey(
        Geography, verbose_name=_("geography"), on_delete=models.PROTECT, related_name="values"
    )
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, default=Gender.TOTAL
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    source_note = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. “Källa: Kolada”.")
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made up for the demo: not a real value.")
    )

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator", "geography", "gender", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "geography", "gender"],
                name="indicatorvalue_one_per_year_place_gender",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.geography} {self.year}: {self.value}"


class StatusAnalysis(models.Model):
    """A cycle's status analysis (nulägesanalys): preliminary before the work meeting, which
    completes it, and final after."""

    class Stage(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary")
        FINAL = "final", _("Final")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="analyses"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    recommendations = models.TextField(_("recommendations"), blank=True, help_text=_("Markdown."))
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Public from this moment; the PDF is made when it is published."),
    )
    changed_at = models.DateTimeField(
        _("last changed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When staff last saved a change to it after it was published."),
    )
    pdf = models.ForeignKey(
        PdfJob,
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # What the PDF job was started for (selectors.analysis_content_key): a PDF of other
    # content is never served; a new one is made.
    pdf_content = models.CharField(max_length=64, blank=True, editable=False)
    # A final analysis is a record: the values it showed when it was published, by indicator
    # id ({"12": [{"year": 2022, "value": "80.200", "source_note": "", "is_demo": false}]}).
    # Later imports change the indicator pages, not this.
    values_snapshot = models.JSONField(
        _("values as published"), null=True, blank=True, editable=False
    )
    snapshot_at = models.DateTimeField(_("values kept from"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("status analysis")
        verbose_name_plural = _("status analyses")
        ordering = ["-cycle__year", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "stage"], name="analysis_one_per_stage")
        ]
        permissions = [("publish_statusanalysis", _("Can publish status analyses"))]

    def __str__(self):
        return self.title


class AnalysisSection(models.Model):
    """A part of the analysis, usually one per focus challenge, with the indicators that
    speak to it."""

    analysis = models.ForeignKey(
        StatusAnalysis,
        verbose_name=_("status analysis"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("focus challenge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("heading"), max_length=200, validators=[single_line])
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), blank=True, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class KoladaFetch(models.Model):
    """A fetch from Kolada's live API that staff started: run by a worker, never in a request;
    staff see here how it went."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    values = models.PositiveIntegerField(_("values imported"), default=0)
    gaps = models.PositiveIntegerField(_("missing in Kolada"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("fetch from Kolada")
        verbose_name_plural = _("fetches from Kolada")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.indicator.code} {self.first_year}–{self.last_year}"
