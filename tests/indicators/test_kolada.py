"""Kolada's v3 answers, recorded as files in the API's format: pages, genders, gaps, the
period as a number or a string; the live API against a local stand-in that answers the same
way; all or nothing."""

import http.server
import json
import threading
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from arshjul.lib.sweeps import run_sweeps
from indicators import kolada, services
from indicators.errors import KoladaError, KoladaUnreachable
from indicators.models import IndicatorValue, KoladaFetch
from tests.indicators.helpers import KOLADA, kolada_page


def stored():
    return {
        (v.geography.code, v.year, v.gender): v.value
        for v in IndicatorValue.objects.select_related("geography")
    }


def test_every_page_is_read_with_genders_and_gaps_left_out(employment):
    pages = [kolada_page("n00914-page1.json"), kolada_page("n00914-page2.json")]
    done = services.kolada_import(pages=pages)
    assert (done.values, done.gaps) == (6, 1)
    assert stored() == {
        ("0017", 2022, "K"): Decimal("78.1"),
        ("0017", 2022, "M"): Decimal("80.9"),
        ("0017", 2022, "T"): Decimal("79.5"),
        ("0017", 2023, "T"): Decimal("80.2"),  # the period came as a string
        ("1715", 2023, "T"): Decimal("82.6"),
        ("1780", 2022, "T"): Decimal("77"),
    }
    assert {v.source_note for v in IndicatorValue.objects.all()} == {"Källa: Kolada"}


def test_importing_again_replaces_the_values(employment):
    services.kolada_import(pages=[kolada_page("n00914-page2.json")])
    page = kolada_page("n00914-page2.json")
    page["values"][0]["values"][0]["value"] = 83.0
    services.kolada_import(pages=[page])
    assert stored()[("1715", 2023, "T")] == Decimal("83")
    assert IndicatorValue.objects.count() == 2


def page_of(**item) -> dict:
    """A page with one item, the fields not given as in a good answer."""
    values = item.pop("values", [{"gender": "T", "value": 1}])
    return {
        "values": [
            {"kpi": "N00914", "municipality": "0017", "period": 2022, "values": values, **item}
        ]
    }


FORM = "inte i den form vi väntar oss"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"count": 0}, "har ingen lista med värden"),
        ({"values": [{"kpi": "N00914", "municipality": "0017"}]}, FORM),
        (page_of(period="tjugo"), FORM),
        (page_of(values=[{"gender": "T", "value": "80,1"}]), FORM),
        (page_of(values=[{"gender": "X", "value": 1}]), FORM),
        ({"values": []}, "innehåller inga värden"),
        (page_of(kpi="N99999"), "Ingen indikator har Kolada-nyckeltalet N99999"),
        (page_of(municipality="9999"), "Inget geografiskt område har koden 9999"),
    ],
)
def test_a_malformed_or_empty_answer_is_refused_and_nothing_is_imported(
    employment, document, message
):
    # A good first page, then the bad one: nothing of either is stored.
    pages = [kolada_page("n00914-page2.json"), document] if document.get("values") else [document]
    with pytest.raises(KoladaError) as refused:
        services.kolada_import(pages=pages)
    assert message in str(refused.value)
    assert not IndicatorValue.objects.exists()


def test_a_file_that_is_not_json_is_refused(employment):
    with pytest.raises(KoladaError, match="inte JSON från Kolada"):
        kolada.read_file(b"<html>Kolada</html>")


class Kolada(http.server.BaseHTTPRequestHandler):
    """A local stand-in for Kolada's API: the recorded pages, the next one's address
    pointing back here."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        Kolada.requests.append(self.path)
        name = "n00914-page2.json" if "page=2" in self.path else "n00914-page1.json"
        page = json.loads((KOLADA / name).read_text())
        if page["next_page"]:
            host = f"http://127.0.0.1:{self.server.server_port}"
            page["next_page"] = page["next_page"].replace("http://kolada.example", host)
        body = json.dumps(page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def kolada_server(settings):
    server = http.server.HTTPServer(("127.0.0.1", 0), Kolada)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Kolada.requests = []
    settings.KOLADA_BASE_URL = f"http://127.0.0.1:{server.server_port}/v3"
    yield server
    server.shutdown()


def test_the_live_api_is_followed_page_by_page(employment, kolada_server):
    done = services.kolada_fetch(indicator=employment, years=[2022, 2023])
    assert (done.values, done.gaps) == (6, 1)
    first, second = Kolada.requests
    assert first == "/v3/data/kpi/N00914/municipality/0017,1715,1780/year/2022,2023"
    assert "page=2" in second


def test_a_next_page_elsewhere_is_not_followed(employment, kolada_server, monkeypatch):
    original = Kolada.do_GET

    def elsewhere(self):
        Kolada.requests.append(self.path)
        body = json.dumps(kolada_page("n00914-page1.json")).encode()  # next: kolada.example
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    monkeypatch.setattr(Kolada, "do_GET", elsewhere)
    with pytest.raises(KoladaUnreachable, match="pekar någon annanstans"):
        services.kolada_fetch(indicator=employment, years=[2022, 2023])
    assert not IndicatorValue.objects.exists()
    monkeypatch.setattr(Kolada, "do_GET", original)


def test_without_an_address_for_kolada_the_live_api_is_not_asked(employment, settings):
    settings.KOLADA_BASE_URL = ""
    with pytest.raises(KoladaUnreachable, match="KOLADA_BASE_URL"):
        services.kolada_fetch(indicator=employment, years=[2023])


def test_the_command_imports_files_or_the_live_api(employment, kolada_server):
    out = StringIO()
    call_command(
        "import_kolada",
        "N00914",
        "--file",
        str(KOLADA / "n00914-page1.json"),
        "--file",
        str(KOLADA / "n00914-page2.json"),
        stdout=out,
    )
    assert "6 värden importerade, 1 saknades i Kolada" in out.getvalue()
    IndicatorValue.objects.all().delete()
    call_command("import_kolada", "N00914", "--years", "2022-2023", stdout=StringIO())
    assert IndicatorValue.objects.count() == 6
    with pytest.raises(CommandError, match="Ingen indikator"):
        call_command("import_kolada", "N00000", stdout=StringIO())


def test_staff_fetch_from_kolada_in_the_background_and_see_how_it_went(
    employment, kolada_server, editor_client
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = editor_client.post(
            "/admin/indicators/indicator/",
            {"action": "fetch_from_kolada", "_selected_action": [employment.pk]},
            follow=True,
        )
    assert "Hämtar N00914 från Kolada" in started.content.decode()
    fetch = KoladaFetch.objects.get()
    assert (fetch.state, fetch.values, fetch.gaps) == ("done", 6, 1)
    assert IndicatorValue.objects.count() == 6
    listing = editor_client.get("/admin/indicators/koladafetch/").content.decode()
    assert "N00914" in listing


def test_a_failed_fetch_says_why(employment, settings, editor_client):
    settings.KOLADA_BASE_URL = ""
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(
            "/admin/indicators/indicator/",
            {"action": "fetch_from_kolada", "_selected_action": [employment.pk]},
        )
    fetch = KoladaFetch.objects.get()
    assert fetch.state == "failed" and "KOLADA_BASE_URL" in fetch.message
    assert not IndicatorValue.objects.exists()


def test_a_reader_cannot_start_a_fetch(employment, kolada_server, reader_client):
    reader_client.post(
        "/admin/indicators/indicator/",
        {"action": "fetch_from_kolada", "_selected_action": [employment.pk]},
    )
    assert not KoladaFetch.objects.exists()


def test_a_fetch_whose_answer_names_a_place_we_lack_says_so_in_words(
    employment, places, kolada_server, editor_client
):
    places["karlstad"].delete()  # Kolada answers for Karlstad all the same
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(
            "/admin/indicators/indicator/",
            {"action": "fetch_from_kolada", "_selected_action": [employment.pk]},
        )
    fetch = KoladaFetch.objects.get()
    assert (fetch.state, fetch.message) == ("failed", "Inget geografiskt område har koden 1780.")
    assert not IndicatorValue.objects.exists()
    listing = editor_client.get(f"/admin/indicators/koladafetch/{fetch.pk}/change/")
    assert "Inget geografiskt område har koden 1780." in listing.content.decode()


def test_a_fetch_runs_once_and_asks_kolada_once_even_when_its_task_comes_twice(
    employment, kolada_server
):
    fetch = KoladaFetch.objects.create(indicator=employment, first_year=2022, last_year=2023)
    assert services.kolada_fetch_run(fetch_id=fetch.pk) == "done"
    assert services.kolada_fetch_run(fetch_id=fetch.pk) == "claimed"
    assert len(Kolada.requests) == 2  # its two pages, each asked once
    assert IndicatorValue.objects.count() == 6


def test_a_fetch_whose_task_was_lost_is_run_by_the_sweep_after_ten_minutes(
    employment, kolada_server, frozen_now
):
    frozen_now(2026, 11, 27, 12)
    lost = KoladaFetch.objects.create(indicator=employment, first_year=2022, last_year=2023)
    frozen_now(2026, 11, 27, 12, 5)
    recent = KoladaFetch.objects.create(indicator=employment, first_year=2022, last_year=2023)
    frozen_now(2026, 11, 27, 12, 11)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert run_sweeps(["kolada-fetches"]) == {"kolada-fetches": 1}
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert (lost.state, lost.values, recent.state) == ("done", 6, "queued")


def test_the_command_says_in_words_why_a_file_or_kolada_is_refused(employment, tmp_path, settings):
    page = tmp_path / "page.json"
    page.write_text(json.dumps(page_of(kpi="N99999")))
    with pytest.raises(CommandError) as refused:
        call_command("import_kolada", "N00914", "--file", str(page), stdout=StringIO())
    assert str(refused.value) == "Ingen indikator har Kolada-nyckeltalet N99999."
    settings.KOLADA_BASE_URL = ""
    with pytest.raises(CommandError, match="^Ingen adress till Kolada"):
        call_command("import_kolada", "N00914", stdout=StringIO())
    assert not IndicatorValue.objects.exists()


def test_the_command_asks_for_years_it_can_read(employment):
    with pytest.raises(CommandError, match="Ange åren som 2015-2024."):
        call_command("import_kolada", "N00914", "--years", "förra året", stdout=StringIO())


def test_fetching_indicators_of_which_none_comes_from_kolada_says_so(solar, editor_client):
    answer = editor_client.post(
        "/admin/indicators/indicator/",
        {"action": "fetch_from_kolada", "_selected_action": [solar.pk]},
        follow=True,
    )
    assert "Ingen av dem kommer från Kolada." in answer.content.decode()
    assert not KoladaFetch.objects.exists()
