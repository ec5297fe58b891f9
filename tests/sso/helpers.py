"""Identity providers for the sign-on tests, each a real HTTP server on 127.0.0.1:

- ``OidcProvider``: django-oauth-toolkit's OpenID Connect provider (tests/oidc_provider) in a
  process of its own, with people who sign in on its own login page, and their groups in a
  file the test changes between sign-ins;
- ``ScriptedProvider``: a provider in a thread that answers the token request with whatever
  ID token the test made (tampered, expired, for someone else), signed with its own key.
"""

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.helpers import ROOT

CLIENT_ID = "arshjul-test"
CLIENT_SECRET = "the-client-secret-of-arshjul"
EDITORS = "arshjul-redaktorer"
READERS = "arshjul-lasare"
# The provider's people: user name, password, e-mail, given name, family name.
PEOPLE = [
    ["eva", "evas-password-1", "eva.redaktor@region.example.se", "Eva", "Redaktör"],
    ["lars", "lars-password-1", "lars.lasare@region.example.se", "Lars", "Läsare"],
    ["okand", "okands-password-1", "okand@region.example.se", "Olle", "Okänd"],
]
PASSWORDS = {person[0]: person[1] for person in PEOPLE}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


class OidcProvider:
    """django-oauth-toolkit's provider, run with ``runserver --noreload`` on a free port, its
    SQLite database and RSA key in a folder of its own."""

    def __init__(self, redirect_uris: list[str], post_logout_redirect_uris: list[str]):
        self.dir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
        (self.dir / "key.pem").write_bytes(pem(rsa_key()))
        self.set_groups({})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/o"
        self.env = {
            **os.environ,
            "OIDC_PROVIDER_DIR": str(self.dir),
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        }
        self._manage("migrate", "-v0")
        self.register(redirect_uris, post_logout_redirect_uris)
        self.log = open(self.dir / "server.log", "w")  # noqa: SIM115 (open while it runs)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_it_answers()

    def register(self, redirect_uris: list[str], post_logout_redirect_uris: list[str]):
        """Årshjul as the provider's client, with the addresses it may send people back to."""
        self._manage(
            "provider_setup",
            f"--client-id={CLIENT_ID}",
            f"--client-secret={CLIENT_SECRET}",
            f"--redirect-uris={' '.join(redirect_uris)}",
            f"--post-logout-redirect-uris={' '.join(post_logout_redirect_uris)}",
            f"--people={json.dumps(PEOPLE)}",
        )

    def _manage(self, *args):
        subprocess.run(
            [sys.executable, "-m", "django", *args], cwd=ROOT, env=self.env, check=True, timeout=120
        )

    def _wait_until_it_answers(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.dir / "server.log").read_text())
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise RuntimeError("The OpenID Connect provider did not start.")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def set_groups(self, groups: dict[str, list[str]]):
        """Each user name's groups, as the provider will say at their next sign-in."""
        (self.dir / "groups.json").write_text(json.dumps(groups))

    def sign_in(self, authorize_url: str, username: str, browser=None) -> str:
        """Sign in at the provider as a browser would (its login form, then the authorisation
        that needs no consent), and return the address it sends the browser back to."""
        browser = browser or requests.Session()
        response = browser.get(authorize_url, allow_redirects=False)
        if response.status_code == 302 and "/login/" in response.headers["Location"]:
            login_url = urljoin(authorize_url, response.headers["Location"])
            page = browser.get(login_url).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            next_url = parse_qs(urlsplit(login_url).query)["next"][0]
            response = browser.post(
                login_url,
                data={
                    "csrfmiddlewaretoken": token,
                    "username": username,
                    "password": PASSWORDS[username],
                    "next": next_url,
                },
                headers={"Referer": login_url},
                allow_redirects=False,
            )
            assert response.status_code == 302, response.text
            response = browser.get(
                urljoin(login_url, response.headers["Location"]), allow_redirects=False
            )
        assert response.status_code == 302, response.text
        return response.headers["Location"]


class ScriptedProvider:
    """A provider in a thread: discovery, its keys (JWKS), and a token endpoint answering
    with ``next_id_token``; the test makes that token with ``id_token()``."""

    def __init__(self):
        self.key = rsa_key()
        self.kid = "scripted-key-1"
        self.next_id_token = ""
        self.discovery_requests = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data):
                body = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                if self.path == "/.well-known/openid-configuration":
                    provider.discovery_requests += 1
                    self._json(provider.discovery())
                elif self.path == "/jwks":
                    self._json({"keys": [provider.jwk()]})
                else:
                    self.send_error(404)

            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/token":
                    self._json(
                        {
                            "access_token": "at",
                            "token_type": "Bearer",
                            "id_token": provider.next_id_token,
                        }
                    )
                else:
                    self.send_error(404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
        }

    def jwk(self) -> dict:
        numbers = self.key.public_key().public_numbers()

        def b64(n: int) -> str:
            raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
            return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

        return {
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "n": b64(numbers.n),
            "e": b64(numbers.e),
        }

    def id_token(self, *, nonce: str, key=None, expires_in: int = 300, **claims) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "person-1",
            "iat": now,
            "exp": now + expires_in,
            "nonce": nonce,
            "email": "person@region.example.se",
            "groups": [EDITORS],
            **claims,
        }
        return jwt.encode(
            payload, pem(key or self.key), algorithm="RS256", headers={"kid": self.kid}
        )

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def start_sign_in(client, next_url: str = "/admin/") -> str:
    """Press "Logga in med regionens konto": the address at the provider it sends us to."""
    response = client.get(f"/oidc/authenticate/?next={next_url}")
    assert response.status_code == 302, response.status_code
    return response["Location"]


def sign_in_through(provider: OidcProvider, client, username: str, browser=None):
    """The whole sign-in: our button, the provider's login form, back to our callback. The
    callback's response."""
    back = provider.sign_in(start_sign_in(client), username, browser=browser)
    assert back.startswith("http://testserver/oidc/callback/"), back
    return client.get(back.removeprefix("http://testserver"))


def state_and_nonce(authorize_url: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(authorize_url).query)
    return query["state"][0], query["nonce"][0]
