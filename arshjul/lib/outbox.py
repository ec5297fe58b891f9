"""The outbox: every e-mail is stored once, then sent at most once.

- :func:`outbox_queue` stores a rendered e-mail under its deduplication key (asking twice for
  the same key stores one row) and queues the send task when the transaction commits.
- :func:`outbox_send` claims the row with one conditional UPDATE (queued → sending): only one
  caller can win the claim, however many workers get the same row at once. Then it talks to
  the mail server and records sent, or a failure: a transient one (the server said "try
  later", or could not be reached) is retried with exponential backoff; a permanent one
  (the server refused the address) is kept, with its error, for staff to see.
- :func:`outbox_requeue_stuck` is the sweep that picks up rows whose task was lost.
"""

import base64
import contextlib
import hashlib
import logging
import smtplib
import socket
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .background import enqueue_on_commit
from .models import OutgoingMail
from .sweeps import sweep

logger = logging.getLogger(__name__)

State = OutgoingMail.State


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body_text: str
    body_html: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    # Who it is from, in words, and where answers go (the organiser's; see branding).
    sender_name: str = ""
    reply_to: str = ""


# The task that sends one e-mail (arshjul.lib.tasks): named here, where it is queued.
SEND_TASK = "arshjul.tasks.outbox_send_task"


class TransientMailError(Exception):
    """The mail server could not take the message now; trying again later may work."""

    def __init__(self, message: str, *, retry_in: float):
        super().__init__(message)
        self.retry_in = retry_in


SUBJECT_MAX = OutgoingMail._meta.get_field("subject").max_length


def stored_key(dedup_key: str) -> str:
    """The key as stored: as given when short and free of addresses, else its SHA-256 (keys
    name people's addresses, and an address may be 254 characters long)."""
    if len(dedup_key) <= 100 and "@" not in dedup_key:
        return dedup_key
    return "sha256:" + hashlib.sha256(dedup_key.encode()).hexdigest()


def bounded_subject(subject: str) -> str:
    """A subject that fits its column, shortened with an ellipsis (a long name is valid)."""
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


# The lists that :func:`outbox_watched` blocks collect into, innermost last.
_watchers: ContextVar[tuple[list, ...]] = ContextVar("outbox_watchers", default=())


@contextlib.contextmanager
def outbox_watched():
    """Collect every e-mail that :func:`outbox_queue` stores inside the block (not those it
    finds stored already): what a send would queue, for a rehearsal (arshjul.lib.confirm)."""
    queued: list[OutgoingMail] = []
    token = _watchers.set((*_watchers.get(), queued))
    try:
        yield queued
    finally:
        _watchers.reset(token)


def outbox_queue(
    *,
    kind: str,
    to: str,
    mail: RenderedMail,
    dedup_key: str,
    about=None,
    expires_at: datetime | None = None,
) -> OutgoingMail:
    """Store the e-mail once for ``dedup_key`` and queue its sending on commit.

    Returns the stored row: the new one, or the one an earlier call stored for the same key
    (which is then neither changed nor sent again); ``row.queued_now`` tells which. An e-mail
    with ``expires_at`` (a sign-in link) is never sent after that moment."""
    dedup_key = stored_key(dedup_key)
    fields = {
        "kind": kind,
        "to": to,
        "expires_at": expires_at,
        "subject": bounded_subject(mail.subject),
        "body_text": mail.body_text,
        "body_html": mail.body_html,
        "sender_name": mail.sender_name[:200],
        "reply_to": mail.reply_to,
        "attachments": [
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "content": base64.b64encode(a.content).decode("ascii"),
            }
            for a in mail.attachments
        ],
    }
    if about is not None:
        fields["about_type"] = ContentType.objects.get_for_model(about)
        fields["about_id"] = about.pk
    try:
        with transaction.atomic():
            row = OutgoingMail.objects.create(dedup_key=dedup_key, **fields)
    except IntegrityError:
        # Someone stored this e-mail already (perhaps a moment ago, in a racing request).
        row = OutgoingMail.objects.get(dedup_key=dedup_key)
        row.queued_now = False
        return row
    _enqueue(row.pk)
    row.queued_now = True
    for watcher in _watchers.get():
        watcher.append(row)
    return row


def _enqueue(mail_id: int) -> None:
    enqueue_on_commit(SEND_TASK, mail_id, on_failure=lambda: _due_now(mail_id))


def _due_now(mail_id: int) -> None:
    """Its task could not be queued: the next sweep takes it (a due attempt), without
    waiting minutes to be sure that its task was lost."""
    OutgoingMail.objects.filter(
        pk=mail_id, state=State.QUEUED, next_attempt_at__isnull=True
    ).update(next_attempt_at=timezone.now())


def outbox_send(*, mail_id: int) -> str:
    """Send one queued e-mail, at most once. Returns the row's state afterwards.

    Raises :class:`TransientMailError` when the server should be tried again later (the row
    is back in the queue, with the error and the time of the next attempt)."""
    now = timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id, state=State.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    row = OutgoingMail.objects.filter(pk=mail_id).first()
    if not claimed or row is None:
        return row.state if row else "missing"
    if row.expires_at and row.expires_at <= timezone.now():
        # Too late to be of use (a sign-in link that no longer works): not sent at all.
        OutgoingMail.objects.filter(pk=row.pk, state=State.SENDING).update(
            state=State.EXPIRED, last_error=gettext("Not sent: it would have arrived too late.")
        )
        logger.info("Outbox %s: expired before it could be sent", row.pk)
        return State.EXPIRED

    try:
        _deliver(row)
    except Exception as exc:
        return _record_failure(row, exc)
    OutgoingMail.objects.filter(pk=row.pk, state=State.SENDING).update(
        state=State.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    logger.info("Outbox %s (%s): sent", row.pk, row.kind)
    return State.SENT


def _deliver(row: OutgoingMail) -> None:
    sender = settings.DEFAULT_FROM_EMAIL
    if row.sender_name:  # "Region Värmland <arshjul@…>": the address stays the site's own
        sender = formataddr((row.sender_name, parseaddr(sender)[1]))
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=sender,
        to=[row.to],
        reply_to=[row.reply_to] if row.reply_to else None,
        connection=get_connection(fail_silently=False),
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for attachment in row.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["content_type"],
        )
    message.send()


def is_transient(exc: Exception) -> bool:
    """4xx answers and connection trouble are worth retrying; 5xx answers are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(
        exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | socket.timeout | OSError
    )


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {text.decode(errors='replace')}"
            for address, (code, text) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return f"{exc.__class__.__name__}: {exc}"


def retry_delay(attempts: int) -> float:
    """Exponential backoff: base, 2×base, 4×base… for the 1st, 2nd, 3rd failed attempt."""
    return settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)


def _record_failure(row: OutgoingMail, exc: Exception) -> str:
    error = _describe(exc)[:2000]
    attempts = row.attempts  # already counted by the claim
    if is_transient(exc) and attempts < settings.OUTBOX_MAX_ATTEMPTS:
        delay = retry_delay(attempts)
        OutgoingMail.objects.filter(pk=row.pk, state=State.SENDING).update(
            state=State.QUEUED,
            last_error=error,
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
            queued_at=timezone.now(),
        )
        logger.warning("Outbox %s: transient failure, retry in %ss: %s", row.pk, delay, error)
        raise TransientMailError(error, retry_in=delay) from exc
    OutgoingMail.objects.filter(pk=row.pk, state=State.SENDING).update(
        state=State.FAILED, last_error=error, next_attempt_at=None
    )
    logger.error("Outbox %s: failed after %s attempt(s): %s", row.pk, attempts, error)
    return State.FAILED


def outbox_resend(*, mail_ids) -> int:
    """Put failed e-mails back in the queue (staff's "send again"). Sent ones are left alone,
    and so are erased ones (nothing is left to send)."""
    ids = list(
        OutgoingMail.objects.filter(
            pk__in=mail_ids, state=State.FAILED, erased_at__isnull=True
        ).values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=ids, state=State.FAILED).update(
        state=State.QUEUED, attempts=0, next_attempt_at=None, queued_at=timezone.now()
    )
    for mail_id in ids:
        _enqueue(mail_id)
    return len(ids)


@sweep("outbox", label=gettext_lazy("E-mails that waited"))
def outbox_requeue_stuck() -> int:
    """The sweep: queue again what no worker is looking after.

    - queued rows that are due (no retry pending) and have waited longer than a few minutes:
      their task was lost (a broker restart, or no broker at all on a laptop);
    - queued rows whose task could not be queued (the broker was down): they are due at
      once (``next_attempt_at``), so they go with the very next sweep;
    - rows still "sending" long after their claim (longer than any SMTP timeout): their worker
      died. Whether the server took that message cannot be known; sending it again is the
      lesser harm than losing it."""
    now = timezone.now()
    stuck_after = timedelta(seconds=settings.OUTBOX_STUCK_AFTER_SECONDS)
    abandoned = list(
        OutgoingMail.objects.filter(
            state=State.SENDING, claimed_at__lt=now - stuck_after
        ).values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=abandoned, state=State.SENDING).update(
        state=State.QUEUED,
        queued_at=now,
        next_attempt_at=None,
        last_error=gettext("Interrupted while sending."),
    )
    due = abandoned + list(
        OutgoingMail.objects.filter(state=State.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(next_attempt_at__isnull=False) | Q(queued_at__lt=now - timedelta(minutes=5)))
        .values_list("pk", flat=True)[:1000]
    )
    for mail_id in due:
        _enqueue(mail_id)
    return len(due)


@sweep("outbox-erase", label=gettext_lazy("What sent e-mails said, erased on time"))
def outbox_erase_old() -> int:
    """Erase what sent (and finally failed or expired) e-mails said and to whom,
    OUTBOX_RETENTION_DAYS after they were made. The row and its state stay, so staff still
    see that a message of that kind went out."""
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    return OutgoingMail.objects.filter(
        state__in=[State.SENT, State.FAILED, State.EXPIRED],
        created_at__lt=cutoff,
        erased_at__isnull=True,
    ).update(
        to="",
        subject=gettext("(erased)"),
        body_text="",
        body_html="",
        attachments=[],
        last_error="",
        erased_at=timezone.now(),
    )
