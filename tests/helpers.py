"""Plain helpers every folder of tests uses (fixtures are in the conftest.py files, used by
pytest's injection and never imported): skipping what a laptop lacks, staff of a role, a
coordinator signed in, the outbox, running at once or in a fresh process.

An app's own helpers are in its folder's ``helpers.py``; ``factories.py`` makes rows,
``html.py`` reads pages, ``confirming.py`` posts a confirmation back."""

import base64
import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the project
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DASHBOARD = "/admin/arshjul/cycle/{}/oversikt/"  # staff's overview of a cycle, by its id
NORDVIK = ROOT / "examples" / "region-nordvik"  # the example of a second region's files
# The second region's pages, once its files are loaded.
NORDVIK_PAGES = [
    "/",
    "/arshjul/",
    "/arshjul/2027/",
    "/arshjul/2027/moten/",
    "/arshjul/2027/moten/arbetsmote-om-strategin/",
    "/arshjul/2027/moten/nordvikskonferensen/anmal/",
    "/indikatorer/",
    "/indikatorer/NV-1/",
    "/indikatorer/NV-2/",
    "/personuppgifter/",
    "/logga-in/",
    "/var-med/",
]

# --- What a machine has ------------------------------------------------------------------------


def require(available: bool, reason: str) -> None:
    """Skip a test whose real component is missing on a developer's machine, but fail it in CI:
    CI installs every component, so a skip there would hide a test that never ran."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


def pango_available() -> bool:
    """Whether WeasyPrint can make PDFs here (it needs Pango)."""
    from arshjul.lib.pdf import PdfUnavailable, _weasyprint

    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


# Every variable the settings are configured by: left out of a fresh process's environment.
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "SECURE_SSL_REDIRECT",
    "SITE_URL_FILE",
    "ALLOW_CONSOLE_EMAIL",
    "CACHE_URL",
]


def run_python(code_or_args, **variables) -> subprocess.CompletedProcess:
    """Python in a fresh process with the project's settings configured by ``variables``
    only (code, or the arguments of ``python``)."""
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(ENV_FILE="", DJANGO_SETTINGS_MODULE="arshjul.settings", **variables)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


# --- Who is signed in --------------------------------------------------------------------------

# The whole cast, as the ``cast`` fixture's clients are named: someone not signed in, the
# organisation's coordinator, another organisation's coordinator, a Läsare, a Redaktör.
CAST = ["anonymous", "owner", "outsider", "reader", "editor"]


def refused_by_the_admin(response, role: str) -> bool:
    """The admin's answer to one of the cast who may not do what they asked: staff's sign-in
    for those not on the staff, a refusal (403) for staff without the permission."""
    if role in {"anonymous", "owner", "outsider"}:
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return response.status_code == 403


def staff_member(username: str, role: str):
    """A staff user whose only permissions are those of the role's group (arshjul.roles)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from arshjul.roles import sync_roles

    sync_roles()  # the groups, also after a transactional test's flush
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def sign_in(client, coordinator):
    """Sign the coordinator in as the link would, acting for their organisation."""
    from registrations import signin
    from registrations.views import SESSION_KEY

    user = signin.coordinator_user(coordinator.email)
    client.force_login(user, backend="sesame.backends.ModelBackend")
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    return client


def ask_for_link(client, email, **extra):
    """Ask for a sign-in link as a visitor does, and let the work queued for after the
    request's transaction (the worker's look-up and the e-mail) run, as it would."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/logga-in/", {"email": email}, **extra)


# --- What was sent -----------------------------------------------------------------------------


def outbox(kind=None, to=None) -> list:
    """The outbox's mails in the order they were written, of a kind, to an address."""
    from arshjul.models import OutgoingMail

    mails = OutgoingMail.objects.order_by("pk")
    if kind:
        mails = mails.filter(kind=kind)
    if to:
        mails = mails.filter(to=to)
    return list(mails)


def link_in(mail) -> str:
    """The sign-in link a mail carries."""
    return re.search(r"https?://\S+/logga-in/lank/\?sesame=\S+", mail.body_text).group(0)


def attachment(mail, filename) -> bytes:
    for item in mail.attachments:
        if item["filename"] == filename:
            return base64.b64decode(item["content"])
    raise AssertionError(f"no attachment {filename}: {[a['filename'] for a in mail.attachments]}")


# --- What is posted ----------------------------------------------------------------------------


def rows(*people, group=None, prefix="p") -> dict:
    """POST data for the multi-row form of participants: (name, email) pairs."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(people)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }
    for i, (name, email) in enumerate(people):
        data[f"{prefix}-{i}-name"] = name
        data[f"{prefix}-{i}-email"] = email
        data[f"{prefix}-{i}-role"] = "Utvecklingsstrateg"
        if group:
            data[f"{prefix}-{i}-workshop_group"] = str(group.pk)
    return data


def long_address(length: int) -> str:
    """A valid address of exactly ``length`` characters (labels of at most 63)."""
    local = "a" * 64
    labels, rest = [], length - len(local) - 1 - len(".se")
    while rest > 0:
        label = min(63, rest - (1 if rest > 63 else 0))
        labels.append("b" * label)
        rest -= label + 1
    address = f"{local}@{'.'.join(labels)}.se"
    assert len(address) == length, len(address)
    return address


def meeting_form(cycle, **changes) -> dict:
    """POST data of the admin's form for a new meeting of the cycle, with ``changes``."""
    data = {
        "cycle": cycle.pk,
        "kind": "work_meeting",
        "title": "Arbetsmöte",
        "slug": "nytt-mote",
        "date": "2027-01-13",
        "starts_at": "09:00",
        "ends_at": "16:00",
        "participation": "coordinators",
        "registration_closes_at_0": "2026-12-19",
        "registration_closes_at_1": "23:59:59",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


# --- At once -----------------------------------------------------------------------------------


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


# --- A real Celery worker on Redis ---------------------------------------------------------


def wait_for(condition, *, timeout=60.0) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def database_url_for_subprocess() -> str:
    """DATABASE_URL naming the test database, for a process the test starts (a worker)."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def redis_broker(url: str):
    """An emptied Redis database as the broker tasks are published to inside the block (the
    test is skipped on a laptop without Redis, and fails in CI); emptied again after."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.flushdb()
    except redis.RedisError:
        client = None
    require(client is not None, "no Redis server on 127.0.0.1:6379")
    with celery_broker(url):
        yield client
    client.flushdb()


@contextlib.contextmanager
def celery_worker(log_path: Path, broker: str, *options: str, **variables: str):
    """A real Celery worker process on ``broker`` with the test database, its output in
    ``log_path``; ``options`` go to ``celery worker`` (default: the default queue, one
    process), ``variables`` to its environment. Stopped (SIGTERM: a warm shutdown) after."""
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "arshjul.settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "CELERY_BROKER_URL": broker,
        **variables,
    }
    options = options or ("-Q", "default", "--pool", "solo", "--without-heartbeat")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "arshjul", "worker"),
            *("--without-gossip", "--without-mingle", "--loglevel", "INFO", *options),
        ],
        cwd=ROOT,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)
