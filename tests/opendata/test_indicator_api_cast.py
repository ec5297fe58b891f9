"""The whole cast — someone not signed in, Kil's coordinator, Eda's coordinator, a Läsare and
a Redaktör — reads the same indicators' API, and nobody writes through it: every POST, PUT,
PATCH and DELETE is a 405 in JSON that changes nothing."""

import pytest

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue
from tests.helpers import CAST
from tests.opendata.indicator_data import strategy

URLS = [
    "/api/v1/areas/",
    "/api/v1/goals/",
    "/api/v1/geographies/",
    "/api/v1/indicators/",
    "/api/v1/indicators/N00914/",
    "/api/v1/indicators/N00914/values/",
    "/api/v1/values/?indicator=N00914&year_from=2022",
]


@pytest.fixture
def world(db):
    return strategy()


def _everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Area, Goal, Geography, Indicator, IndicatorValue)
    ]


@pytest.mark.parametrize("role", CAST)
def test_everyone_reads_the_same_indicators(cast, role, world):
    for url in URLS:
        seen = cast[role].get(url)
        assert seen.status_code == 200, url
        assert seen.json() == cast["anonymous"].get(url).json(), url


@pytest.mark.parametrize("role", CAST)
def test_nobody_writes_through_the_api(cast, role, world):
    before = _everything()
    client = cast[role]
    for url in URLS:
        for method in (client.post, client.put, client.patch, client.delete):
            answer = method(url, {"value": "1", "name": "Ändrad"}, content_type="application/json")
            assert answer.status_code == 405, (method.__name__, url)
            assert answer.json()["error"]["code"] == "method_not_allowed"
    assert _everything() == before
