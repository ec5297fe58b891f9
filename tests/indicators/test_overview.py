"""`/indikatorer/`: every indicator under its area of effort, each with a small line of its
trend that the words beside it say too; as many queries for 48 indicators as for a few; public,
through the shared page cache, the same for everyone."""

import re
from decimal import Decimal

import pytest
from django.core.cache import caches

from indicators.models import Area, Indicator, IndicatorValue
from tests.helpers import sign_in
from tests.indicators.helpers import values

URL = "/indikatorer/"


def readable(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def items(html: str) -> dict[str, str]:
    """Each indicator's item in the list, by its code (from its link)."""
    found = re.findall(r'<li class="indicator-item">(.*?)</li>', html, re.S)
    return {re.search(r'href="/indikatorer/([^/]+)/"', item).group(1): item for item in found}


def areas(html: str) -> dict[str, list[str]]:
    """The codes under each area's heading, in order."""
    sections = re.findall(r"<section[^>]*>\s*<h2[^>]*>([^<]+)</h2>(.*?)</section>", html, re.S)
    return {name.strip(): list(items(body)) for name, body in sections}


@pytest.fixture
def overview(employment, solar, enk1, places, area):
    """Two areas: one indicator rising over six years in the first; in the second one falling,
    one with a single value and one with none yet."""
    competence = Area.objects.create(name="Höja kompetensen", position=0)
    Area.objects.filter(pk=area.pk).update(position=1)
    school = Indicator.objects.create(
        code="VS-GYM", name="Gymnasieexamen inom fyra år", area=competence, unit="%", source="other"
    )
    values(school, places["county"], {2019: 78.2, 2020: 78.0, 2021: 79.1, 2022: 79.6, 2023: 80.0})
    values(school, places["county"], {2024: 80.4})
    values(solar, places["county"], {2022: 9.0, 2023: 8.0})
    values(enk1, places["county"], {2026: 66.7})
    return {"school": school}


def test_the_overview_groups_the_indicators_by_area(overview, client):
    html = readable(client.get(URL))
    assert areas(html) == {
        "Höja kompetensen": ["VS-GYM"],
        "Stärka konkurrenskraften": ["ENK-1", "N00914", "VS-SOL"],  # in their order, by code
    }


def test_each_indicator_has_its_trend_in_words_and_a_line_screen_readers_skip(overview, client):
    shown = items(readable(client.get(URL)))
    school, solar = shown["VS-GYM"], shown["VS-SOL"]
    assert "Ökar: från 78,2 % 2019 till 80,4 % 2024" in school
    assert "(önskad riktning)" in school
    assert "Minskar: från 9,0 MW 2022 till 8,0 MW 2023" in solar
    assert "(inte önskad riktning)" in solar
    for item in [school, solar]:
        [svg] = re.findall(r"<svg[^>]*>", item)
        assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
        assert "<polyline" in item
    # One value is a figure, not a line; none yet is said so.
    assert "Ett värde hittills: 66,7 % 2026" in shown["ENK-1"] and "<svg" not in shown["ENK-1"]
    assert "Inga värden än." in shown["N00914"] and "<svg" not in shown["N00914"]


def test_a_trend_that_rounds_to_the_same_value_is_said_to_be_unchanged(overview, client):
    IndicatorValue.objects.filter(indicator=overview["school"], year=2024).update(
        value=Decimal("78.24")
    )
    school = items(readable(client.get(URL)))["VS-GYM"]
    assert "Oförändrad: 78,2 % 2019 och 2024" in school
    assert "önskad riktning" not in school


def _page_made_anew(client) -> None:
    for cache in caches.all():
        cache.clear()
    assert client.get(URL).status_code == 200


def _more_indicators(area, places, count, start=0):
    """``count`` indicators more, each with ten years for the county and its municipalities."""
    fields = {"area": area, "unit": "%", "source": "other", "levels": "municipalities"}
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"X-{n}", name=f"Extra {n}", **fields) for n in range(start, start + count)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, geography=place, year=year, value=Decimal(year % 7))
        for i in indicators
        for year in range(2015, 2025)
        for place in places.values()
    )


def test_the_overview_makes_as_few_queries_for_48_indicators_as_for_5(
    overview, area, places, client, django_assert_max_num_queries
):
    _more_indicators(area, places, 1)  # 5 in all
    with django_assert_max_num_queries(10) as five:
        _page_made_anew(client)
    _more_indicators(area, places, 43, start=1)  # 48
    with django_assert_max_num_queries(len(five.captured_queries)):
        _page_made_anew(client)
    assert len(items(client.get(URL).content.decode())) == 48


def test_a_visitor_is_served_the_overview_from_the_page_cache(
    overview, client, django_assert_max_num_queries
):
    first = client.get(URL).content
    with django_assert_max_num_queries(0):
        assert client.get(URL).content == first
    IndicatorValue.objects.filter(indicator=overview["school"], year=2024).update(value=90)
    from arshjul.lib import page_cache

    page_cache.rows_changed(IndicatorValue)
    assert "till 90,0" in readable(client.get(URL))


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "reader", "editor"])
def test_everyone_reads_the_same_overview_and_nobody_posts_to_it(
    who, overview, client, reader, editor, cycle
):
    from tests import factories

    if who == "coordinator":
        org = factories.organisation(name="Compare", category="other")
        sign_in(client, factories.coordinator(cycle, org, email="samordnare@compare.example.org"))
    elif who in {"reader", "editor"}:
        client.force_login({"reader": reader, "editor": editor}[who])
    page = client.get(URL)
    assert page.status_code == 200
    assert items(readable(page)).keys() == {"VS-GYM", "N00914", "VS-SOL", "ENK-1"}
    assert client.post(URL, {}).status_code == 405
    assert IndicatorValue.objects.count() == 9


def test_a_change_of_a_few_tenths_is_drawn_as_a_small_rise_not_a_leap(overview, client):
    IndicatorValue.objects.filter(indicator=overview["school"]).update(value=80)
    IndicatorValue.objects.filter(indicator=overview["school"], year=2024).update(value=80.4)
    school = items(readable(client.get(URL)))["VS-GYM"]
    height = float(re.search(r'viewBox="0 0 \S+ (\S+)"', school).group(1))
    points = re.search(r'<polyline points="([^"]+)"', school).group(1).split()
    ys = [float(point.split(",")[1]) for point in points]
    assert 0 < max(ys) - min(ys) < height / 4


def test_the_charts_are_drawn_in_the_organisers_colour_not_varmlands(overview, client):
    from arshjul.models import Identity

    Identity.objects.create(organiser_name="Region Nordvik", accent_colour="#5b2a86")
    for path in [URL, "/indikatorer/VS-GYM/"]:  # the small lines; the chart over the years
        main = client.get(path).content.decode().split("<main", 1)[1]
        assert "<svg" in main and "#5b2a86" in main and "#004b87" not in main, path
