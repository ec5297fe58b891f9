"""The indicators' API's answers: areas with their goals, places, indicators with links, and
values as rows of the values dataset (its columns' names, one query per page, no model
instances), each field described in Swedish and English for the OpenAPI description."""

from django.urls import reverse
from rest_framework import serializers

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue

from . import datasets
from .cycles import absolute
from .schema import bilingual

VALUES_DATASET = "indikatorvarden"


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
        return {
            "values": absolute(reverse("opendata:indicator-values", args=[indicator.code])),
            "page": absolute(reverse("indicators:detail", args=[indicator.code])),
            **self.context["files"],
        }


def bulk_files() -> dict[str, str]:
    """The values dataset's files (opendata.files)."""
    return {
        key: absolute(reverse(f"opendata:{name}", kwargs={"slug": VALUES_DATASET}))
        for key, name in [("csv", "csv"), ("csv_excel", "csv-excel"), ("xlsx", "xlsx")]
    }


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
