"""The compose stack's reverse proxy, deploy/Caddyfile, run for real in front of the site:
https on localhost from Caddy's own authority, http sent to https, the public pages
compressed as the site keeps them and a page with a secret in it never compressed, and a
client's own X-Forwarded-For unable to dodge a per-address limit."""

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from tests import factories
from tests.helpers import ROOT, require


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def caddy(live_server, tmp_path):
    """Caddy with the stack's Caddyfile, for the host localhost, in front of the live server."""
    binary = shutil.which("caddy")
    require(bool(binary), "Caddy is not installed (apt-get install caddy)")
    https_port, http_port, admin_port = _free_port(), _free_port(), _free_port()
    # The site address names its port; http_port is where Caddy redirects http from.
    config = (ROOT / "deploy" / "Caddyfile").read_text()
    config = config.replace("{", f"{{\n\thttp_port {http_port}\n\thttps_port {https_port}", 1)
    caddyfile = tmp_path / "Caddyfile"
    caddyfile.write_text(config)
    environment = {
        **os.environ,
        "SITE_HOST": "localhost",
        "UPSTREAM": live_server.url.removeprefix("http://"),
        "CADDY_ADMIN": f"localhost:{admin_port}",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    process = subprocess.Popen(
        [binary, "run", "--config", str(caddyfile), "--adapter", "caddyfile"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    root = tmp_path / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    try:
        context = _wait_until_serving(process, root, https_port)
        yield {
            "https": f"https://localhost:{https_port}",
            "http": f"http://localhost:{http_port}",
            "context": context,
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_serving(process, root: Path, port: int) -> ssl.SSLContext:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode())
        if root.exists():
            context = ssl.create_default_context(cafile=str(root))
            try:
                urllib.request.urlopen(f"https://localhost:{port}/healthz", context=context)  # noqa: S310
                return context
            except (urllib.error.URLError, ConnectionError, ssl.SSLError):
                pass
        time.sleep(0.2)
    raise AssertionError("Caddy did not start serving in 30 s")


def _get(url, context, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - https to our proxy
    try:
        return urllib.request.urlopen(request, context=context)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error


def test_the_proxy_serves_the_site_over_https_from_its_own_authority_compressed(
    caddy, transactional_db
):
    for encoding, decompress in [("gzip", gzip.decompress), ("br", brotli.decompress)]:
        for _ in ("made", "from the cache"):
            response = _get(
                caddy["https"] + "/personuppgifter/",
                caddy["context"],
                **{"Accept-Encoding": f"{encoding}, zstd"},
            )
            assert response.status == 200
            assert response.headers["Content-Encoding"] == encoding
            assert "Accept-Encoding" in response.headers["Vary"]
            page = decompress(response.read()).decode()
            assert "<html" in page and "Personuppgifter" in page


def test_the_proxy_compresses_no_page_with_a_csrf_token(caddy, transactional_db, frozen_now):
    """The conference's open registration form carries a CSRF token: BREACH reads such a
    secret from the lengths of compressed answers, so it goes out as it is."""
    from meetings.models import Meeting
    from meetings.services import meeting_save

    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    conference = Meeting.objects.get(cycle=cycle, slug="konferens")
    conference.participation = "open"
    conference.registration_closes_at = factories.end_of_day(2027, 9, 15)
    meeting_save(meeting=conference)
    for _ in range(2):
        response = _get(
            caddy["https"] + "/arshjul/2027/moten/konferens/anmal/",
            caddy["context"],
            **{"Accept-Encoding": "zstd, br, gzip"},
        )
        assert response.status == 200
        assert response.headers["Content-Encoding"] is None
        assert b"csrfmiddlewaretoken" in response.read()


def test_the_proxy_sends_plain_http_to_https(caddy, transactional_db):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(caddy["http"] + "/arshjul/")
        raise AssertionError("plain http was answered")
    except urllib.error.HTTPError as error:
        assert error.code in {301, 302, 308}
        assert error.headers["Location"].startswith("https://localhost")


def test_a_client_cannot_dodge_a_limit_by_writing_its_own_forwarded_for(
    caddy, transactional_db, settings
):
    """Behind the one proxy (TRUSTED_PROXY_COUNT=1) the site counts the address Caddy saw, so
    a made-up X-Forwarded-For per request still counts as the same visitor."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.OPEN_DATA_RATE_LIMIT = 3
    statuses = [
        _get(
            caddy["https"] + "/api/v1/areas/",
            caddy["context"],
            **{"X-Forwarded-For": f"203.0.113.{n}"},
        ).status
        for n in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
