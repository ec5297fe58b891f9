"""Sign-ups per second for one meeting, 20 coordinators posting at once (PostgreSQL).

Each of 20 threads is a signed-in coordinator with its own test client and database
connection, posting the real sign-up form one participant at a time. The meeting has fewer
places than sign-ups, so the lock and the waiting list are exercised; afterwards the confirmed
and waiting counts are checked. E-mail goes to Django's in-memory backend (rows are still
written to the outbox, as in production).
"""

import threading
import time

from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import setup_test_environment

CLIENTS = 20
PER_CLIENT = 25
CAPACITY = 300


def run():
    if connection.vendor != "postgresql":
        print("skipped: run with DATABASE_URL=postgres://… (make bench DATABASE_URL=…)")
        return
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            _run()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _run():
    from meetings.models import Meeting
    from registrations import signin
    from registrations.models import Participant
    from registrations.views import SESSION_KEY
    from tests import factories

    cycle = factories.cycle_with_meetings(2099)
    meeting = cycle.meetings.get(slug="arbetsmote")
    Meeting.objects.filter(pk=meeting.pk).update(capacity=CAPACITY)
    group = cycle.cycle_challenges.first().challenge
    clients = []
    for n in range(CLIENTS):
        coordinator = factories.coordinator(
            cycle, factories.organisation(name=f"Bänkorganisation {n}"), email=f"c{n}@example.org"
        )
        client = Client()
        client.force_login(signin.coordinator_user(coordinator.email))
        session = client.session
        session[SESSION_KEY] = coordinator.pk
        session.save()
        clients.append(client)

    url = f"/min-organisation/moten/{meeting.pk}/anmal/"
    barrier = threading.Barrier(CLIENTS)
    failures = []

    def post_all(n, client):
        barrier.wait()
        try:
            for i in range(PER_CLIENT):
                response = client.post(
                    url,
                    {
                        "p-TOTAL_FORMS": "1",
                        "p-INITIAL_FORMS": "0",
                        "p-0-name": f"Deltagare {n}-{i}",
                        "p-0-email": f"d{n}-{i}@example.org",
                        "p-0-workshop_group": str(group.pk),
                    },
                )
                if response.status_code != 302:
                    failures.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post_all, args=(n, c)) for n, c in enumerate(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start

    total = CLIENTS * PER_CLIENT
    confirmed = Participant.objects.confirmed().filter(meeting=meeting).count()
    waiting = Participant.objects.waiting().filter(meeting=meeting).count()
    print(f"{total} sign-ups from {CLIENTS} concurrent clients in {elapsed:.2f} s")
    print(f"throughput: {total / elapsed:7.1f} sign-ups/s (each a full POST with its e-mail)")
    print(f"confirmed: {confirmed} (capacity {CAPACITY}), waiting: {waiting}")
    print(f"failed   : {len(failures)} requests")
    ok = confirmed == CAPACITY and waiting == total - CAPACITY and not failures
    print("check    : " + ("OK, no overbooking" if ok else "WRONG COUNTS"))
