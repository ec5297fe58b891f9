import contextlib
import datetime
import os
import shutil
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from tests import factories
from tests.smtp import SmtpServer

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def require(available: bool, reason: str) -> None:
    """Skip a test whose real component is missing on a developer's machine, but fail it in CI:
    CI installs every component, so a skip there would hide a test that never ran."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


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


def staff_member(username: str, role: str):
    """A staff user whose only permissions are those of the role's group (arshjul.roles)."""
    from django.contrib.auth.models import Group

    from arshjul.roles import sync_roles

    sync_roles()  # the groups, also after a transactional test's flush
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


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


def forget_broker_connections():
    """Close and forget pooled connections (kombu keeps them in global registries), so that
    publishing uses the broker configured right now."""
    import kombu.pools

    from arshjul.celery import app

    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def celery_broker(url: str):
    """Publish tasks to the broker at ``url`` (not eagerly) inside the block."""
    from arshjul.celery import app
    from arshjul.lib import background

    old = (app.conf.broker_url, app.conf.task_always_eager)
    forget_broker_connections()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = old
        forget_broker_connections()
        background.broker_recovered()


@pytest.fixture
def broker_down():
    """A broker that cannot be reached: nothing listens on port 1."""
    with celery_broker("redis://127.0.0.1:1/0"):
        yield


def run_at_once(count: int, work) -> list:
    """Run ``work(n)`` for n in range(count) in as many threads, released together; return
    the results and fail if any raised. Each thread closes its database connection."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(n):
        try:
            barrier.wait()
            results.append(work(n))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results
