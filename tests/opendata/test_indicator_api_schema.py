"""The API's OpenAPI description as the national data portal and a developer's tools read
it: valid OpenAPI 3.1, every operation and parameter of the indicators described in Swedish
and English; and its Swagger UI page working in Chromium under our own CSP."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.opendata.indicator_data import strategy
from tests.site.helpers import CHROMIUM_ARGS

INDICATOR_PATHS = [
    "/api/v1/areas/",
    "/api/v1/goals/",
    "/api/v1/geographies/",
    "/api/v1/indicators/",
    "/api/v1/indicators/{code}/",
    "/api/v1/indicators/{code}/values/",
    "/api/v1/values/",
]


def test_the_description_is_valid_openapi_3_1_without_a_warning(tmp_path):
    target = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format=openapi-json",
        f"--file={target}",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert json.loads(target.read_text())["openapi"] == "3.1.0"


@pytest.fixture
def schema(db, client):
    answer = client.get("/api/v1/schema/")
    assert answer.status_code == 200
    return answer, json.loads(answer.content)


def test_the_description_is_served_with_a_plain_file_name(schema):
    answer, _ = schema
    assert answer["Content-Disposition"] == 'inline; filename="arshjul-openapi.json"'
    assert answer["Content-Type"] == "application/vnd.oai.openapi+json"


def test_every_indicator_endpoint_and_parameter_is_described_in_swedish_and_english(schema):
    _, described = schema
    for path in INDICATOR_PATHS:
        operation = described["paths"][path]["get"]
        assert " / " in operation["summary"], path
        assert {"200", "400", "404", "429"} <= set(operation["responses"]), path
        for parameter in operation["parameters"]:
            assert " / " in parameter["description"], (path, parameter["name"])
    values = described["paths"]["/api/v1/values/"]["get"]
    assert {p["name"] for p in values["parameters"]} == {
        "indicator",
        "geography",
        "geography_level",
        "gender",
        "year_from",
        "year_to",
        "area",
        "page",
        "page_size",
    }
    value = described["components"]["schemas"]["Value"]["properties"]
    assert value["year"]["type"] == "integer" and value["value"]["type"] == "number"
    assert value["geography"]["description"].startswith("Platsens kod")
    assert "/ The place's code" in value["geography"]["description"]


@pytest.mark.browser
def test_the_swagger_page_works_under_our_csp_with_our_own_files(
    chromium_path, transactional_db, live_server
):
    strategy()
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=live_server.url)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "request",
            lambda r: problems.append(r.url) if not r.url.startswith(live_server.url) else None,
        )
        answer = page.goto("/api/v1/docs/")
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        # Swagger UI's bundle is large and the schema is made on the first request: on a busy
        # machine that takes longer than Playwright's default half-minute.
        page.wait_for_selector(".opblock", timeout=90_000)
        operation = page.locator(".opblock", has_text="/api/v1/indicators/{code}/values/")
        operation.locator(".opblock-summary").click()
        page.get_by_text("Try it out").click()
        operation.locator("input[placeholder='code']").fill("N00914")
        operation.get_by_text("Execute").click()
        page.wait_for_selector(".live-responses-table .response-col_status", timeout=60_000)
        shown = operation.locator(".live-responses-table .response-col_status").nth(1)
        assert shown.inner_text().strip() == "200"
        browser.close()
    assert problems == []
