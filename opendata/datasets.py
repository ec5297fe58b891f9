"""The datasets we publish, defined once: their names, descriptions and columns (the data
dictionary), their rows, and what the catalogue says about them. The bulk files
(:mod:`opendata.files`), the developers' page and the DCAT-AP-SE catalogue
(:mod:`opendata.catalogue`) are all made from :data:`DATASETS`; the API's list endpoint of
each dataset (``api_url_name``) gives the same rows as JSON.

A row is a tuple in the order of the dataset's columns, with Python values (``Decimal``,
``int``, ``bool``, ``date``, ``datetime``, ``str`` or ``None``): each file writes them in its
own way (Swedish decimals for Excel, points for machines).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from indicators.models import Geography, Indicator, IndicatorValue

from . import cycles, documents, survey_results

# EU's data themes (http://publications.europa.eu/resource/authority/data-theme/…), which
# DCAT-AP-SE uses for dcat:theme.
REGIONS = "REGI"
GOVERNMENT = "GOVE"
SOCIETY = "SOCI"
ECONOMY = "ECON"

# How many rows a file reads from the database at a time: memory stays flat at any size.
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    """One column: ``name`` is the plain CSV's header and the API's field; ``heading`` the
    Excel variant's (in the reader's language: Swedish first); ``kind`` one of string,
    integer, decimal, boolean, date, datetime (the data dictionary's type, and how a file
    writes the value)."""

    name: str
    heading: str
    kind: str
    description: str


@dataclass(frozen=True)
class Coverage:
    """What the catalogue says about a dataset's content now: the years it covers, the
    geographies (codes as the statistics use them) and when it last changed."""

    first_year: int | None = None
    last_year: int | None = None
    geographies: tuple[str, ...] = ()
    modified: datetime.datetime | None = None


@dataclass(frozen=True)
class Dataset:
    slug: str  # the files' names and the catalogue's identifiers: keep stable
    title: str
    description: str
    keywords: tuple[str, ...]
    themes: tuple[str, ...]
    api_url_name: str  # "opendata:<name>": the API's list of the same rows
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[tuple]]
    coverage: Callable[[], Coverage]
    depends_on: tuple[str, ...]  # models whose change changes the dataset (the page cache)
    notes: tuple[str, ...] = field(default=())  # said in the data dictionary, below the columns


# The indicators ------------------------------------------------------------------------------

INDICATOR_COLUMNS = (
    Column("code", _("Code"), "string", _("The indicator's stable code, e.g. N00914 or ENK-1.")),
    Column("name", _("Name"), "string", _("The indicator's name.")),
    Column("area", _("Area of effort"), "string", _("The strategy's area of effort.")),
    Column(
        "goal_number", _("Goal no."), "integer", _("The long-term goal's number (empty: none).")
    ),
    Column("goal", _("Long-term goal"), "string", _("The long-term goal (empty: none).")),
    Column("unit", _("Unit"), "string", _("The values' unit, such as kr or per cent (%).")),
    Column(
        "source",
        _("Source"),
        "string",
        _("Where the values come from: kolada, scb, other or survey (the leadership survey)."),
    ),
    Column("kolada_kpi", _("Kolada KPI"), "string", _("The key figure's id in Kolada, if any.")),
    Column(
        "desired_direction",
        _("Desired direction"),
        "string",
        _("up: higher is better; down: lower is better."),
    ),
    Column(
        "levels",
        _("Geographic levels"),
        "string",
        _("county: the county only; municipalities: the county and its municipalities."),
    ),
    Column("target_value", _("Target value"), "decimal", _("The strategy's target (empty: none).")),
    Column("target_year", _("Target year"), "integer", _("The year of the target.")),
)


def indicator_rows() -> Iterable[tuple]:
    for i in Indicator.objects.select_related("area", "goal").order_by(
        "area__position", "position", "code"
    ):
        yield (
            i.code,
            i.name,
            i.area.name,
            i.goal.number if i.goal else None,
            i.goal.text if i.goal else None,
            i.unit,
            i.source,
            i.kolada_kpi or None,
            i.direction,
            i.levels,
            i.target_value,
            i.target_year,
        )


def indicator_coverage() -> Coverage:
    return _values_coverage(IndicatorValue.objects.all())


# The indicators' values ----------------------------------------------------------------------

VALUE_COLUMNS = (
    Column("indicator", _("Indicator"), "string", _("The indicator's code.")),
    Column("indicator_name", _("Indicator's name"), "string", _("The indicator's name.")),
    Column(
        "geography",
        _("Geography code"),
        "string",
        _("The place's code as the statistics use it (Kolada: 0017 the region, 1780 Karlstad)."),
    ),
    Column("geography_name", _("Geography"), "string", _("The place's name.")),
    Column("geography_level", _("Level"), "string", _("county or municipality.")),
    Column("year", _("Year"), "integer", _("The year the value is for.")),
    Column("gender", _("Gender"), "string", _("T: all; K: women; M: men.")),
    Column("value", _("Value"), "decimal", _("The value, in the indicator's unit.")),
    Column("unit", _("Unit"), "string", _("The indicator's unit.")),
    Column("source", _("Source"), "string", _("The value's source, as imported.")),
    Column(
        "is_demo",
        _("Demo data"),
        "boolean",
        _("true: made up for a demonstration, not a real value."),
    ),
)

VALUE_FIELDS = (
    "indicator__code",
    "indicator__name",
    "geography__code",
    "geography__name",
    "geography__level",
    "year",
    "gender",
    "value",
    "indicator__unit",
    "source_note",
    "is_demo",
)
VALUE_ORDER = ("indicator__area__position", "indicator__position", "indicator__code")


def values_queryset():
    """Every value, in the order the files and the API list them (indicator, place, gender,
    year), as plain tuples of :data:`VALUE_FIELDS`."""
    return IndicatorValue.objects.order_by(
        *VALUE_ORDER, "geography__level", "geography__code", "gender", "year"
    ).values_list(*VALUE_FIELDS)


def value_rows() -> Iterable[tuple]:
    yield from values_queryset().iterator(chunk_size=CHUNK)


def _values_coverage(values) -> Coverage:
    found = values.aggregate(first=Min("year"), last=Max("year"), modified=Max("imported_at"))
    places = Geography.objects.filter(values__in=values).distinct().order_by("level", "code")
    return Coverage(
        first_year=found["first"],
        last_year=found["last"],
        geographies=tuple(places.values_list("code", flat=True)),
        modified=found["modified"],
    )


def value_coverage() -> Coverage:
    return _values_coverage(IndicatorValue.objects.all())


INDICATOR_MODELS = ("indicators.Area", "indicators.Goal", "indicators.Indicator")
VALUE_MODELS = (*INDICATOR_MODELS, "indicators.Geography", "indicators.IndicatorValue")

DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            slug="indikatorer",
            title=_("The strategy's indicators"),
            description=_(
                "The indicators the regional development strategy follows: their areas of "
                "effort and long-term goals, units, sources, desired directions and targets."
            ),
            keywords=(_("regional development strategy"), _("indicators"), _("follow-up")),
            themes=(REGIONS, GOVERNMENT),
            api_url_name="opendata:indicator-list",
            columns=INDICATOR_COLUMNS,
            rows=indicator_rows,
            coverage=indicator_coverage,
            depends_on=INDICATOR_MODELS,
        ),
        Dataset(
            slug="indikatorvarden",
            title=_("The indicators' values"),
            description=_(
                "Every value of the strategy's indicators by year, geography (the county and "
                "its municipalities) and gender, with its source."
            ),
            keywords=(_("indicators"), _("statistics"), _("municipalities"), _("time series")),
            themes=(REGIONS, SOCIETY, ECONOMY),
            api_url_name="opendata:value-list",
            columns=VALUE_COLUMNS,
            rows=value_rows,
            coverage=value_coverage,
            depends_on=VALUE_MODELS,
            notes=(
                _(
                    "Values marked as demo data (is_demo) are made up for a demonstration: "
                    "leave them out of any analysis."
                ),
            ),
        ),
    )
}


# The cycles: their steps and meetings -------------------------------------------------------

STEP_COLUMNS = (
    Column("year", _("Cycle"), "integer", _("The year of the cycle the step belongs to.")),
    Column("date", _("Date"), "date", _("The step's day (a period's first day).")),
    Column("ends_on", _("Ends on"), "date", _("A period's last day (empty: a single day).")),
    Column(
        "kind",
        _("Kind"),
        "string",
        _("meeting, deadline, publication or survey_period (the survey open)."),
    ),
    Column("label", _("Label"), "string", _("The kind of step in words.")),
    Column("title", _("Title"), "string", _("What happens.")),
    Column(
        "starts_at",
        _("Starts"),
        "datetime",
        _("A meeting's start, Swedish time (empty: all day or not decided)."),
    ),
    Column("ends_at", _("Ends"), "datetime", _("A meeting's end, Swedish time.")),
    Column("location", _("Place"), "string", _("Where, as published.")),
    Column("description", _("Description"), "string", _("A short description, as published.")),
    Column("url", _("Page"), "string", _("The step's public page, if any.")),
)


def step_rows() -> Iterable[tuple]:
    for item in cycles.cycles_published():
        for step in item.steps:
            yield (
                item.year,
                step.date,
                step.ends_on,
                str(step.kind),
                str(step.label),
                str(step.title),
                step.starts_at,
                step.ends_at,
                step.location,
                str(step.description),
                cycles.absolute(step.url) if step.url else None,
            )


def step_coverage() -> Coverage:
    found = cycles.cycles_published()
    years = [item.year for item in found]
    meetings = [m.meeting.updated_at for item in found for m in item.meetings]
    return Coverage(
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        modified=max(meetings, default=None),
    )


# The leadership survey's published results ----------------------------------------------------

RESULT_COLUMNS = (
    Column("year", _("Year"), "integer", _("The year of the cycle the survey belongs to.")),
    Column("survey", _("Survey"), "string", _("The survey's title.")),
    Column(
        "kind",
        _("Row"),
        "string",
        _(
            "answer: an answer option of a question; indicator: an indicator's share; "
            "responses: the groups that answered."
        ),
    ),
    Column("section", _("Section"), "string", _("The questionnaire's section.")),
    Column("question", _("Question"), "string", _("The question.")),
    Column("question_kind", _("Question kind"), "string", _("scale, choice or yes_no.")),
    Column(
        "indicator", _("Indicator"), "string", _("The indicator the question feeds, e.g. ENK-1.")
    ),
    Column(
        "option", _("Option"), "string", _("The answer option's value (or the indicator's rule).")
    ),
    Column("option_label", _("Option's label"), "string", _("The answer option in words.")),
    Column(
        "category",
        _("Category"),
        "string",
        _("all, or the organisation category of the groups counted."),
    ),
    Column("category_label", _("Category's label"), "string", _("The category in words.")),
    Column(
        "count",
        _("Groups"),
        "integer",
        _("Leadership groups that gave the answer (empty: suppressed)."),
    ),
    Column(
        "answered",
        _("Answered"),
        "integer",
        _("Groups that answered the question: the share's denominator (empty: suppressed)."),
    ),
    Column("share", _("Share (%)"), "decimal", _("The share in per cent, one decimal.")),
    Column("mean", _("Mean"), "decimal", _("A scale question's mean, 1–5, “don't know” left out.")),
    Column(
        "suppressed",
        _("Suppressed"),
        "boolean",
        _("true: fewer than three answers, so no count and no share are given."),
    ),
    Column(
        "preliminary",
        _("Preliminary"),
        "boolean",
        _("true: published while groups could still answer."),
    ),
    Column("published_at", _("Published"), "datetime", _("When the results were published.")),
    Column("url", _("Page"), "string", _("The results page.")),
)


def result_rows() -> Iterable[tuple]:
    for row in survey_results.result_rows():
        yield tuple(getattr(row, column.name) for column in RESULT_COLUMNS)


def result_coverage() -> Coverage:
    surveys = survey_results.surveys_published()
    years = [s.cycle.year for s in surveys]
    return Coverage(
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        modified=max((s.results_published_at for s in surveys), default=None),
    )


# The published documents ----------------------------------------------------------------------

DOCUMENT_COLUMNS = (
    Column("year", _("Year"), "integer", _("The year of the cycle the document belongs to.")),
    Column(
        "kind",
        _("Kind"),
        "string",
        _("status_analysis, lagesbild or followup_report."),
    ),
    Column("title", _("Title"), "string", _("The document's title.")),
    Column(
        "stage",
        _("Stage"),
        "string",
        _("preliminary or final (an analysis); published or final (a report)."),
    ),
    Column("published_at", _("Published"), "datetime", _("When the document was published.")),
    Column("section", _("Section"), "string", _("The part of the text: its key.")),
    Column("heading", _("Heading"), "string", _("The part's heading (empty: the introduction).")),
    Column("text", _("Text"), "string", _("Staff's text of the part, in Markdown, as published.")),
    Column("url", _("Page"), "string", _("The document's public page.")),
    Column("pdf_url", _("PDF"), "string", _("The document as PDF.")),
)


def document_rows() -> Iterable[tuple]:
    for document in documents.documents_published():
        for section in document.sections:
            yield (
                document.year,
                document.kind,
                document.title,
                document.stage,
                document.published_at,
                section.key,
                str(section.heading),
                section.text,
                document.url,
                document.pdf_url,
            )


def document_coverage() -> Coverage:
    found = documents.documents_published()
    years = [d.year for d in found]
    return Coverage(
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        modified=max((d.updated_at for d in found), default=None),
    )


DATASETS.update(
    {
        d.slug: d
        for d in (
            Dataset(
                slug="arshjul",
                title=_("The cycles' steps and meetings"),
                description=_(
                    "Every dated step of each published cycle of the strategy's follow-up, as "
                    "the wheel of the year shows it: the meetings with their times and places, "
                    "the deadlines, the survey's period and the publications."
                ),
                keywords=(_("annual cycle"), _("meetings"), _("regional development strategy")),
                themes=(REGIONS, GOVERNMENT),
                api_url_name="opendata:cycle-list",
                columns=STEP_COLUMNS,
                rows=step_rows,
                coverage=step_coverage,
                depends_on=tuple(cycles.DEPENDS_ON),
            ),
            Dataset(
                slug="enkatresultat",
                title=_("The leadership survey's results"),
                description=_(
                    "The published results of the survey to the regional leadership's "
                    "management groups and boards: each question's answers, the survey's "
                    "indicators overall and by organisation category, and the groups that "
                    "answered. Aggregates only: fewer than three answers are suppressed."
                ),
                keywords=(_("survey"), _("leadership"), _("indicators")),
                themes=(REGIONS, GOVERNMENT),
                api_url_name="opendata:survey-result-list",
                columns=RESULT_COLUMNS,
                rows=result_rows,
                coverage=result_coverage,
                depends_on=tuple(survey_results.DEPENDS_ON),
                notes=(
                    _(
                        "A suppressed row (suppressed = true) has no count and no share: "
                        "with fewer than three answers, an answer would point at a group."
                    ),
                    _("Free-text answers are never published."),
                ),
            ),
            Dataset(
                slug="dokument",
                title=_("The published status analyses, lägesbilder and reports"),
                description=_(
                    "The text of every published status analysis, lägesbild and follow-up "
                    "report, one row per part, in Markdown as published, with the addresses "
                    "of their pages and PDFs. Their values are in the API."
                ),
                keywords=(_("status analysis"), _("lägesbild"), _("follow-up report")),
                themes=(REGIONS, GOVERNMENT),
                api_url_name="opendata:document-list",
                columns=DOCUMENT_COLUMNS,
                rows=document_rows,
                coverage=document_coverage,
                depends_on=tuple(documents.DEPENDS_ON),
            ),
        )
    }
)
