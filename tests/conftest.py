"""The fixtures every folder of tests shares: the clock, staff of each role, the cast, the
upcoming cycle with Kils kommun's coordinator and Eda kommun's, the demo, Chromium, a real
SMTP server, a broker that is down. Used by pytest's injection, never imported; the plain
helpers are in tests/helpers.py."""

import datetime
import os
import shutil

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from tests import factories
from tests.helpers import STOCKHOLM, celery_broker, require, sign_in, staff_member
from tests.smtp import SmtpServer


@pytest.fixture
def frozen_now():
    """Freeze the clock at a moment given in Swedish time: ``frozen_now(2026, 11, 27, 12)``."""
    travellers = []

    def freeze(*args):
        traveller = time_machine.travel(datetime.datetime(*args, tzinfo=STOCKHOLM), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "staff", "staff@example.org", "a-long-test-password", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def reader(db):
    """Staff with the role Läsare: reads, changes nothing, never sees needs."""
    return staff_member("lasare", "Läsare")


@pytest.fixture
def editor(db):
    """Staff with the role Redaktör: edits everything."""
    return staff_member("redaktor", "Redaktör")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def cycle(db, frozen_now):
    """The upcoming cycle on 27 November 2026, at noon: sign-up and the survey close on
    19 December, 23:59:59; the meetings are in 2027."""
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def kil(db):
    """Kils kommun: the organisation whose data the tests touch."""
    return factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )


@pytest.fixture
def eda(db):
    """Eda kommun: another organisation, which must see none of Kil's data."""
    return factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )


@pytest.fixture
def owner(cycle, kil):
    """The coordinator of Kils kommun in the cycle."""
    return factories.coordinator(cycle, kil, name="Anna Samordnare", email="anna@kil.example.org")


@pytest.fixture
def outsider(cycle, eda):
    """The coordinator of Eda kommun, who must see none of Kil's data."""
    return factories.coordinator(cycle, eda, name="Erik Utomstående", email="erik@eda.example.org")


@pytest.fixture
def colleague(owner):
    """A co-coordinator of Kils kommun, added by the lead."""
    return factories.coordinator(
        owner.cycle,
        owner.organisation,
        name="Bo Kollega",
        email="bo@kil.example.org",
        is_lead=False,
    )


@pytest.fixture
def owner_client(client, owner):
    """Kil's coordinator, signed in as the link does."""
    return sign_in(client, owner)


@pytest.fixture
def cast(owner, outsider, reader, editor) -> dict:
    """A client for each of the whole cast: someone not signed in, the organisation's
    coordinator, another organisation's coordinator, a Läsare and a Redaktör."""
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


@pytest.fixture
def demo_data(db, settings, frozen_now, tmp_path):
    """The demo as `make run` loads it, on 27 November 2026 at noon."""
    from io import StringIO

    from django.core.management import call_command

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEBUG = True  # seed_demo refuses otherwise
    frozen_now(2026, 11, 27, 12)
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.fixture
def cycle_2027(db):
    """A published cycle on the demo pattern: deadline 19 Dec 2026, meetings in 2027."""
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def chromium_path():
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    require(bool(path), "Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 that the site sends through for this test."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield server


@pytest.fixture
def private_files(settings, tmp_path):
    """Keep files the test makes (PDF jobs) in a temporary folder."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """The tests' file caches in a folder of their own: the default one, var/cache, is the
    one `make run` serves from. (A process the test starts is given this folder.)"""
    from django.conf import settings
    from django.test import override_settings

    if not all(c["BACKEND"].endswith("FileCache") for c in settings.CACHES.values()):
        yield None
        return
    folder = tmp_path_factory.mktemp("cache")
    moved = {alias: {**c, "LOCATION": str(folder / alias)} for alias, c in settings.CACHES.items()}
    with override_settings(CACHES=moved):
        yield folder


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (rate limits, sessions, pages)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """A fast hasher in tests: PBKDF2's deliberate slowness only costs time here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def broker_down():
    """A broker that cannot be reached: nothing listens on port 1."""
    with celery_broker("redis://127.0.0.1:1/0"):
        yield
