"""What operations watch: the state of the parts the site depends on, in words for staff
(the Driftstatus page) and in figures for Prometheus (:mod:`arshjul.lib.metrics`).

- Recorders: :func:`sweep_run_record` (called by :func:`arshjul.lib.sweeps.run_sweeps` for
  every sweep, so beat's task and the ``run_sweeps`` command both record) and
  :func:`worker_heartbeat_record` (called by each Celery worker's heartbeat bootstep,
  :mod:`arshjul.lib.heartbeat`). Both write to the database, which every process sees.
- Selectors: the sweeps' last runs, the workers seen lately, the outbox's and the PDF jobs'
  figures, the latest failures. Each is one query, however many rows there are.
- Checks: the mail server reached, the broker, the workers per queue, the sweeps, the outbox,
  the PDF jobs — each a :class:`Part` with a status (OK, Varning, Fel) and a sentence.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.db import DatabaseError
from django.db.models import Count, Min, Q
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import health
from .logs import redact
from .mail_kinds import mail_kind_label
from .models import OutgoingMail, PdfJob, SweepRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

# How long the Driftstatus page waits for the mail server (connect, EHLO, QUIT).
MAIL_CHECK_TIMEOUT_SECONDS = 3
# A worker not heard from in this many heartbeats is taken for gone.
HEARTBEATS_MISSED = 3
# A worker's row left behind by a crash is forgotten after this long.
HEARTBEAT_FORGET_AFTER = timedelta(days=1)
# The oldest e-mail waiting longer than this means e-mail is not going out.
OUTBOX_WAIT_TOO_LONG = timedelta(minutes=15)
# How many of the latest failures the page lists.
LATEST_FAILURES = 5


class Status:
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"

    LABELS = {OK: _("OK"), WARNING: _("Warning"), ERROR: _("Error")}
    ORDER = [OK, WARNING, ERROR]

    @classmethod
    def worst(cls, statuses) -> str:
        return max(statuses, key=cls.ORDER.index, default=cls.OK)


@dataclass
class Part:
    """One part of the site and its state, in words."""

    key: str
    title: str
    status: str
    summary: str
    details: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


# --- Recorders ---------------------------------------------------------------------------------


def sweep_run_record(
    *,
    name: str,
    started_at: datetime,
    finished_at: datetime,
    result: int | None = None,
    error: str = "",
) -> None:
    """Record the last run of the sweep ``name`` (one row per name, replaced by each run,
    in one upsert). A failure to record is logged, never raised: the sweep itself ran."""
    fields = {
        "started_at": started_at,
        "finished_at": finished_at,
        "result": result,
        "error": error[:2000],
    }
    update = list(fields)
    if not error:
        fields["succeeded_at"] = finished_at
        update.append("succeeded_at")
    try:
        SweepRun.objects.bulk_create(
            [SweepRun(name=name, **fields)],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=update,
        )
    except DatabaseError:
        logger.warning("Could not record the run of sweep %s", name, exc_info=True)


def worker_heartbeat_record(
    *, hostname: str, queues: list[str], started_at: datetime | None = None
) -> None:
    """Record that the worker ``hostname`` is alive and takes tasks from ``queues``; forget
    workers not heard from for a day (a crashed container's name is never seen again)."""
    now = timezone.now()
    fields = {"queues": ",".join(sorted(queues))[:255], "seen_at": now}
    WorkerHeartbeat.objects.bulk_create(
        [WorkerHeartbeat(hostname=hostname[:255], started_at=started_at or now, **fields)],
        update_conflicts=True,
        unique_fields=["hostname"],
        update_fields=list(fields),
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_FORGET_AFTER).delete()


def worker_heartbeat_forget(*, hostname: str) -> None:
    """A worker that stops cleanly is no longer listed."""
    WorkerHeartbeat.objects.filter(hostname=hostname).delete()


# --- Selectors ---------------------------------------------------------------------------------


def heartbeat_seconds() -> int:
    return settings.WORKER_HEARTBEAT_SECONDS


def sweep_runs() -> list[SweepRun]:
    """The last run of every sweep that has run, by name."""
    return list(SweepRun.objects.order_by("name"))


def worker_heartbeats() -> list[WorkerHeartbeat]:
    """Every worker heard from in the last day, by host name."""
    return list(WorkerHeartbeat.objects.order_by("hostname"))


def worker_alive(heartbeat: WorkerHeartbeat, now: datetime | None = None) -> bool:
    """Seen within the last few heartbeats."""
    now = now or timezone.now()
    return heartbeat.seen_at >= now - timedelta(seconds=heartbeat_seconds() * HEARTBEATS_MISSED)


def workers_seen(now: datetime | None = None) -> list[WorkerHeartbeat]:
    """The workers seen within the last few heartbeats."""
    now = now or timezone.now()
    return [w for w in worker_heartbeats() if worker_alive(w, now)]


def expected_queues() -> list[str]:
    """The queues tasks go to: the default one and every routed one ("default", "pdf")."""
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE]
    for route in settings.CELERY_TASK_ROUTES.values():
        if route.get("queue") and route["queue"] not in queues:
            queues.append(route["queue"])
    return queues


@dataclass(frozen=True)
class OutboxFigures:
    queued: int
    sending: int
    failed: int
    oldest_waiting_since: datetime | None

    def oldest_waiting_seconds(self, now: datetime | None = None) -> float:
        if self.oldest_waiting_since is None:
            return 0.0
        return max((now or timezone.now()) - self.oldest_waiting_since, timedelta()).total_seconds()


def outbox_figures() -> OutboxFigures:
    """How many e-mails wait (queued, or being sent), how many failed (and can still be sent
    again: not erased), and since when the oldest one waits. One query."""
    State = OutgoingMail.State
    waiting = Q(state__in=[State.QUEUED, State.SENDING])
    figures = OutgoingMail.objects.aggregate(
        queued=Count("pk", filter=Q(state=State.QUEUED)),
        sending=Count("pk", filter=Q(state=State.SENDING)),
        failed=Count("pk", filter=Q(state=State.FAILED, erased_at__isnull=True)),
        oldest=Min("created_at", filter=waiting),
    )
    return OutboxFigures(
        figures["queued"], figures["sending"], figures["failed"], figures["oldest"]
    )


@dataclass(frozen=True)
class PdfJobFigures:
    waiting: int
    running: int
    failed: int


def pdf_job_figures() -> PdfJobFigures:
    """How many PDF jobs wait for a worker, run, and failed. One query."""
    State = PdfJob.State
    figures = PdfJob.objects.aggregate(
        waiting=Count("pk", filter=Q(state=State.QUEUED)),
        running=Count("pk", filter=Q(state=State.RUNNING)),
        failed=Count("pk", filter=Q(state=State.FAILED)),
    )
    return PdfJobFigures(**figures)


def failed_mails_latest(limit: int = LATEST_FAILURES) -> list[OutgoingMail]:
    """The latest e-mails that failed and can be sent again: kind, when, attempts, and the
    error without the addresses in it (a server's refusal quotes the recipient; the outbox's
    admin shows to whom), never their text."""
    mails = list(
        OutgoingMail.objects.filter(state=OutgoingMail.State.FAILED, erased_at__isnull=True)
        .only("pk", "kind", "created_at", "attempts", "last_error", "state")
        .order_by("-created_at", "-pk")[:limit]
    )
    for mail in mails:
        mail.kind_label = mail_kind_label(mail.kind)
        mail.error_shown = redact(mail.last_error)
    return mails


def failed_pdf_jobs_latest(limit: int = LATEST_FAILURES) -> list[PdfJob]:
    """The latest PDF jobs that failed: kind, what about, when, why."""
    return list(
        PdfJob.objects.filter(state=PdfJob.State.FAILED)
        .only("pk", "kind", "about", "created_at", "finished_at", "error", "state")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Checks, in words --------------------------------------------------------------------------


def _when(moment: datetime) -> str:
    """ "7 december 2026 kl. 21.40", in Swedish time."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def mail_server_state() -> Part:
    """Reach the configured mail server: connect, EHLO and QUIT within a few seconds (no
    sign-in and no message). Printed or kept e-mail (a laptop, the tests) is said so."""
    title = gettext("The mail server")
    path = settings.EMAIL_BACKEND.rsplit(".", 2)
    backend = path[-2] if len(path) > 1 else ""
    elsewhere = {
        "console": gettext(
            "E-mail is printed in the server's log, not sent (as on a developer's computer)."
        ),
        "locmem": gettext("E-mail is kept in memory, not sent (the tests)."),
        "filebased": gettext("E-mail is written to files, not sent."),
        "dummy": gettext("E-mail is thrown away, not sent."),
    }
    if backend in elsewhere:
        return Part("mail-server", title, Status.WARNING, elsewhere[backend])
    if backend != "smtp":
        return Part(
            "mail-server",
            title,
            Status.WARNING,
            gettext("E-mail goes through %(backend)s, which this page cannot check.")
            % {"backend": settings.EMAIL_BACKEND},
        )
    host, port = settings.EMAIL_HOST, settings.EMAIL_PORT
    server_words = f"{host}:{port}"
    connect = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
    try:
        # Django's own name for this machine: asking the resolver again may take seconds.
        with connect(
            host, port, local_hostname=DNS_NAME.get_fqdn(), timeout=MAIL_CHECK_TIMEOUT_SECONDS
        ) as server:
            code, _answer = server.ehlo()
            starttls = server.has_extn("starttls")
    except (OSError, smtplib.SMTPException) as exc:
        return Part(
            "mail-server",
            title,
            Status.ERROR,
            gettext("The mail server %(server)s could not be reached: e-mail waits in the outbox.")
            % {"server": server_words},
            [gettext("The answer: %(error)s") % {"error": exc.__class__.__name__}],
        )
    if code != 250:
        return Part(
            "mail-server",
            title,
            Status.ERROR,
            gettext("The mail server %(server)s answered with code %(code)s.")
            % {"server": server_words, "code": code},
        )
    if settings.EMAIL_USE_TLS and not starttls:
        return Part(
            "mail-server",
            title,
            Status.ERROR,
            gettext("The mail server %(server)s does not offer encryption (STARTTLS).")
            % {"server": server_words},
        )
    return Part(
        "mail-server",
        title,
        Status.OK,
        gettext("The mail server %(server)s answers.") % {"server": server_words},
    )


def broker_state() -> Part:
    """The broker (Redis) that carries tasks to the workers, or none (tasks run at once)."""
    title = gettext("The task queue (broker)")
    if current_app.conf.task_always_eager:
        return Part(
            "broker",
            title,
            Status.OK,
            gettext("No broker is configured: tasks run in the web server itself."),
        )
    state = health.broker_state()
    if state["ok"]:
        return Part("broker", title, Status.OK, gettext("The broker answers."))
    return Part(
        "broker",
        title,
        Status.ERROR,
        gettext("The broker cannot be reached: e-mail and PDFs wait, and go once it is back."),
        [gettext("The answer: %(error)s") % {"error": state.get("error", "")}],
    )


QUEUE_WORDS = {
    "default": _("e-mail and other tasks"),
    "pdf": _("PDFs"),
}


@dataclass
class QueueState:
    name: str
    words: str
    workers: list[WorkerHeartbeat]


def workers_state(now: datetime | None = None) -> tuple[Part, list[QueueState]]:
    """Which queues have a worker alive (seen within a few heartbeats). A queue without one
    means its tasks wait: no e-mail goes without a "default" worker, no PDF without a "pdf"
    one."""
    now = now or timezone.now()
    title = gettext("The workers")
    if current_app.conf.task_always_eager:
        return (
            Part(
                "workers",
                title,
                Status.OK,
                gettext("No workers are needed: tasks run in the web server itself."),
            ),
            [],
        )
    alive = workers_seen(now)
    queues = [
        QueueState(
            name,
            str(QUEUE_WORDS.get(name, name)),
            [w for w in alive if name in w.queue_names],
        )
        for name in expected_queues()
    ]
    missing = [q for q in queues if not q.workers]
    if not missing:
        return (
            Part(
                "workers",
                title,
                Status.OK,
                ngettext(
                    "%(count)d worker is alive, and every queue has one.",
                    "%(count)d workers are alive, and every queue has one.",
                    len(alive),
                )
                % {"count": len(alive)},
            ),
            queues,
        )
    details = [
        gettext("No worker takes tasks from the queue “%(queue)s” (%(words)s): they wait.")
        % {"queue": q.name, "words": q.words}
        for q in missing
    ]
    return (
        Part(
            "workers",
            title,
            Status.ERROR,
            ngettext(
                "%(count)d queue has no worker alive.",
                "%(count)d queues have no worker alive.",
                len(missing),
            )
            % {"count": len(missing)},
            details,
        ),
        queues,
    )


@dataclass
class SweepState:
    name: str
    run: SweepRun | None
    label: str = ""


def sweeps_state(
    sweep_names: list[str] | dict[str, str], now: datetime | None = None
) -> tuple[Part, list[SweepState]]:
    """The last run of each of the sweeps (the registered ones: :mod:`arshjul.lib.sweeps`
    records through this module, so it hands their names in): failed ones, and sweeps that
    have not run for three intervals (is beat running?)."""
    now = now or timezone.now()
    title = gettext("The sweeps")
    runs = {run.name: run for run in sweep_runs()}
    labels = sweep_names if isinstance(sweep_names, dict) else {n: n for n in sweep_names}
    rows = sorted(
        (SweepState(name, runs.get(name), str(label)) for name, label in labels.items()),
        key=lambda row: row.label,
    )
    failed = [row for row in rows if row.run and row.run.failed]
    finished = [row.run.finished_at for row in rows if row.run]
    late_after = timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS * 3)
    if failed:
        return (
            Part(
                "sweeps",
                title,
                Status.ERROR,
                ngettext(
                    "%(count)d sweep failed the last time it ran.",
                    "%(count)d sweeps failed the last time they ran.",
                    len(failed),
                )
                % {"count": len(failed)},
            ),
            rows,
        )
    if not finished:
        return (
            Part(
                "sweeps",
                title,
                Status.WARNING,
                gettext(
                    "No sweep has run yet: is the scheduler (celery beat, or cron running "
                    "“manage.py run_sweeps”) running?"
                ),
            ),
            rows,
        )
    last = max(finished)
    if last < now - late_after:
        return (
            Part(
                "sweeps",
                title,
                Status.WARNING,
                gettext(
                    "The sweeps last ran %(when)s: is the scheduler (celery beat, or cron "
                    "running “manage.py run_sweeps”) running?"
                )
                % {"when": _when(last)},
            ),
            rows,
        )
    return (
        Part(
            "sweeps",
            title,
            Status.OK,
            gettext("The sweeps ran %(when)s, without errors.") % {"when": _when(last)},
        ),
        rows,
    )


def outbox_state(now: datetime | None = None) -> tuple[Part, OutboxFigures]:
    """E-mails waiting too long (nothing goes out), and e-mails that failed."""
    now = now or timezone.now()
    title = gettext("E-mail")
    figures = outbox_figures()
    waiting = figures.queued + figures.sending
    details = [
        ngettext(
            "%(count)d e-mail waits to be sent.", "%(count)d e-mails wait to be sent.", waiting
        )
        % {"count": waiting}
    ]
    if figures.oldest_waiting_since and figures.oldest_waiting_since < now - OUTBOX_WAIT_TOO_LONG:
        summary = gettext("E-mail is not going out: the oldest has waited since %(when)s.") % {
            "when": _when(figures.oldest_waiting_since)
        }
        return Part("outbox", title, Status.ERROR, summary, details), figures
    if figures.failed:
        summary = ngettext(
            "%(count)d e-mail could not be sent: see why below, and send it again.",
            "%(count)d e-mails could not be sent: see why below, and send them again.",
            figures.failed,
        ) % {"count": figures.failed}
        return Part("outbox", title, Status.WARNING, summary, details), figures
    return (
        Part("outbox", title, Status.OK, gettext("No e-mail has failed."), details),
        figures,
    )


def pdf_jobs_state() -> tuple[Part, PdfJobFigures]:
    """PDF jobs that failed, and how many wait."""
    title = gettext("PDFs")
    figures = pdf_job_figures()
    details = [
        ngettext(
            "%(count)d PDF waits to be made.", "%(count)d PDFs wait to be made.", figures.waiting
        )
        % {"count": figures.waiting}
    ]
    if figures.failed:
        summary = ngettext(
            "%(count)d PDF could not be made: see why below, and start it again.",
            "%(count)d PDFs could not be made: see why below, and start them again.",
            figures.failed,
        ) % {"count": figures.failed}
        return Part("pdf-jobs", title, Status.WARNING, summary, details), figures
    return Part("pdf-jobs", title, Status.OK, gettext("No PDF has failed."), details), figures


@dataclass
class OperationsStatus:
    """Everything the Driftstatus page shows."""

    parts: list[Part]
    queues: list[QueueState]
    sweeps: list[SweepState]
    outbox: OutboxFigures
    pdf_jobs: PdfJobFigures
    failed_mails: list[OutgoingMail]
    failed_pdf_jobs: list[PdfJob]
    checked_at: datetime

    @property
    def status(self) -> str:
        return Status.worst(part.status for part in self.parts)

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def operations_status(*, sweep_names: list[str] | dict[str, str]) -> OperationsStatus:
    """Check every part, now, with the last runs of the sweeps named (or named with what they
    do in words: ``{name: label}``). A handful of queries,
    however many rows there are; the mail server and the broker are asked with short
    timeouts."""
    now = timezone.now()
    workers, queues = workers_state(now)
    sweeps_part, sweeps = sweeps_state(sweep_names, now)
    outbox_part, outbox = outbox_state(now)
    pdf_part, pdf = pdf_jobs_state()
    return OperationsStatus(
        parts=[mail_server_state(), broker_state(), workers, sweeps_part, outbox_part, pdf_part],
        queues=queues,
        sweeps=sweeps,
        outbox=outbox,
        pdf_jobs=pdf,
        failed_mails=failed_mails_latest(),
        failed_pdf_jobs=failed_pdf_jobs_latest(),
        checked_at=now,
    )
