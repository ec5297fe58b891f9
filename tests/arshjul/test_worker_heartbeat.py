"""A real Celery worker on Redis records its heartbeat (alive, its queues) where the web side
reads it, and is no longer listed once it stops. Runs wherever Redis answers on
127.0.0.1:6379 (CI always)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from arshjul.lib import operations
from arshjul.models import WorkerHeartbeat
from tests.helpers import require

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/8"

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
    yield client
    client.flushdb()


def start_worker(tmp_path, *queues):
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "arshjul.settings",
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_BROKER_URL": BROKER,
        "WORKER_HEARTBEAT_SECONDS": "1",
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "arshjul", "worker"),
            *("-Q", ",".join(queues), "--hostname", "heartbeat-test@%h"),
            *("--concurrency", "1", "--without-gossip", "--without-mingle"),
            *("--loglevel", "INFO"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return process, log


def wait_for(condition, *, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_running_worker_is_seen_with_its_queues_and_forgotten_when_it_stops(broker, tmp_path):
    process, log = start_worker(tmp_path, "default", "pdf")
    try:
        seen = wait_for(lambda: WorkerHeartbeat.objects.exists())
        assert seen, f"no heartbeat; worker log:\n{log.read_text()[-3000:]}"
        [worker] = WorkerHeartbeat.objects.all()
        assert worker.hostname.startswith("heartbeat-test@")
        assert worker.queue_names == ["default", "pdf"]
        first_seen = worker.seen_at
        # It beats again (every second here), while the web side sees it alive.
        assert wait_for(lambda: WorkerHeartbeat.objects.get().seen_at > first_seen)
        assert [w.hostname for w in operations.workers_seen()] == [worker.hostname]
    finally:
        process.send_signal(signal.SIGTERM)  # a warm shutdown
        process.wait(timeout=30)
    assert not WorkerHeartbeat.objects.exists(), log.read_text()[-3000:]
