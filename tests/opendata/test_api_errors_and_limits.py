"""What every answer of the open data shares: errors a machine can read (JSON, in Swedish and
English), a rate limit per address, and reads from other sites' scripts allowed (CORS, GET)."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_address_under_the_api_that_names_nothing_answers_json_in_both_languages(client):
    response = client.get("/api/v1/finns-inte/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 404
    assert error["code"] == "not_found"
    assert "beskrivning" in error["message"]["sv"]
    assert "description" in error["message"]["en"]


def test_an_address_under_the_api_with_a_line_break_in_it_answers_json_too(client):
    # Found by the schema test: a generated path with %0A fell through to the HTML 404.
    response = client.get("/api/v1/documents/0.8/%C2%92w%02%0AI%3D%C2%91/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_api_is_described_as_openapi_3_1_in_json(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["openapi"].startswith("3.1")


def test_past_the_limit_an_address_is_asked_to_wait_and_another_is_not(client, settings):
    settings.OPEN_DATA_RATE_LIMIT = 3
    answers = [client.get("/api/v1/schema/", REMOTE_ADDR="192.0.2.7") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused["Retry-After"] == "60"
    assert refused.json()["error"]["code"] == "throttled"
    assert "minut" in refused.json()["error"]["message"]["sv"]
    assert client.get("/api/v1/schema/", REMOTE_ADDR="192.0.2.8").status_code == 200


def test_another_sites_script_may_read_the_api_but_not_write(client):
    read = client.get("/api/v1/schema/", HTTP_ORIGIN="https://analys.example.org")
    preflight = client.options(
        "/api/v1/schema/",
        HTTP_ORIGIN="https://analys.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert read["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_site_s_own_pages_are_not_opened_to_other_sites(client):
    response = client.get("/", HTTP_ORIGIN="https://analys.example.org")

    assert "Access-Control-Allow-Origin" not in response


def test_writing_to_the_api_answers_json_and_changes_nothing(client):
    response = client.post("/api/v1/schema/", {"openapi": "2.0"})

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_every_answer_names_the_licence_staff_set_and_a_change_shows_at_once(client):
    from opendata.models import CatalogueSettings

    assert client.get("/api/v1/schema/")["Link"] == (
        '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"'
    )
    CatalogueSettings.objects.create(licence=CatalogueSettings.Licence.CC_BY)

    assert client.get("/api/v1/schema/")["Link"] == (
        '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    )
