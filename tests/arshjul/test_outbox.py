import datetime
import smtplib

import pytest
import time_machine
from django.utils import timezone

from arshjul.lib import outbox
from arshjul.lib.outbox import Attachment, RenderedMail
from arshjul.lib.tasks import outbox_send_task
from arshjul.models import OutgoingMail
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

HELLO = RenderedMail(subject="Välkommen", body_text="Hej!\n", body_html="<p lang='sv'>Hej!</p>")


def queue(key="hello:1", to="anna@example.org", mail=HELLO, **kwargs):
    return outbox.outbox_queue(kind="hello", to=to, mail=mail, dedup_key=key, **kwargs)


def test_asking_twice_for_the_same_email_stores_one_row_and_sends_once(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue(mail=RenderedMail(subject="Ändrad", body_text="Annan text\n"))

    assert first.pk == second.pk
    assert OutgoingMail.objects.count() == 1
    assert len(smtp_server.mailbox.messages) == 1
    delivered = smtp_server.mailbox.messages[0]
    assert delivered["Subject"] == "Välkommen"
    assert delivered["To"] == "anna@example.org"
    first.refresh_from_db()
    assert (first.state, first.attempts) == (OutgoingMail.State.SENT, 1)
    assert first.sent_at is not None


def test_a_sent_email_is_never_sent_again(smtp_server):
    mail = queue()
    assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.SENT
    assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.SENT
    outbox_send_task.delay(mail.pk)
    assert len(smtp_server.mailbox.messages) == 1


def test_the_plain_text_the_html_and_an_attachment_all_arrive(smtp_server):
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    mail = queue(
        mail=RenderedMail(
            subject="Möte",
            body_text="Vi ses på mötet.\n",
            body_html="<p>Vi ses på mötet.</p>",
            attachments=[Attachment("arbetsmote.ics", ics, "text/calendar")],
        )
    )
    outbox.outbox_send(mail_id=mail.pk)

    delivered = smtp_server.mailbox.messages[0]
    assert delivered.get_body(("plain",)).get_content().strip() == "Vi ses på mötet."
    assert "<p>Vi ses på mötet.</p>" in delivered.get_body(("html",)).get_content()
    [attachment] = list(delivered.iter_attachments())
    assert attachment.get_filename() == "arbetsmote.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content().encode() == ics or attachment.get_payload(decode=True) == ics


def test_a_transient_failure_is_retried_with_backoff_then_succeeds(smtp_server, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    smtp_server.mailbox.data_replies = [
        "451 4.3.0 Try again later",
        "421 4.7.0 Too busy",
    ]
    mail = queue()
    start = timezone.now()

    with pytest.raises(outbox.TransientMailError) as first:
        outbox.outbox_send(mail_id=mail.pk)
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.QUEUED
    assert "451" in mail.last_error
    assert first.value.retry_in == 60
    # Not due yet: a second worker asking now does nothing.
    assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.QUEUED
    mail.refresh_from_db()
    assert mail.attempts == 1

    with (
        time_machine.travel(start + datetime.timedelta(seconds=61), tick=False),
        pytest.raises(outbox.TransientMailError) as second,
    ):
        outbox.outbox_send(mail_id=mail.pk)
    assert second.value.retry_in == 120  # doubled

    with time_machine.travel(start + datetime.timedelta(seconds=61 + 121), tick=False):
        assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.SENT

    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (OutgoingMail.State.SENT, 3, "")
    assert len(smtp_server.mailbox.messages) == 1


def test_an_unreachable_server_counts_as_transient(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    mail = queue()
    with pytest.raises(outbox.TransientMailError):
        outbox.outbox_send(mail_id=mail.pk)
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.QUEUED
    assert "ConnectionRefusedError" in mail.last_error


def test_a_permanent_refusal_is_recorded_and_not_retried(smtp_server):
    smtp_server.mailbox.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    mail = queue(to="finns.inte@example.org")

    assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.FAILED

    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.FAILED
    assert "550" in mail.last_error and "Mailbox unavailable" in mail.last_error
    assert smtp_server.mailbox.messages == []


def test_transient_failures_give_up_after_the_last_attempt(smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    smtp_server.mailbox.data_replies = ["451 4.3.0 Try again later"] * 5
    mail = queue()
    with pytest.raises(outbox.TransientMailError):
        outbox.outbox_send(mail_id=mail.pk)
    assert outbox.outbox_send(mail_id=mail.pk) == OutgoingMail.State.FAILED
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (OutgoingMail.State.FAILED, 2)


def test_without_a_broker_a_transient_failure_waits_for_the_sweep(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    """On a laptop (tasks run eagerly) a failing server must not hold up the web request."""
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    smtp_server.mailbox.data_replies = ["451 4.3.0 Try again later"]
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue()
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (OutgoingMail.State.QUEUED, 1)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(seconds=61), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert outbox.outbox_requeue_stuck() == 1

    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.SENT
    assert len(smtp_server.mailbox.messages) == 1


def test_the_sweep_requeues_rows_whose_task_or_worker_was_lost(
    smtp_server, django_capture_on_commit_callbacks
):
    now = timezone.now()
    lost_task = queue(key="lost-task")
    OutgoingMail.objects.filter(pk=lost_task.pk).update(
        queued_at=now - datetime.timedelta(minutes=10)
    )
    dead_worker = queue(key="dead-worker")
    OutgoingMail.objects.filter(pk=dead_worker.pk).update(
        state=OutgoingMail.State.SENDING, claimed_at=now - datetime.timedelta(hours=1)
    )
    queue(key="just-queued")  # its task is on its way: leave it
    busy = queue(key="being-sent")
    OutgoingMail.objects.filter(pk=busy.pk).update(state=OutgoingMail.State.SENDING, claimed_at=now)

    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_requeue_stuck()

    states = dict(OutgoingMail.objects.values_list("dedup_key", "state"))
    assert states == {
        "lost-task": "sent",
        "dead-worker": "sent",
        "just-queued": "queued",
        "being-sent": "sending",
    }
    assert sorted(m["To"] for m in smtp_server.mailbox.messages) == ["anna@example.org"] * 2


def test_staff_can_send_a_failed_email_again(
    smtp_server, staff_client, django_capture_on_commit_callbacks
):
    smtp_server.mailbox.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    mail = queue()
    outbox.outbox_send(mail_id=mail.pk)
    smtp_server.mailbox.rcpt_reply = None  # the address was fixed at the other end

    changelist = staff_client.get("/admin/arshjul/outgoingmail/", {"state__exact": "failed"})
    assert "anna@example.org" in changelist.content.decode()
    detail = staff_client.get(f"/admin/arshjul/outgoingmail/{mail.pk}/change/").content.decode()
    assert "550 5.1.1 Mailbox unavailable" in detail

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/arshjul/outgoingmail/",
            {"action": "send_again", "_selected_action": [mail.pk]},
            follow=True,
        )

    assert "1 e-postmeddelande har köats igen" in response.content.decode()
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.SENT
    assert len(smtp_server.mailbox.messages) == 1


def test_staff_send_a_test_email_from_the_admin(
    smtp_server, staff_client, django_capture_on_commit_callbacks
):
    page = staff_client.get("/admin/arshjul/outgoingmail/test-email/").content.decode()
    assert 'value="staff@example.org"' in page

    bad = staff_client.post("/admin/arshjul/outgoingmail/test-email/", {"to": "inte en adress"})
    assert bad.status_code == 200
    assert "Fyll i en giltig e-postadress" in bad.content.decode()
    assert 'value="inte en adress"' in bad.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/arshjul/outgoingmail/test-email/", {"to": "drift@example.org"}, follow=True
        )

    assert response.redirect_chain[-1][0] == "/admin/arshjul/outgoingmail/"
    [delivered] = smtp_server.mailbox.messages
    assert delivered["To"] == "drift@example.org"
    assert delivered["Subject"] == "Testmeddelande från Årshjul"


def test_is_transient_reads_the_smtp_reply_code():
    assert outbox.is_transient(smtplib.SMTPDataError(451, b"later"))
    assert not outbox.is_transient(smtplib.SMTPDataError(554, b"no"))
    assert outbox.is_transient(smtplib.SMTPServerDisconnected("gone"))
    assert not outbox.is_transient(
        smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"unknown")})
    )
    assert not outbox.is_transient(smtplib.SMTPAuthenticationError(535, b"bad password"))
