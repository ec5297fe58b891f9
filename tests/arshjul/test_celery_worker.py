"""End to end on real parts: Redis as the broker, a real Celery worker process, a real SMTP
server. Runs wherever Redis answers on 127.0.0.1:6379 (CI always)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from arshjul.celery import app
from arshjul.lib import emails
from arshjul.lib.tasks import outbox_send_task
from arshjul.models import OutgoingMail
from tests.helpers import forget_broker_connections, require

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/14"

pytestmark = pytest.mark.django_db(transaction=True)


def database_url_for_worker() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def broker():
    try:
        client = redis.Redis.from_url(BROKER, socket_connect_timeout=1)
        client.flushdb()
    except redis.RedisError:
        client = None
    require(client is not None, "no Redis server on 127.0.0.1:6379")
    old = (app.conf.broker_url, app.conf.task_always_eager)
    forget_broker_connections()
    app.conf.broker_url, app.conf.task_always_eager = BROKER, False
    yield client
    app.conf.broker_url, app.conf.task_always_eager = old
    forget_broker_connections()
    client.flushdb()


@pytest.fixture
def worker(broker, smtp_server, tmp_path):
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "arshjul.settings",
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_BROKER_URL": BROKER,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "arshjul",
            "worker",
            "-Q",
            "default",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    yield process, log
    process.terminate()
    process.wait(timeout=30)


def wait_for(condition, *, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_queued_email_reaches_the_smtp_server_exactly_once(worker, smtp_server, broker):
    process, log = worker

    mail = emails.send_test_email(to="mottagare@example.org")  # queued on commit, to Redis

    delivered = wait_for(lambda: len(smtp_server.mailbox.messages) >= 1)
    assert delivered, f"no e-mail arrived; worker log:\n{log.read_text()[-3000:]}"
    # The same task delivered twice more (a redelivery, a second sweep) sends nothing more.
    outbox_send_task.delay(mail.pk)
    outbox_send_task.delay(mail.pk)
    # Both handled: nothing left in the queue, nothing delivered and not yet acknowledged.
    drained = wait_for(lambda: broker.llen("default") == 0 and broker.hlen("unacked") == 0)
    assert drained, {k: broker.type(k) for k in broker.scan_iter()}
    time.sleep(1)  # past the moment between taking a message and marking it unacknowledged
    assert broker.llen("default") == 0 and broker.hlen("unacked") == 0
    assert len(smtp_server.mailbox.messages) == 1
    assert smtp_server.mailbox.messages[0]["To"] == "mottagare@example.org"
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.SENT
    assert process.poll() is None, "the worker stopped"
