"""The API's OpenAPI 3.1 description is valid, and every endpoint answers as it says: each
operation exercised from the description with property-based testing (schemathesis, in the
process through Django's WSGI application, on the demo with everything published) — no
server error, and every answer, an error's too, matches its schema."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.opendata.helpers import publish_everything


def description() -> dict:
    """The description as /api/v1/schema/ serves it, made without a request (the tests are
    made from it when they are collected, before any database)."""
    made = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(made))


@pytest.fixture(autouse=True)
def connection_kept():
    """Django closes the database connection when a request ends: within the test's
    transaction that would end the test's database. Its test client keeps it open the same
    way (django.test.client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def published(demo_data, settings):
    settings.OPEN_DATA_RATE_LIMIT = 1_000_000
    publish_everything()


def test_the_description_is_valid_openapi_3_1_in_swedish_and_english(client):
    served = client.get("/api/v1/schema/").json()

    validate_schema(served)  # drf-spectacular's copy of the OpenAPI 3.1 JSON Schema
    assert served["openapi"].startswith("3.1")
    assert served == description()  # the one the tests below are made from
    for path in ["/api/v1/cycles/", "/api/v1/survey-results/", "/api/v1/documents/"]:
        operation = served["paths"][path]["get"]
        assert " / " in operation["description"]  # Swedish, then English
        assert {"200", "400", "404"} <= set(operation["responses"])


# Each request goes through the application in the test's own process and database
# transaction: what the test published, the API reads.
schema = schemathesis.openapi.from_dict(description())
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    # The database is the test's (pytest-django's, function-scoped), the same for every
    # example: the API only reads it.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_endpoint_answers_as_its_description_says(case):
    # Every check but "a request the schema allows is accepted": a filter may name an
    # indicator, place or area nobody has, or a first year after the last, which no schema
    # can rule out; the API answers those 400 naming the parameter, as it describes.
    # Plain answers: schemathesis sends requests' default Accept-Encoding (gzip…) but its WSGI
    # transport, unlike requests over HTTP, does not decompress what the page cache gives.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[checks.positive_data_acceptance],
    )
