"""A broker outage costs nothing: a request that stores data never fails because its e-mail
cannot be queued; the outbox row (or sign-in request) waits and the sweep sends it once the
broker is back — unless it would arrive too late to be of use."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from registrations.models import Participant, SignInRequest
from tests import factories
from tests.helpers import link_in, rows, sign_in

# The request's own transaction commits, and what it queued is published then (or not).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def owner(cycle):
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    return factories.coordinator(cycle, org, name="Anna", email="anna@kil.example.org")


def test_adding_a_participant_while_the_broker_is_down_succeeds_and_mails_later(
    client, owner, cycle, broker_down, frozen_now
):
    sign_in(client, owner)
    meeting = cycle.meetings.get(slug="arbetsmote")
    group = cycle.cycle_challenges.first().challenge
    response = client.post(
        f"/min-organisation/moten/{meeting.pk}/anmal/",
        rows(("Ada Andersson", "ada@kil.example.org"), group=group),
    )
    assert response.status_code == 302
    assert Participant.objects.get().status == "confirmed"
    [mail] = OutgoingMail.objects.filter(kind="participant_confirmed")
    assert mail.state == OutgoingMail.State.QUEUED

    # Asking again is refused as a duplicate, as it should be: the first one did succeed.
    response = client.post(
        f"/min-organisation/moten/{meeting.pk}/anmal/",
        rows(("Ada Andersson", "ada@kil.example.org"), group=group),
    )
    assert "Redan anmäld" in response.content.decode()


def test_the_sweep_sends_what_waited_once_the_broker_is_back(client, owner, cycle, frozen_now):
    from tests.helpers import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):
        sign_in(client, owner)
        meeting = cycle.meetings.get(slug="arbetsmote")
        group = cycle.cycle_challenges.first().challenge
        client.post(
            f"/min-organisation/moten/{meeting.pk}/anmal/",
            rows(("Ada Andersson", "ada@kil.example.org"), group=group),
        )
        # Due at once, since its queueing failed; queueing it fails again, without an error.
        assert run_sweeps(["outbox"])["outbox"] == 1
    frozen_now(2026, 11, 27, 12, 10)  # the broker is back (tasks run eagerly here)
    run_sweeps(["outbox"])
    assert OutgoingMail.objects.get(kind="participant_confirmed").state == "sent"


def test_sign_in_answers_alike_for_known_and_unknown_addresses_while_the_broker_is_down(
    owner, broker_down
):
    answers, queries = [], []
    for address in ["anna@kil.example.org", "okand@example.org"]:
        client = Client()  # each a new visitor
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/logga-in/", {"email": address})
        answers.append((response.status_code, response["Location"]))
        # The same work for both: what the database is asked does not depend on the address.
        queries.append([q["sql"].split(" WHERE ")[0][:60] for q in captured])
    assert answers[0] == answers[1] == (302, "/logga-in/skickat/")
    assert queries[0] == queries[1]
    assert SignInRequest.objects.count() == 2
    assert not OutgoingMail.objects.exists()


def test_a_sign_in_request_the_broker_lost_is_answered_by_the_sweep(client, owner, frozen_now):
    from tests.helpers import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):
        client.post("/logga-in/", {"email": owner.email})
    frozen_now(2026, 11, 27, 12, 5)
    run_sweeps(["signin-requests"])
    [mail] = OutgoingMail.objects.filter(kind="signin_link")
    token = link_in(mail).split("sesame=")[1]
    assert client.post("/logga-in/lank/", {"sesame": token}).status_code == 302
    assert not SignInRequest.objects.exists()


def test_a_sign_in_request_is_not_answered_once_a_link_would_be_late(client, owner, frozen_now):
    from tests.helpers import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):
        client.post("/logga-in/", {"email": owner.email})
    frozen_now(2026, 11, 27, 13, 1)  # an hour later
    run_sweeps(["signin-requests"])
    assert not OutgoingMail.objects.filter(kind="signin_link").exists()
    assert not SignInRequest.objects.exists()


def test_a_sign_in_mail_that_waited_past_its_link_is_never_sent(client, owner, frozen_now):
    from registrations import signin
    from tests.helpers import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):
        assert signin.signin_link_send(owner.email)  # stored; its task could not be queued
    [mail] = OutgoingMail.objects.filter(kind="signin_link")
    assert mail.state == OutgoingMail.State.QUEUED
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61), tick=False):
        run_sweeps(["outbox"])
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.EXPIRED
    assert mail.sent_at is None


def test_the_sweep_right_after_the_broker_came_back_sends_what_waited(owner, frozen_now):
    from arshjul.lib import emails
    from tests.helpers import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):
        first = emails.send_test_email(to="mottagare@example.org")  # its queueing fails
        second = emails.send_test_email(to="andra@example.org")  # skipped during the backoff
    # The broker is back (tasks run eagerly here); the next sweep comes a minute later, long
    # before a queued row counts as lost (five minutes).
    frozen_now(2026, 11, 27, 12, 1)
    assert run_sweeps(["outbox"])["outbox"] == 2
    assert {m.state for m in OutgoingMail.objects.filter(pk__in=[first.pk, second.pk])} == {
        OutgoingMail.State.SENT
    }


def test_a_mail_whose_task_was_queued_is_not_queued_again_by_the_next_sweep(
    owner, frozen_now, django_capture_on_commit_callbacks
):
    from arshjul.lib import emails
    from tests.helpers import celery_broker

    # A broker that takes the task (memory://), and a worker that has not run it yet.
    with celery_broker("memory://"):
        mail = emails.send_test_email(to="mottagare@example.org")
        frozen_now(2026, 11, 27, 12, 1)
        assert run_sweeps(["outbox"])["outbox"] == 0
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.QUEUED and mail.next_attempt_at is None


def test_a_pdf_started_while_the_broker_was_down_is_made_by_the_very_next_sweep(
    frozen_now, private_files
):
    from arshjul.lib import pdf_jobs
    from arshjul.models import PdfJob
    from tests.helpers import celery_broker

    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle(2027)
    with celery_broker("redis://127.0.0.1:1/0"):
        job = pdf_jobs.pdf_job_start(kind="coordinator_list", parameters={"cycle_id": cycle.pk})
        # Still down at the next sweep: queueing fails again, and the job stays due.
        frozen_now(2026, 11, 27, 12, 1)
        run_sweeps(["pdf-jobs"])
    job.refresh_from_db()
    assert job.state == PdfJob.State.QUEUED and job.queue_failed_at is not None
    frozen_now(2026, 11, 27, 12, 2)  # the broker is back, minutes before the job counts as lost
    run_sweeps(["pdf-jobs"])
    job.refresh_from_db()
    assert job.state == PdfJob.State.DONE
