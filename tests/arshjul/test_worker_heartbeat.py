"""A real Celery worker on Redis records its heartbeat (alive, its queues) where the web side
reads it, and is no longer listed once it stops. Runs wherever Redis answers on
127.0.0.1:6379 (CI always)."""

import signal
from pathlib import Path

import pytest

from arshjul.lib import operations
from arshjul.models import WorkerHeartbeat
from tests.helpers import celery_worker, redis_broker, wait_for

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/8"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    with redis_broker(BROKER) as client:
        yield client


def test_a_running_worker_is_seen_with_its_queues_and_forgotten_when_it_stops(broker, tmp_path):
    log = tmp_path / "worker.log"
    options = ("-Q", "default,pdf", "--hostname", "heartbeat-test@%h", "--concurrency", "1")
    with celery_worker(log, BROKER, *options, WORKER_HEARTBEAT_SECONDS="1") as process:
        seen = wait_for(lambda: WorkerHeartbeat.objects.exists())
        assert seen, f"no heartbeat; worker log:\n{log.read_text()[-3000:]}"
        [worker] = WorkerHeartbeat.objects.all()
        assert worker.hostname.startswith("heartbeat-test@")
        assert worker.queue_names == ["default", "pdf"]
        first_seen = worker.seen_at
        # It beats again (every second here), while the web side sees it alive.
        assert wait_for(lambda: WorkerHeartbeat.objects.get().seen_at > first_seen)
        assert [w.hostname for w in operations.workers_seen()] == [worker.hostname]
        process.send_signal(signal.SIGTERM)  # a warm shutdown
        process.wait(timeout=30)
    assert not WorkerHeartbeat.objects.exists(), log.read_text()[-3000:]
