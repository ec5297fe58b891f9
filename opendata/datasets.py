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
