"""The demo's indicators: the strategy's 48 over its four areas of effort and 13 long-term
goals, the publicly named ones among them, the made-up ones saying so, each with years of demo
values so that a trend shows."""

from collections import Counter
from io import StringIO

from django.core.management import call_command

from indicators.models import Area, Goal, Indicator, IndicatorValue

# The indicators the strategy names publicly (and the survey's four), by their demo codes.
NAMED = {
    "VS-GYM": "gymnasieexamen",
    "VS-SYSS-SV": "födda i Sverige",
    "VS-SYSS-UTL": "födda utomlands",
    "VS-VARD": "hälso- och sjukvård",
    "VS-FORTR": "förtroende för offentliga institutioner",
    "VS-INNO": "Innovationsförmåga",
    "VS-SOL": "Nätansluten solel",
    "VS-VATTEN": "Vattenanvändning i jordbruket",
    "VS-ENERGI": "energiförsörjningen",
    "VS-CO2": "koldioxid",
    "N00914": "förvärvsarbetande",
    "N15428": "behöriga till ett yrkesprogram",
    "N00401": "växthusgaser",
    "N01951": "invånare",
    "ENK-1": "kompetensutveckling",
    "ENK-2": "plan",
    "ENK-3": "nya arbetssätt",
    "ENK-4": "ändrat ett arbetssätt",
}


def seed():
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_has_the_strategys_48_indicators_over_4_areas_and_13_goals(demo_data):
    indicators = list(Indicator.objects.select_related("area", "goal"))
    assert len(indicators) == 48
    assert Area.objects.count() == 4 and Goal.objects.count() == 13
    # Every indicator under a goal of its own area; every goal and area has indicators.
    assert all(i.goal is not None and i.goal.area_id == i.area_id for i in indicators)
    assert set(Counter(i.goal_id for i in indicators)) == set(
        Goal.objects.values_list("pk", flat=True)
    )
    assert min(Counter(i.area.name for i in indicators).values()) >= 10
    names = {i.code: i.name for i in indicators}
    for code, words in NAMED.items():
        assert words.lower() in names[code].lower(), code


def test_the_made_up_indicators_say_they_are_placeholders(demo_data):
    made_up = Indicator.objects.exclude(code__in=NAMED)
    assert made_up.count() == 48 - len(NAMED)
    for indicator in made_up:
        assert "Platshållare i demon" in indicator.description, indicator.code
        assert indicator.source != Indicator.Source.KOLADA  # no Kolada KPI we made up
    for indicator in Indicator.objects.filter(code__in=NAMED).exclude(source="survey"):
        assert "påhittade" in indicator.description, indicator.code


def test_every_indicator_outside_the_survey_has_years_of_demo_values(demo_data):
    county = IndicatorValue.objects.filter(geography__level="county")
    years = Counter(county.values_list("indicator__code", flat=True))
    for indicator in Indicator.objects.exclude(source="survey"):
        assert years[indicator.code] >= 5, indicator.code
    assert not IndicatorValue.objects.filter(is_demo=False).exclude(indicator__source="survey")


def test_seeding_again_adds_only_the_indicators_an_older_demo_lacks(demo_data, settings):
    """A laptop's demo from before the 48 gets the missing ones; what staff changed stays."""
    values = IndicatorValue.objects.count()
    Indicator.objects.filter(code="N00914").update(name="Sysselsättningsgrad, ändrad av personal")
    Indicator.objects.filter(code__in=["VS-CO2", "VS-LIVSL"]).delete()
    settings.DEBUG = True

    seed()
    seed()

    assert Indicator.objects.count() == 48
    assert Indicator.objects.get(code="N00914").name == "Sysselsättningsgrad, ändrad av personal"
    added = IndicatorValue.objects.filter(indicator__code__in=["VS-CO2", "VS-LIVSL"])
    assert added.exists() and IndicatorValue.objects.count() == values
