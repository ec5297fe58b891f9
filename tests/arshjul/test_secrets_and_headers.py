"""No secret in the logs, and the headers that keep pages safe: printed e-mail (with sign-in
links) refuses production unless explicitly allowed; gunicorn's access log carries no token;
a strict Content-Security-Policy everywhere; pages with personal data never stored by a
cache; the public forms rate-limited, with a honeypot."""

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.test import Client

from registrations.models import JoinRequest
from tests.helpers import ROOT, run_python, sign_in

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "q7-Hk2m9_zP4xN8vR1cL6tY3wB5jD0fG2sE7uA9oI4kM1nV6-w8Xe3Rt5Yu7Io9Pa",
    "ALLOWED_HOSTS": "127.0.0.1",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def test_printed_e_mail_refuses_to_start_in_production_unless_allowed():
    refused = run_python("import django; django.setup()", **PRODUCTION)
    assert refused.returncode != 0
    assert "EMAIL_URL" in refused.stderr and "ALLOW_CONSOLE_EMAIL" in refused.stderr
    allowed = run_python("import django; django.setup()", ALLOW_CONSOLE_EMAIL="true", **PRODUCTION)
    assert allowed.returncode == 0, allowed.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_access_log_carries_no_sign_in_token(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env_vars = {"ENV_FILE": "", "DEBUG": "true", "SITE_URL": f"http://127.0.0.1:{port}"}
    import os

    env = {**os.environ, **env_vars}
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "arshjul.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/logga-in/lank/?sesame=HEMLIGTOKEN123"
        for _ in range(100):
            try:
                request = urllib.request.Request(url, headers={"Referer": url})
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own test server
            except urllib.error.HTTPError:
                break  # 410 for a token that does not work: answered, and logged
            except OSError:
                time.sleep(0.1)
                continue
            break
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert re.search(r'"GET /logga-in/lank/ HTTP/1\.1" 410', text), text[-2000:]
    assert "HEMLIGTOKEN123" not in text


PUBLIC_PAGES = [
    "/",
    "/arshjul/",
    "/personuppgifter/",
    "/tillganglighet/",
    "/logga-in/",
    "/var-med/",
]


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy_and_no_inline_code(client, cycle_2027):
    for url in PUBLIC_PAGES + ["/arshjul/2027/", "/arshjul/2027/moten/arbetsmote/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        html = response.content.decode()
        assert " style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html, url


@pytest.mark.django_db
def test_pages_with_personal_data_are_never_stored(client, staff, frozen_now):
    from tests import factories

    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    coordinator = factories.coordinator(cycle, org, email="anna@kil.example.org")
    for url in ["/logga-in/", "/logga-in/skickat/", "/logga-in/lank/?sesame=x", "/var-med/"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    sign_in(client, coordinator)
    meeting = cycle.meetings.get(slug="arbetsmote")
    for url in ["/min-organisation/", f"/min-organisation/moten/{meeting.pk}/anmal/"]:
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url
    admin = Client()
    admin.force_login(staff)
    assert "no-store" in admin.get("/admin/registrations/participant/")["Cache-Control"]


JOIN = {
    "organisation_name": "Värmlands Museum",
    "category": "other",
    "coordinator_name": "Mia",
    "coordinator_email": "mia@museum.example.org",
    "message": "",
}


@pytest.mark.django_db
def test_the_join_form_is_rate_limited(client, cycle_2027, settings):
    settings.JOIN_MAX_PER_IP = 5
    for n in range(5):
        response = client.post("/var-med/", {**JOIN, "organisation_name": f"Förening {n}"})
        assert response.status_code == 302
    response = client.post("/var-med/", {**JOIN, "organisation_name": "Förening 6"})
    assert response.status_code == 429
    assert "Vänta en timme" in response.content.decode()
    assert JoinRequest.objects.count() == 5


@pytest.mark.django_db
def test_a_robot_filling_in_the_honeypot_is_thanked_and_nothing_is_stored(client, cycle_2027):
    response = client.post("/var-med/", {**JOIN, "website": "http://spam.example"})
    assert response.status_code == 302 and response.url == "/var-med/tack/"
    assert not JoinRequest.objects.exists()
    html = client.get("/var-med/").content.decode()
    assert "Lämna det här fältet tomt" in html  # a person using a screen reader is told
