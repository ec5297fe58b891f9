"""The indicators' API reads as many rows at once for the strategy's 48 indicators × 17
places × 10 years as for 5 indicators: each answer made anew (the page cache off) in the
same few queries."""

import pytest

from indicators.models import Area
from tests.opendata.indicator_data import more_indicators, strategy

URLS = [
    "/api/v1/indicators/",
    "/api/v1/indicators/N00914/",
    "/api/v1/indicators/X-1/values/",
    "/api/v1/values/?page_size=1000",
    "/api/v1/values/?page_size=10&page=3&indicator=X-1,X-2,N00914&geography=0017,1780&area={area}",
    "/api/v1/areas/",
    "/api/v1/goals/",
    "/api/v1/geographies/",
]


@pytest.fixture
def made_anew(settings):
    settings.PAGE_CACHE = False


def _queries(client, url, limit, assert_max) -> int:
    with assert_max(limit) as captured:
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.content[:300])
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_an_answer_takes_as_many_queries_for_48_indicators_over_17_places_as_for_5(
    db, client, made_anew, url, django_assert_max_num_queries
):
    strategy()
    more_indicators(3)  # 5 indicators
    url = url.format(area=Area.objects.order_by("pk").first().pk)
    few = _queries(client, url, 6, django_assert_max_num_queries)
    more_indicators(43, start=3)  # 48
    _queries(client, url, few, django_assert_max_num_queries)
    assert client.get("/api/v1/values/?page_size=1").json()["count"] == 46 * 17 * 10 + 11


def test_the_whole_values_list_of_48_indicators_comes_in_pages_of_at_most_1000(
    db, client, made_anew, settings
):
    strategy()
    more_indicators(46)
    first = client.get("/api/v1/values/?page_size=1000").json()
    assert first["count"] == 46 * 17 * 10 + 11
    pages, url, seen = 0, "/api/v1/values/?page_size=1000", 0
    while url:
        page = client.get(url).json()
        seen += len(page["results"])
        url, pages = page["next"] and page["next"].removeprefix(settings.SITE_URL), pages + 1
    assert (pages, seen) == (8, first["count"])
