"""The indicators as a read-only JSON API (under /api/v1/): the strategy's areas of effort
with their goals, the geographies, the indicators, and their values by year, place and
gender — the same values the indicator pages show (tests/opendata/test_indicator_api.py
compares them).

A value is a row of the values dataset (:data:`opendata.datasets.VALUE_COLUMNS`: the same
names as the bulk files' columns), read as plain tuples, one query per page plus its count.
An indicator is described with the indicators dataset's column names, and a little more.
Every answer comes from the shared page cache (:class:`opendata.api.PublicData`); every
parameter is checked (:mod:`opendata.indicator_queries`), a bad one answered 400; the
answers are made by :mod:`opendata.indicator_serializers`.
"""

from django.db.models import Exists, OuterRef
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics
from rest_framework.response import Response

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue

from . import datasets
from .api import PublicData
from .indicator_queries import (
    AREA,
    CODE,
    INDICATOR,
    SERIES_PARAMETERS,
    SOURCE,
    IndicatorQuery,
    SeriesQuery,
    ValueQuery,
    values_filtered,
)
from .indicator_serializers import (
    VALUE_EXAMPLE,
    AreaSerializer,
    GeographySerializer,
    GoalSerializer,
    IndicatorSerializer,
    SeriesSerializer,
    ValueSerializer,
    bulk_files,
)
from .parameters import Query, ValidatedQuery, is_code
from .schema import (
    BAD_PARAMETER,
    error_responses,
    ok,
)

INDICATORS_TAG = "Indikatorer / Indicators"
INDICATOR_PAGES = [*datasets.INDICATOR_MODELS, "indicators.IndicatorValue"]  # is_demo


NO_SUCH_INDICATOR = _(
    "There is no indicator with that code. They are listed at /api/v1/indicators/."
)


def indicator_not_found() -> exceptions.NotFound:
    """A 404 that says what was not found (opendata.errors reads ``open_data_message``)."""
    error = exceptions.NotFound()
    error.open_data_message = NO_SUCH_INDICATOR
    return error


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Insatsområdena med sina mål / The areas of effort with their goals",
        responses={
            200: ok(AreaSerializer(many=True), "Insatsområdena / The areas of effort"),
            **error_responses(400, 404),
        },
    )
)
class AreaList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Area", "indicators.Goal"]
    query_class = Query
    serializer_class = AreaSerializer
    queryset = Area.objects.prefetch_related("goals").order_by("position", "name")


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="De långsiktiga målen / The long-term goals",
        responses={
            200: ok(GoalSerializer(many=True), "Målen / The goals"),
            **error_responses(400, 404),
        },
    )
)
class GoalList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Goal"]
    query_class = Query
    serializer_class = GoalSerializer
    queryset = Goal.objects.order_by("number")


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Platserna: länet och kommunerna / The places: the county and municipalities",
        responses={
            200: ok(GeographySerializer(many=True), "Platserna / The places"),
            **error_responses(400, 404),
        },
    )
)
class GeographyList(PublicData, ValidatedQuery, generics.ListAPIView):
    depends_on = ["indicators.Geography"]
    query_class = Query
    serializer_class = GeographySerializer
    queryset = Geography.objects.order_by("level", "code")


def _indicators():
    demo = IndicatorValue.objects.filter(indicator=OuterRef("pk"), is_demo=True)
    return Indicator.objects.select_related("area", "goal").annotate(has_demo_values=Exists(demo))


class IndicatorViewMixin:
    serializer_class = IndicatorSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "files": bulk_files()}


@extend_schema_view(
    get=extend_schema(
        tags=[INDICATORS_TAG],
        summary="Indikatorerna / The indicators",
        description=(
            "Strategins indikatorer i sin ordning, med länkar till värdena. Filtrera på "
            "insatsområde och källa. / The strategy's indicators in their order, with links "
            "to their values. Filter by area of effort and source."
        ),
        parameters=[AREA, SOURCE],
        responses={
            200: ok(IndicatorSerializer(many=True), "Indikatorerna / The indicators"),
            **error_responses(400, 404),
        },
    )
)
class IndicatorList(PublicData, ValidatedQuery, IndicatorViewMixin, generics.ListAPIView):
    depends_on = INDICATOR_PAGES
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
        parameters=[INDICATOR, AREA, *SERIES_PARAMETERS],
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
