"""The whole cast — someone not signed in, a coordinator of the demo's cycle, another
organisation's coordinator, a Läsare and a Redaktör — reads the same cycles, survey results
and documents through the API, and nobody writes through it: every POST, PUT, PATCH and
DELETE is a 405 in JSON that changes nothing. (The indicators' endpoints:
test_indicator_api_cast.py.)"""

import pytest
from django.test import Client

from arshjul.models import Coordinator, Cycle
from followup.models import Report
from indicators.models import StatusAnalysis
from situation.models import Picture
from survey.models import Survey
from tests.helpers import CAST, sign_in
from tests.opendata.helpers import publish_everything

LISTS = ["/api/v1/cycles/", "/api/v1/survey-results/", "/api/v1/documents/"]


@pytest.fixture
def demo_cast(demo_data, reader, editor, settings):
    """Everything published, and a client for each of the cast: two of the demo's
    coordinators of different organisations in 2027, and staff of each role."""
    settings.OPEN_DATA_RATE_LIMIT = 1_000_000
    publish_everything()
    coordinators = Coordinator.objects.filter(cycle__year=2027).order_by("pk")
    owner = coordinators.first()
    outsider = coordinators.exclude(organisation=owner.organisation).first()
    clients = {
        "anonymous": Client(),
        "owner": sign_in(Client(), owner),
        "outsider": sign_in(Client(), outsider),
        "reader": Client(),
        "editor": Client(),
    }
    clients["reader"].force_login(reader)
    clients["editor"].force_login(editor)
    return clients


def _addresses(client) -> list[str]:
    """The lists, and every cycle and document they name."""
    found = list(LISTS)
    for listed in ["/api/v1/cycles/", "/api/v1/documents/"]:
        found += [item["api_url"] for item in client.get(listed).json()["results"]]
    return found


def _everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Cycle, Survey, StatusAnalysis, Picture, Report)
    ]


@pytest.mark.parametrize("role", CAST)
def test_everyone_reads_the_same_cycles_results_and_documents(demo_cast, role):
    addresses = _addresses(demo_cast["anonymous"])
    assert len(addresses) > len(LISTS)  # cycles and documents to read one by one

    for url in addresses:
        seen = demo_cast[role].get(url)
        assert seen.status_code == 200, url
        assert seen.json() == demo_cast["anonymous"].get(url).json(), url


@pytest.mark.parametrize("role", CAST)
def test_nobody_writes_through_the_cycles_results_or_documents(demo_cast, role):
    addresses = _addresses(demo_cast["anonymous"])
    before = _everything()
    client = demo_cast[role]
    for url in addresses:
        for method in (client.post, client.put, client.patch, client.delete):
            answer = method(url, {"title": "Ändrad"}, content_type="application/json")
            assert answer.status_code == 405, (method.__name__, url)
            assert answer.json()["error"]["code"] == "method_not_allowed"
    assert _everything() == before
