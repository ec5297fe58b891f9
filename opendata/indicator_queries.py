"""The indicators' API's parameters: which values, indicators and places a request asks
for, validated (:mod:`opendata.parameters`: a bad or unknown one is a 400 naming it), and the
same parameters as the OpenAPI description shows them, in Swedish and English."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import serializers

from indicators.models import Area, Geography, Indicator, IndicatorValue

from . import datasets
from .parameters import CODE_LENGTH, CodeList, Query, Year


def _unknown(asked: list, found) -> list:
    found = set(found)
    return [code for code in asked if code not in found]


class SeriesQuery(Query):
    """Which of an indicator's values: places, their level, gender, years (each parameter
    named after the value's field it filters, as the files' filters are)."""

    paginated = False

    geography = CodeList(required=False)
    geography_level = serializers.ChoiceField(Geography.Level.choices, required=False)
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
    "geography_level": "geography__level",
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

# What a code can be at all (opendata.parameters.is_code): short, without a comma (the
# codes' separator), a space or a control character.
CODE_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": CODE_LENGTH,
    "pattern": r"^[^,\s\x00-\x1f\x7f]+$",
}
YEAR_SCHEMA = {"type": "integer", "minimum": 1000, "maximum": 9999}

CODE = OpenApiParameter(
    "code",
    CODE_SCHEMA,
    OpenApiParameter.PATH,
    description="Indikatorns kod / The indicator's code",
    examples=[OpenApiExample("Andel förvärvsarbetande / Share in employment", value="N00914")],
)
INDICATOR = OpenApiParameter(
    "indicator",
    {"type": "array", "minItems": 1, "items": CODE_SCHEMA},
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
    {"type": "array", "minItems": 1, "items": CODE_SCHEMA},
    style="form",
    explode=False,
    description=(
        "En eller flera platsers koder (Koladas), kommaseparerade: 0017 Värmland, 1780 "
        "Karlstad / One or more places' codes (Kolada's), comma-separated"
    ),
    examples=[OpenApiExample("Karlstad och Kil / Karlstad and Kil", value=["1780", "1715"])],
)
LEVEL = OpenApiParameter(
    "geography_level",
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
    YEAR_SCHEMA,
    description="Från och med året / From the year, inclusive",
    examples=[OpenApiExample("2015", value=2015)],
)
YEAR_TO = OpenApiParameter(
    "year_to",
    YEAR_SCHEMA,
    description="Till och med året / To the year, inclusive",
    examples=[OpenApiExample("2025", value=2025)],
)
AREA = OpenApiParameter(
    "area",
    {"type": "integer", "minimum": 1},
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
