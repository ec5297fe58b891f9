"""The logs as a log collector reads them (LOG_FORMAT=json, the settings' own LOGGING): every
line of a request carries its id, which the response names too, and the Celery task it queued
logs with it, in the web process and in a real worker; no line carries a link's token, a
password or an e-mail address."""

import copy
import io
import json
import logging
import logging.config
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from arshjul.lib.logs import redact
from arshjul.models import OutgoingMail
from tests import factories
from tests.helpers import (
    ROOT,
    celery_worker,
    link_in,
    outbox,
    redis_broker,
    run_python,
    wait_for,
)
from tests.survey.helpers import answers, send_link, versions_on

BROKER = "redis://127.0.0.1:6379/7"
PASSWORD = "a-long-test-password"


class Log:
    """The site's logging configuration, as JSON lines into memory; ``during(response)``
    gives the lines written while ``call()`` ran."""

    def __init__(self, config):
        self.stream = io.StringIO()
        config = copy.deepcopy(config)
        config["handlers"]["console"]["formatter"] = "json"
        config["handlers"]["console"]["stream"] = self.stream
        logging.config.dictConfig(config)

    def lines(self, start=0) -> list[dict]:
        return [json.loads(line) for line in self.stream.getvalue()[start:].splitlines()]

    def during(self, call):
        start = len(self.stream.getvalue())
        result = call()
        return result, self.lines(start)


@pytest.fixture
def json_log():
    log = Log(django_settings.LOGGING)
    yield log
    logging.config.dictConfig(django_settings.LOGGING)


def request_id(response) -> str:
    value = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", value), value
    return value


@pytest.mark.django_db(transaction=True)  # e-mails queued on commit go within the request
def test_logs_carry_the_request_id_and_no_secret(json_log, owner, kil, staff):
    visitor = Client()

    def during_request(call, lines_expected=False):
        response, lines = json_log.during(call)
        assert {line["request_id"] for line in lines} <= {request_id(response)}, lines
        if lines_expected:
            assert lines, "the request wrote no log line"
        return response, lines

    # A coordinator asks for a sign-in link: the e-mail goes from a task run in the request.
    response, lines = during_request(
        lambda: visitor.post("/logga-in/", {"email": owner.email}), lines_expected=True
    )
    [mail] = outbox("signin_link")
    assert f"Outbox {mail.pk} (signin_link): sent" in [line["message"] for line in lines]
    token = link_in(mail).split("sesame=")[1]

    # Opens it, signs in with it; later the used link is refused (410, logged with the URL).
    during_request(lambda: visitor.get(f"/logga-in/lank/?sesame={token}"))
    during_request(lambda: visitor.post("/logga-in/lank/", {"sesame": token}))
    response, lines = during_request(
        lambda: Client().get(f"/logga-in/lank/?sesame={token}"), lines_expected=True
    )
    assert response.status_code == 410
    assert [line["status_code"] for line in lines if line["logger"] == "django.request"] == [410]

    # A leadership group saves its survey answers through its personal link.
    survey = factories.survey(owner.cycle)
    group = factories.leadership_group(kil, contact_email="ledning@kil.example.org")
    link = send_link(survey, group)
    personal_token = link.split("nyckel=")[1]
    group_member = Client()
    page, _ = during_request(lambda: group_member.get(link))
    response, _ = during_request(
        lambda: group_member.post(
            link,
            {**versions_on(page), **answers(survey, yes="yes", text="Bra."), "saved_by": "Anna"},
        )
    )
    assert response.status_code == 302

    # An address that does not exist, carrying both tokens (logged as Not Found).
    response, lines = during_request(
        lambda: Client().get(f"/finns-inte/?sesame={token}&nyckel={personal_token}"),
        lines_expected=True,
    )
    assert response.status_code == 404

    # Staff sign in with a password, once wrongly.
    during_request(
        lambda: Client().post(
            "/admin/login/", {"username": "staff", "password": "wrong-" + PASSWORD}
        )
    )
    during_request(
        lambda: Client().post("/admin/login/", {"username": "staff", "password": PASSWORD})
    )

    # A request that names its id (a proxy's) keeps it; one that names a malformed id gets
    # a new one.
    given = str(uuid.uuid4())
    assert Client().get("/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    assert Client().get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"

    written = json.dumps(json_log.lines())  # in requests or not
    for secret in [token, personal_token, PASSWORD, owner.email, group.contact_email]:
        assert secret not in written, secret
    assert "sesame=[redacted]" in written


def test_a_laptops_text_lines_are_redacted_too(json_log):
    stream = io.StringIO()
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "text"
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)

    # What runserver writes for each request (django.core.servers.basehttp).
    logging.getLogger("django.server").info(
        '"%s" %s %s', "GET /logga-in/lank/?sesame=AbC.dEf:123 HTTP/1.1", "200", "1234"
    )
    logging.getLogger("arshjul.lib.outbox").warning(
        "Outbox %s: transient failure, retry in %ss: %s", 7, 60, "anna@kil.example.org: 451 later"
    )
    text = stream.getvalue()
    assert '"GET /logga-in/lank/?sesame=[redacted] HTTP/1.1" 200 1234' in text
    assert "Outbox 7: transient failure, retry in 60s: [email]: 451 later" in text
    assert "AbC" not in text and "anna@" not in text


def test_every_handler_adds_the_request_id_and_redacts():
    config = django_settings.LOGGING
    for name, handler in config["handlers"].items():
        assert "request_id" in handler["filters"], name
        assert config["formatters"][handler["formatter"]]["()"].startswith("arshjul.lib.logs."), (
            name
        )
    # Django's own handlers (its console, mail to ADMINS, runserver's) are gone: its loggers
    # write through the root's.
    for name in ["django", "django.server", "django.request"]:
        assert logging.getLogger(name).handlers == [] and logging.getLogger(name).propagate
    assert [h.get_name() for h in logging.getLogger().handlers if h.get_name()] == ["console"]


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        ("/logga-in/lank/?sesame=AAAA.bbb:ccc&x=1", "/logga-in/lank/?sesame=[redacted]&x=1"),
        ("/enkat/?nyckel=abc-_d", "/enkat/?nyckel=[redacted]"),
        (
            "?next=%2Fenkat%2F%3Fnyckel%3Dabc%26x%3D1",
            "?next=%2Fenkat%2F%3Fnyckel%3D[redacted]%26x%3D1",
        ),
        ("/oidc/callback/?code=abc&state=def", "/oidc/callback/?code=[redacted]&state=[redacted]"),
        ("sesame=abc from a form", "sesame=[redacted] from a form"),
        (
            "postgres://arshjul:hemligt@db:5432/arshjul",
            "postgres://arshjul:[redacted]@db:5432/arshjul",
        ),
        ("EMAIL_HOST_PASSWORD=hemligt", "EMAIL_HOST_PASSWORD=[redacted]"),
        ('{"client_secret": "xyz"}', '{"client_secret": "[redacted]"}'),
        ("Authorization: Bearer abcdefghijk", "Authorization: Bearer [redacted]"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"),
        ("Basic authentication failed", "Basic authentication failed"),
        ("550 <bo.berg@kil.example.org>: no such user", "550 <[email]>: no such user"),
        ("?email=anna%40kil.example.org&page=2", "?email=[email]&page=2"),
        ("Outbox 5 (signin_link): sent", "Outbox 5 (signin_link): sent"),
        ("GET /arshjul/2027/moten/?page=2 200", "GET /arshjul/2027/moten/?page=2 200"),
    ],
)
def test_what_a_log_line_never_says(line, logged):
    assert redact(line) == logged


def test_log_format_json_makes_the_settings_write_json_lines():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('arshjul').warning('Hej %s', 'anna@kil.example.org')"
    )
    result = run_python(code, DEBUG="true", LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(line) for line in result.stderr.splitlines()]
    assert line["level"] == "WARNING" and line["logger"] == "arshjul"
    assert line["message"] == "Hej [email]" and line["request_id"] is None

    refused = run_python("import django; django.setup()", DEBUG="true", LOG_FORMAT="xml")
    assert refused.returncode != 0 and "LOG_FORMAT must be text or json" in refused.stderr


# --- In a real worker --------------------------------------------------------------------------


@pytest.fixture
def json_worker(smtp_server, tmp_path):
    """A Celery worker on Redis writing JSON lines to a file, sending to the SMTP server."""
    log = tmp_path / "worker.log"
    with (
        redis_broker(BROKER),
        celery_worker(
            log, BROKER, EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}", LOG_FORMAT="json"
        ),
    ):
        yield log


@pytest.mark.django_db(transaction=True)
def test_the_worker_logs_the_task_a_request_queued_with_the_requests_id(
    json_worker, smtp_server, kil
):
    # On the real clock: the worker runs on it (a coordinator of next year's cycle).
    cycle = factories.cycle_with_meetings(timezone.localdate().year + 1)
    coordinator = factories.coordinator(cycle, kil, email="anna@kil.example.org")
    # The look-up is queued; the worker queues the e-mail, which another task sends.
    response = Client().post("/logga-in/", {"email": coordinator.email})
    assert response.status_code == 302

    sent = wait_for(lambda: OutgoingMail.objects.filter(state="sent").exists())
    assert sent, f"no e-mail was sent; worker log:\n{json_worker.read_text()[-3000:]}"
    mail = OutgoingMail.objects.get()
    # Celery's banner is printed, not logged; every log line is JSON.
    written = json_worker.read_text()
    lines = [json.loads(text) for text in written.splitlines() if text.startswith("{")]
    [line] = [line for line in lines if line["message"] == f"Outbox {mail.pk} (signin_link): sent"]
    assert line["request_id"] == request_id(response)
    assert coordinator.email not in written and link_in(mail).split("sesame=")[1] not in written


# --- Behind gunicorn ---------------------------------------------------------------------------


def test_gunicorns_access_line_and_the_sites_lines_name_the_same_request(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DEBUG": "true",
        "LOG_FORMAT": "json",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    args = ["arshjul.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    given = uuid.uuid4().hex
    try:
        url = f"http://127.0.0.1:{port}/logga-in/lank/?sesame=HEMLIGTOKEN123"
        request = urllib.request.Request(url, headers={"X-Request-ID": given})  # noqa: S310
        answered = None
        for _ in range(100):
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own test server
            except urllib.error.HTTPError as error:
                answered = error  # 410 for a token that does not work: answered, and logged
                break
            except OSError:
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert answered is not None and answered.headers["X-Request-ID"] == given, text[-2000:]
    assert re.search(rf'"GET /logga-in/lank/ HTTP/1\.1" 410 \d+ \S+ {given}$', text, re.M), text
    site = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    [gone] = [line for line in site if line["logger"] == "django.request"]
    assert gone["request_id"] == given and gone["message"] == "Gone: /logga-in/lank/"
    assert "HEMLIGTOKEN123" not in text
