"""At most once, with real threads on real database connections."""

import threading

import pytest
from django.db import connections

from arshjul.lib import outbox
from arshjul.lib.outbox import RenderedMail
from arshjul.models import OutgoingMail

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8


def race(function, *args):
    """Run function(*args) in WORKERS threads released at the same moment."""
    barrier = threading.Barrier(WORKERS)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(function(*args))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_racing_workers_send_one_row_exactly_once(smtp_server):
    mail = outbox.outbox_queue(
        kind="hello",
        to="anna@example.org",
        mail=RenderedMail(subject="Hej", body_text="Hej\n"),
        dedup_key="race:1",
    )
    # The on-commit task ran already (no transaction here); make the row sendable again to race.
    OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.QUEUED, attempts=0)
    smtp_server.mailbox.messages.clear()

    results, errors = race(lambda: outbox.outbox_send(mail_id=mail.pk))

    assert errors == []
    assert len(smtp_server.mailbox.messages) == 1
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (OutgoingMail.State.SENT, 1)
    assert results.count(OutgoingMail.State.SENT) >= 1


def test_racing_requests_for_the_same_email_store_one_row(smtp_server):
    def ask():
        return outbox.outbox_queue(
            kind="hello",
            to="anna@example.org",
            mail=RenderedMail(subject="Hej", body_text="Hej\n"),
            dedup_key="race:2",
        ).pk

    results, errors = race(ask)

    assert errors == []
    assert len(set(results)) == 1
    assert OutgoingMail.objects.filter(dedup_key="race:2").count() == 1
    assert len(smtp_server.mailbox.messages) == 1
