"""End to end on real parts: Redis as the broker, a real Celery worker process, a real SMTP
server. Runs wherever Redis answers on 127.0.0.1:6379 (CI always)."""

import time
from pathlib import Path

import pytest

from arshjul.lib import emails
from arshjul.lib.tasks import outbox_send_task
from arshjul.models import OutgoingMail
from tests.helpers import celery_worker, redis_broker, wait_for

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/14"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    with redis_broker(BROKER) as client:
        yield client


@pytest.fixture
def worker(broker, smtp_server, tmp_path):
    log = tmp_path / "worker.log"
    with celery_worker(log, BROKER, EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}") as process:
        yield process, log


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
