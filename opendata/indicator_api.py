"""The indicators as a read-only JSON API (under /api/v1/): the strategy's areas of effort
with their goals, the geographies, the indicators, and their values by year, place and
gender — the same values the indicator pages show (tests/opendata/test_indicator_api.py
compares them).

A value is a row of the values dataset (:data:`opendata.datasets.VALUE_COLUMNS`: the same
names as the bulk files' columns), read as plain tuples, one query per page plus its count.
An indicator is described with the indicators dataset's column names, and a little more.
Every answer comes from the shared page cache (:class:`opendata.api.PublicData`); every
parameter is checked (:mod:`opendata.parameters`), a bad one answered 400.
"""

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue

from . import datasets
from .api import PublicData
from .parameters import CodeList, Query, ValidatedQuery, Year, is_code
from .schema import (
    BAD_PARAMETER,
    PAGINATION,
    DescribedPagination,
    bilingual,
    error_responses,
    ok,
)

VALUES_DATASET = "indikatorvarden"
INDICATORS_TAG = "indikatorer / indicators"
INDICATOR_PAGES = [*datasets.INDICATOR_MODELS, "indicators.IndicatorValue"]  # is_demo


NO_SUCH_INDICATOR = _(
    "There is no indicator with that code. They are listed at /api/v1/indicators/."
)


def indicator_not_found() -> exceptions.NotFound:
    """A 404 that says what was not found (opendata.errors reads ``open_data_message``)."""
    error = exceptions.NotFound()
    error.open_data_message = NO_SUCH_INDICATOR
    return error


# The parameters ------------------------------------------------------------------------------


def _unknown(asked: list, found) -> list:
    found = set(found)
    return [code for code in asked if code not in found]


class SeriesQuery(Query):
    """Which of an indicator's values: places, level, gender, years."""

    paginated = False

    geography = CodeList(required=False)
    level = serializers.ChoiceField(Geography.Level.choices, required=False)
    gender = serializers.ChoiceField(IndicatorValue.Gender.choices, required=False)
    year_from = Year()
    year_to = Year()

    def validate_geography(self, codes):
        found = Geography.objects.filter(code__in=codes).values_list("code", flat=True)
        if unknown := _unknown(codes, found):
            raise serializers.ValidationError(
                _("No geography has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def validate(self, data):
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            raise serializers.ValidationError(
                {"year_from": [_("The first year comes after the last (year_to).")]}
            )
        return data


class ValueQuery(SeriesQuery):
    """Which values of all: the series' parameters, and indicators and an area."""

    paginated = True

    indicator = CodeList(required=False)
    area = serializers.IntegerField(min_value=1, required=False)

    def validate_indicator(self, codes):
        found = Indicator.objects.filter(code__in=codes).values_list("code", flat=True)
        if unknown := _unknown(codes, found):
            raise serializers.ValidationError(
                _("No indicator has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def validate_area(self, pk):
        if not Area.objects.filter(pk=pk).exists():
            raise serializers.ValidationError(_("There is no area of effort with this id."))
        return pk


class IndicatorQuery(Query):
    area = serializers.IntegerField(min_value=1, required=False)
    source = serializers.ChoiceField(Indicator.Source.choices, required=False)

    validate_area = ValueQuery.validate_area


VALUE_FILTERS = {
    "indicator": "indicator__code__in",
    "geography": "geography__code__in",
    "level": "geography__level",
    "gender": "gender",
    "year_from": "year__gte",
    "year_to": "year__lte",
    "area": "indicator__area_id",
}


def values_filtered(query: dict, **more):
    """The values (tuples of the dataset's columns) that the validated ``query`` asks for."""
    lookups = {VALUE_FILTERS[name]: value for name, value in query.items() if name in VALUE_FILTERS}
    return datasets.values_queryset().filter(**lookups, **more)


# The parameters as the OpenAPI description shows them (validated by the queries above).

CODE = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description="Indikatorns kod / The indicator's code",
    examples=[OpenApiExample("Andel förvärvsarbetande / Share in employment", value="N00914")],
)
INDICATOR = OpenApiParameter(
    "indicator",
    {"type": "array", "items": {"type": "string"}},
    style="form",
    explode=False,
    description=(
        "En eller flera indikatorers koder, kommaseparerade; en okänd kod ger 400 / One or "
        "more indicators' codes, comma-separated; an unknown code answers 400"
    ),
    examples=[OpenApiExample("Två indikatorer / Two indicators", value=["N00914", "ENK-1"])],
)
GEOGRAPHY = OpenApiParameter(
    "geography",
    {"type": "array", "items": {"type": "string"}},
    style="form",
    explode=False,
    description=(
        "En eller flera platsers koder (Koladas), kommaseparerade: 0017 Värmland, 1780 "
        "Karlstad / One or more places' codes (Kolada's), comma-separated"
    ),
    examples=[OpenApiExample("Karlstad och Kil / Karlstad and Kil", value=["1780", "1715"])],
)
LEVEL = OpenApiParameter(
    "level",
    str,
    enum=Geography.Level.values,
    description="Länet eller kommunerna / The county or the municipalities",
    examples=[OpenApiExample("Kommunerna / The municipalities", value="municipality")],
)
GENDER = OpenApiParameter(
    "gender",
    str,
    enum=IndicatorValue.Gender.values,
    description="Kön: T alla, K kvinnor, M män / Gender: T all, K women, M men",
    examples=[OpenApiExample("Alla / All", value="T")],
)
YEAR_FROM = OpenApiParameter(
    "year_from",
    int,
    description="Från och med året / From the year, inclusive",
    examples=[OpenApiExample("2015", value=2015)],
)
YEAR_TO = OpenApiParameter(
    "year_to",
    int,
    description="Till och med året / To the year, inclusive",
    examples=[OpenApiExample("2025", value=2025)],
)
AREA = OpenApiParameter(
    "area",
    int,
    description=(
        "Insatsområdets id (se /api/v1/areas/) / The area of effort's id (see /api/v1/areas/)"
    ),
)
SOURCE = OpenApiParameter(
    "source",
    str,
    enum=Indicator.Source.values,
    description=(
        "Källan: kolada, scb, other (annan statistik), survey (ledningsenkäten) / The "
        "source: kolada, scb, other (other statistics), survey (the leadership survey)"
    ),
    examples=[OpenApiExample("Kolada", value="kolada")],
)
SERIES_PARAMETERS = [GEOGRAPHY, LEVEL, GENDER, YEAR_FROM, YEAR_TO]


# The serializers -----------------------------------------------------------------------------


class GoalInAreaSerializer(serializers.ModelSerializer):
    """Ett långsiktigt mål / A long-term goal"""

    number = serializers.IntegerField(help_text="Målets nummer / The goal's number")
    text = serializers.CharField(help_text="Det långsiktiga målet / The long-term goal")

    class Meta:
        model = Goal
        fields = ["number", "text"]


class AreaSerializer(serializers.ModelSerializer):
    """Ett insatsområde med sina långsiktiga mål / An area of effort with its goals"""

    id = serializers.IntegerField(help_text="Id, för filtret area / Id, for the area filter")
    name = serializers.CharField(help_text="Insatsområdets namn / The area of effort's name")
    description = serializers.CharField(help_text="Beskrivning / Description")
    goals = GoalInAreaSerializer(many=True, help_text="Dess långsiktiga mål / Its long-term goals")

    class Meta:
        model = Area
        fields = ["id", "name", "description", "goals"]


class GoalSerializer(GoalInAreaSerializer):
    """Ett långsiktigt mål / A long-term goal"""

    area_id = serializers.IntegerField(help_text="Insatsområdets id / The area of effort's id")

    class Meta:
        model = Goal
        fields = ["number", "text", "area_id"]


class GeographySerializer(serializers.ModelSerializer):
    """En plats: länet eller en kommun / A place: the county or a municipality"""

    code = serializers.CharField(
        help_text="Koden som statistiken använder (Kolada) / The code the statistics use"
    )
    name = serializers.CharField(help_text="Platsens namn / The place's name")
    level = serializers.ChoiceField(
        Geography.Level.choices, help_text="county: länet; municipality: en kommun"
    )

    class Meta:
        model = Geography
        fields = ["code", "name", "level"]


class BlankAsNull(serializers.CharField):
    """An empty text as null: "none", not a value that happens to be empty."""

    def to_representation(self, value):
        return value or None


class IndicatorLinksSerializer(serializers.Serializer):
    """Indikatorns värden, dess sida för människor och bulkfilerna / The indicator's
    values, its page for people, and the bulk files"""

    values = serializers.URLField(help_text="Dess värden / Its values")
    page = serializers.URLField(help_text="Dess sida på webbplatsen / Its page on the site")
    csv = serializers.URLField(help_text="Alla värden som CSV / All values as CSV")
    csv_excel = serializers.URLField(
        help_text="Alla värden som CSV för Excel / All values as CSV for Excel"
    )
    xlsx = serializers.URLField(help_text="Alla värden som XLSX / All values as XLSX")

    def to_representation(self, indicator):
        request = self.context["request"]
        return {
            "values": request.build_absolute_uri(
                reverse("opendata:indicator-values", args=[indicator.code])
            ),
            "page": request.build_absolute_uri(reverse("indicators:detail", args=[indicator.code])),
            **self.context["files"],
        }


def bulk_files(request) -> dict[str, str]:
    """The values dataset's files (opendata.files): by their names, or where they were
    agreed to be if this tree does not have them (yet)."""
    found = {}
    for key, name, agreed in [
        ("csv", "csv", f"/oppna-data/filer/{VALUES_DATASET}.csv"),
        ("csv_excel", "csv-excel", f"/oppna-data/filer/{VALUES_DATASET}-excel.csv"),
        ("xlsx", "xlsx", f"/oppna-data/filer/{VALUES_DATASET}.xlsx"),
    ]:
        try:
            url = reverse(f"opendata:{name}", kwargs={"slug": VALUES_DATASET})
        except NoReverseMatch:
            url = agreed
        found[key] = request.build_absolute_uri(url)
    return found


class IndicatorSerializer(serializers.ModelSerializer):
    """En indikator: samma kolumner som bulkfilen indikatorer, och länkar till värdena /
    An indicator: the same columns as the bulk file indikatorer, and links to its values"""

    # The indicators dataset's columns (the data dictionary), then the id of its area, its
    # description, the decimals its pages show, whether any value is demo data, and links.

    code = serializers.CharField(help_text="Indikatorns kod, stabil / The indicator's code, stable")
    name = serializers.CharField(help_text="Namn / Name")
    area = serializers.CharField(source="area.name", help_text="Insatsområdet / The area of effort")
    goal_number = serializers.IntegerField(
        source="goal.number",
        allow_null=True,
        help_text="Det långsiktiga målets nummer (null: inget) / The goal's number (null: none)",
    )
    goal = serializers.CharField(
        source="goal.text",
        allow_null=True,
        help_text="Det långsiktiga målet (null: inget) / The long-term goal (null: none)",
    )
    unit = serializers.CharField(help_text="Enhet, t.ex. % eller kr / Unit, e.g. % or kr")
    source = serializers.ChoiceField(
        Indicator.Source.choices,
        help_text="Var värdena kommer ifrån / Where the values come from",
    )
    kolada_kpi = BlankAsNull(
        allow_null=True, help_text="Nyckeltalets id i Kolada / The key figure's id in Kolada"
    )
    desired_direction = serializers.ChoiceField(
        Indicator.Direction.choices,
        source="direction",
        help_text="up: högre är bättre; down: lägre är bättre / up: higher is better",
    )
    levels = serializers.ChoiceField(
        Indicator.Levels.choices,
        help_text=(
            "county: bara länet; municipalities: länet och kommunerna / county: the county "
            "only; municipalities: the county and its municipalities"
        ),
    )
    target_value = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        coerce_to_string=False,
        allow_null=True,
        help_text="Strategins målvärde (null: inget) / The strategy's target (null: none)",
    )
    target_year = serializers.IntegerField(
        allow_null=True, help_text="Målets år / The target's year"
    )
    area_id = serializers.IntegerField(
        help_text="Insatsområdets id (filtret area) / The area's id (the area filter)"
    )
    description = serializers.CharField(help_text="Beskrivning / Description")
    decimals = serializers.IntegerField(
        help_text="Decimaler som sidorna visar / Decimals the pages show"
    )
    is_demo = serializers.BooleanField(
        source="has_demo_values",
        help_text=(
            "Om något av värdena är demodata (påhittat) / Whether any of its values is demo "
            "data (made up)"
        ),
    )
    links = IndicatorLinksSerializer(source="*", help_text="Länkar / Links")

    class Meta:
        model = Indicator
        fields = [
            *(c.name for c in datasets.INDICATOR_COLUMNS),
            "area_id",
            "description",
            "decimals",
            "is_demo",
            "links",
        ]


# The columns whose values are one of a few (an enum in the OpenAPI description).
VALUE_CHOICES = {
    "geography_level": Geography.Level.choices,
    "gender": IndicatorValue.Gender.choices,
}


def _value_field(column: datasets.Column) -> serializers.Field:
    """The data dictionary's column as a field of the OpenAPI description."""
    words = {"help_text": bilingual(column.description)}
    if column.name in VALUE_CHOICES:
        return serializers.ChoiceField(VALUE_CHOICES[column.name], **words)
    if column.kind == "integer":
        return serializers.IntegerField(**words)
    if column.kind == "decimal":
        return serializers.DecimalField(14, 3, coerce_to_string=False, **words)
    if column.kind == "boolean":
        return serializers.BooleanField(**words)
    return serializers.CharField(**words)


VALUE_NAMES = tuple(c.name for c in datasets.VALUE_COLUMNS)


class ValueSerializer(serializers.Serializer):
    """Ett värde för ett år, en plats och ett kön, med samma kolumner som bulkfilen
    indikatorvarden / A value for a year, a place and a gender, with the same columns as
    the bulk file indikatorvarden"""

    # Read from the values dataset's rows (tuples of its columns, in their order): one
    # query per page, no model instances. Decimals are written as JSON numbers.

    def get_fields(self):
        return {c.name: _value_field(c) for c in datasets.VALUE_COLUMNS}

    def to_representation(self, row):
        return dict(zip(VALUE_NAMES, row, strict=True))


class SeriesSerializer(serializers.Serializer):
    """En indikators värden, utan sidor / An indicator's values, unpaginated"""

    count = serializers.IntegerField(help_text="Antal värden / How many values")
    results = ValueSerializer(many=True, help_text="Värdena / The values")


VALUE_EXAMPLE = {
    "indicator": "N00914",
    "indicator_name": "Andel förvärvsarbetande 20–64 år",
    "geography": "1780",
    "geography_name": "Karlstad",
    "geography_level": "municipality",
    "year": 2023,
    "gender": "T",
    "value": 77.1,
    "unit": "%",
    "source": "Källa: Kolada",
    "is_demo": False,
}


# The views -----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Insatsområdena med sina mål / The areas of effort with their goals",
        parameters=PAGINATION,
        responses={
            200: ok(AreaSerializer(many=True), "Insatsområdena / The areas of effort"),
            **error_responses(400, 404),
        },
    )
)
class AreaList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Area", "indicators.Goal"]
    pagination_class = DescribedPagination
    query_class = Query
    serializer_class = AreaSerializer
    queryset = Area.objects.prefetch_related("goals").order_by("position", "name")


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="De långsiktiga målen / The long-term goals",
        parameters=PAGINATION,
        responses={
            200: ok(GoalSerializer(many=True), "Målen / The goals"),
            **error_responses(400, 404),
        },
    )
)
class GoalList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Goal"]
    pagination_class = DescribedPagination
    query_class = Query
    serializer_class = GoalSerializer
    queryset = Goal.objects.order_by("number")


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Platserna: länet och kommunerna / The places: the county and municipalities",
        parameters=PAGINATION,
        responses={
            200: ok(GeographySerializer(many=True), "Platserna / The places"),
            **error_responses(400, 404),
        },
    )
)
class GeographyList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Geography"]
    pagination_class = DescribedPagination
    query_class = Query
    serializer_class = GeographySerializer
    queryset = Geography.objects.order_by("level", "code")


def _indicators():
    demo = IndicatorValue.objects.filter(indicator=OuterRef("pk"), is_demo=True)
    return Indicator.objects.select_related("area", "goal").annotate(has_demo_values=Exists(demo))


class IndicatorViewMixin:
    serializer_class = IndicatorSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "files": bulk_files(self.request)}


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Indikatorerna / The indicators",
        description=(
            "Strategins indikatorer i sin ordning, med länkar till värdena. Filtrera på "
            "insatsområde och källa. / The strategy's indicators in their order, with links "
            "to their values. Filter by area of effort and source."
        ),
        parameters=[AREA, SOURCE, *PAGINATION],
        responses={
            200: ok(IndicatorSerializer(many=True), "Indikatorerna / The indicators"),
            **error_responses(400, 404),
        },
    )
)
class IndicatorList(PublicData, ValidatedQuery, IndicatorViewMixin, generics.ListAPIView):
    depends_on = INDICATOR_PAGES
    pagination_class = DescribedPagination
    query_class = IndicatorQuery

    def get_queryset(self):
        lookups = {"area_id": self.query.get("area"), "source": self.query.get("source")}
        return (
            _indicators()
            .filter(**{k: v for k, v in lookups.items() if v is not None})
            .order_by("area__position", "position", "code")
        )


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="En indikator / An indicator",
        parameters=[CODE],
        responses={
            200: ok(IndicatorSerializer, "Indikatorn / The indicator"),
            **error_responses(400, 404),
        },
    )
)
class IndicatorDetail(PublicData, ValidatedQuery, IndicatorViewMixin, generics.RetrieveAPIView):
    depends_on = INDICATOR_PAGES
    lookup_field = "code"

    def get_queryset(self):
        return _indicators()

    def get_object(self):
        if not is_code(self.kwargs["code"]):
            raise indicator_not_found()
        found = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if found is None:
            raise indicator_not_found()
        return found


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="En indikators alla värden / An indicator's every value",
        description=(
            "Hela serien, utan sidor: år, plats och kön. Samma rader som /api/v1/values/ och "
            "bulkfilerna. / The whole series, unpaginated: by year, place and gender. The "
            "same rows as /api/v1/values/ and the bulk files."
        ),
        parameters=[CODE, *SERIES_PARAMETERS],
        responses={
            200: ok(SeriesSerializer, "Dess värden / Its values"),
            **error_responses(400, 404),
        },
        examples=[
            OpenApiExample(
                "Karlstad 2023",
                value={"count": 1, "results": [VALUE_EXAMPLE]},
                response_only=True,
                status_codes=["200"],
            ),
            BAD_PARAMETER,
        ],
    )
)
class IndicatorValues(PublicData, ValidatedQuery, generics.GenericAPIView):
    depends_on = datasets.VALUE_MODELS
    query_class = SeriesQuery
    pagination_class = None

    def get(self, request, code):
        found = Indicator.objects.filter(code=code) if is_code(code) else Indicator.objects.none()
        indicator = found.values_list("pk", flat=True).first()
        if indicator is None:
            raise indicator_not_found()
        rows = list(values_filtered(self.query, indicator_id=indicator))
        return Response({"count": len(rows), "results": ValueSerializer(rows, many=True).data})


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Alla indikatorers värden / Every indicator's values",
        description=(
            "Alla värden i sidor (page, page_size ≤ 1000), efter indikator, plats, kön och "
            "år; samma rader och kolumner som bulkfilen indikatorvarden. Värden med is_demo "
            "är påhittade. / Every value in pages, by indicator, place, gender and year; the "
            "same rows and columns as the bulk file indikatorvarden. Values with is_demo are "
            "made up."
        ),
        parameters=[INDICATOR, AREA, *SERIES_PARAMETERS, *PAGINATION],
        responses={
            200: ok(ValueSerializer(many=True), "En sida värden / A page of values"),
            **error_responses(400, 404),
        },
        examples=[
            OpenApiExample(
                "Karlstad 2023", value=VALUE_EXAMPLE, response_only=True, status_codes=["200"]
            ),
            BAD_PARAMETER,
        ],
    )
)
class ValueList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = datasets.VALUE_MODELS
    pagination_class = DescribedPagination
    query_class = ValueQuery
    serializer_class = ValueSerializer

    def get_queryset(self):
        return values_filtered(self.query)


urlpatterns = [
    path("areas/", AreaList.as_view(), name="area-list"),
    path("goals/", GoalList.as_view(), name="goal-list"),
    path("geographies/", GeographyList.as_view(), name="geography-list"),
    path("indicators/", IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<str:code>/", IndicatorDetail.as_view(), name="indicator-detail"),
    path("indicators/<str:code>/values/", IndicatorValues.as_view(), name="indicator-values"),
    path("values/", ValueList.as_view(), name="value-list"),
]
