"""Errors reported to a Sentry server (a real HTTP server on 127.0.0.1 standing in for it),
with the request's id and without anything personal: no link's token, cookie, e-mail address,
authorisation header or what the visitor wrote. With no SENTRY_DSN nothing is sent."""

import gzip
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
import sentry_sdk

from arshjul.lib.error_reports import before_send, sentry_init
from tests.helpers import run_python

TOKEN = "AAAAAgz9gbAc_yC3l0_vpXtM:1tXyZa:Qm9vbQ"  # what a sign-in link's ?sesame= looks like
EMAIL = "anna@kil.example.org"
ANSWER = "Vi behöver fler tolkar i Kil"
SESSION = "sessionid-value-that-signs-someone-in"
METRICS_TOKEN = "a-metrics-token-for-prometheus"


def envelope_items(body: bytes) -> list[tuple[dict, bytes]]:
    """The items of a Sentry envelope: a header line, then each item's header line and its
    payload (``length`` bytes, or up to the end of the line)."""
    _, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] + 1 :]
        else:
            payload, _, rest = rest.partition(b"\n")
        items.append((header, payload))
    return items


class SentryServer(ThreadingHTTPServer):
    """Receives envelopes on POST /api/<project>/envelope/ and keeps their events."""

    def __init__(self):
        self.events: list[dict] = []
        self.requests: list[str] = []
        self.bodies: list[bytes] = []  # every envelope, as sent
        super().__init__(("127.0.0.1", 0), self.Handler)

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.server_address[1]}/42"

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":  # the SDK's choice where Brotli is installed
                import brotli

                body = brotli.decompress(body)
            else:
                assert encoding == "", encoding
            self.server.requests.append(self.path)
            self.server.bodies.append(body)
            for header, payload in envelope_items(body):
                if header.get("type") == "event":
                    self.server.events.append(json.loads(payload))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass


@pytest.fixture
def sentry_server():
    server = SentryServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def reporting(sentry_server):
    """Errors reported to the server, as the settings start it when SENTRY_DSN is set."""
    sentry_init(dsn=sentry_server.dsn, environment="test", release="2027.1", traces_sample_rate=0.0)
    yield sentry_server
    sentry_sdk.get_client().close(timeout=5)
    sentry_sdk.init()  # and no more


def wait_for_events(server, *, timeout=10.0) -> list[dict]:
    sentry_sdk.flush(timeout=timeout)
    deadline = time.monotonic() + timeout
    while not server.events and time.monotonic() < deadline:
        time.sleep(0.05)
    return server.events


def post_to_the_broken_page(live_server) -> tuple[int, dict]:
    """A visitor with a session cookie, a token in the address, an answer and an e-mail
    address in the form (and a bearer token) posts to the page that fails, over HTTP."""
    request = urllib.request.Request(  # noqa: S310 - our own test server
        f"{live_server.url}/gar-sonder/?sesame={TOKEN}&sida=2",
        data=urlencode({"email": EMAIL, "comment": ANSWER}).encode(),
        headers={
            "Cookie": f"sessionid={SESSION}; csrftoken=a-csrf-token-value",
            "Authorization": f"Bearer {METRICS_TOKEN}",
            "User-Agent": "Firefox",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.urls("tests.arshjul.urls_with_an_error")
def test_an_error_reaches_sentry_with_its_request_id_and_nothing_personal(reporting, live_server):
    status, headers = post_to_the_broken_page(live_server)
    assert status == 500

    [event] = wait_for_events(reporting)
    assert set(reporting.requests) == {"/api/42/envelope/"}
    [error] = event["exception"]["values"]
    assert error["type"] == "Broken"
    assert error["value"].startswith("Could not save the answer of [email] (")
    assert event["tags"]["request_id"] == headers["X-Request-ID"]
    assert event["environment"] == "test" and event["release"] == "2027.1"
    request = event["request"]
    assert request["url"] == f"{live_server.url}/gar-sonder/"
    assert request["method"] == "POST"
    assert request["query_string"] == "sesame=[redacted]&sida=[redacted]"
    assert "cookies" not in request and "data" not in request
    assert request["headers"]["User-Agent"] == "Firefox"
    assert not {"Cookie", "Authorization"} & set(request["headers"])
    assert "user" not in event or set(event["user"]) <= {"id"}
    [frame] = [f for f in error["stacktrace"]["frames"] if f["function"] == "broken_view"]
    # Under a name on the list, or a string whatever its name: never sent.
    assert frame["vars"]["email"] == frame["vars"]["words"] == "[redacted]"

    sent = json.dumps(event, ensure_ascii=False)
    for personal in [TOKEN, EMAIL, ANSWER, SESSION, METRICS_TOKEN, "a-csrf-token-value"]:
        assert personal not in sent, personal


@pytest.mark.urls("tests.arshjul.urls_with_an_error")
def test_traced_requests_carry_nothing_personal_either(sentry_server, live_server):
    sentry_init(dsn=sentry_server.dsn, environment="test", release="", traces_sample_rate=1.0)
    try:
        status, _ = post_to_the_broken_page(live_server)
        assert status == 500
        urllib.request.urlopen(f"{live_server.url}/logga-in/lank/?sesame={TOKEN}")  # noqa: S310
    except urllib.error.HTTPError as error:
        assert error.code == 410  # the token does not work: the page says so
    finally:
        sentry_sdk.flush(timeout=10)
        sentry_sdk.get_client().close(timeout=5)
        sentry_sdk.init()
    sent = b"\n".join(sentry_server.bodies).decode()
    assert '"type":"span"' in sent.replace(" ", "")  # traces went
    for personal in [TOKEN, EMAIL, ANSWER, SESSION, METRICS_TOKEN]:
        at = sent.find(personal)
        assert at < 0, sent[max(at - 600, 0) : at + 100]


def test_a_variable_shows_a_models_class_but_no_row_and_no_string():
    event = {
        "exception": {
            "values": [
                {
                    "stacktrace": {
                        "frames": [
                            {
                                "vars": {
                                    "row": "<Participant: Anna Andersson (Kils kommun)>",
                                    "rows": "<QuerySet [<Participant: Bo Berg (Kils kommun)>]>",
                                    "pks": [3, "'x'"],
                                    "count": 3,
                                }
                            }
                        ]
                    }
                }
            ]
        }
    }
    frame = before_send(event, {})["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert frame["vars"] == {
        "row": "<Participant>",
        "rows": "<QuerySet [<Participant>]>",
        "pks": [3, "[redacted]"],
        "count": 3,
    }


RAISE_IN_A_FRESH_PROCESS = """
import django, sentry_sdk
django.setup()
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
with override_settings(ROOT_URLCONF="tests.arshjul.urls_with_an_error"):
    response = Client(raise_request_exception=False).post("/gar-sonder/", {"email": "a@b.se"})
sentry_sdk.flush(timeout=5)
print(response.status_code, sentry_sdk.get_client().is_active())
"""


def test_the_settings_report_errors_when_sentry_dsn_is_set(sentry_server, tmp_path):
    result = run_python(
        RAISE_IN_A_FRESH_PROCESS,
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SENTRY_DSN=sentry_server.dsn,
        SENTRY_ENVIRONMENT="staging",
        RELEASE="2027.2",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["500", "True"]
    [event] = wait_for_events(sentry_server)
    assert event["environment"] == "staging" and event["release"] == "2027.2"
    assert "a@b.se" not in json.dumps(event)


def test_without_sentry_dsn_nothing_is_sent_and_the_error_page_is_served(sentry_server, tmp_path):
    result = run_python(
        RAISE_IN_A_FRESH_PROCESS,
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SENTRY_DSN="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["500", "False"]
    time.sleep(0.5)
    assert sentry_server.requests == []


@pytest.mark.parametrize("rate", ["5", "-0.1", "all"])
def test_a_traces_sample_rate_outside_0_to_1_is_refused(rate):
    result = run_python(
        "import django; django.setup()", DEBUG="true", SENTRY_TRACES_SAMPLE_RATE=rate
    )
    assert result.returncode != 0
    assert f"SENTRY_TRACES_SAMPLE_RATE must be from 0 to 1, not '{rate}'" in result.stderr
