"""The infrastructure's own rows: the outbox, the PDF jobs, and what operations watch (the
sweeps' last runs, the workers' heartbeats). They belong to the ``arshjul`` app (their tables
are ``arshjul_outgoingmail``, ``arshjul_pdfjob``, ``arshjul_sweeprun`` and
``arshjul_workerheartbeat``)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pdf_kinds import kind_label
from .storage import private_storage


class OutgoingMail(models.Model):
    """One e-mail in the outbox. Every e-mail the system sends is stored here first, once per
    deduplication key, and a send task claims the row before it talks to the mail server."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Not sent: too late")

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    dedup_key = models.CharField(
        _("deduplication key"),
        max_length=255,
        unique=True,
        help_text=_("Asking twice for the e-mail with the same key stores and sends it once."),
    )
    to = models.EmailField(_("recipient"))
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    reply_to = models.EmailField(_("reply address"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Files sent with the e-mail: name, content type and base64 content."),
    )
    about_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A message that is useless after a moment (a sign-in link's lifetime) is not sent later.
    expires_at = models.DateTimeField(_("send no later than"), null=True, blank=True)
    # When the text, attachments and recipient were erased (OUTBOX_RETENTION_DAYS after sending).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("e-mails in the outbox")  # "63 e-postmeddelanden i utkorgen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["about_type", "about_id"], name="outgoingmail_about")]
        permissions = [("send_outgoingmail", _("Can send test e-mails and failed e-mails again"))]

    def __str__(self):
        return f"{self.subject} → {self.to}"


def pdf_job_upload_to(job, filename):
    return f"pdf-jobs/{timezone.now():%Y/%m}/{job.pk or 'new'}-{filename}"


class PdfJob(models.Model):
    """A PDF rendered in the background: staff start it, follow its progress and download it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    # What the job is about in words ("Arbetsmöte, 13 januari 2027"), said by its kind.
    about = models.CharField(_("about"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("file"), upload_to=pdf_job_upload_to, storage=private_storage, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Its task could not be queued (the broker was down): the next sweep queues it.
    queue_failed_at = models.DateTimeField(_("could not be queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF job")
        verbose_name_plural = _("PDF jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"

    def get_kind_display(self):
        return kind_label(self.kind)

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}


class SweepRun(models.Model):
    """The last run of one sweep (one row per sweep's name, written by every run): what the
    Driftstatus page and the metrics say about the sweeps, whichever process ran them."""

    name = models.CharField(_("sweep"), max_length=60, unique=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    # How many things it did; empty when it failed.
    result = models.IntegerField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)

    class Meta:
        verbose_name = _("sweep run")
        verbose_name_plural = _("sweep runs")
        ordering = ["name"]
        # A "view_" permission: the roles give it to readers and editors alike.
        permissions = [("view_operations_status", _("Can see the state of the parts"))]

    def __str__(self):
        return self.name

    @property
    def failed(self) -> bool:
        return bool(self.error)


class WorkerHeartbeat(models.Model):
    """A Celery worker's last sign of life (one row per worker's host name), written by the
    worker every WORKER_HEARTBEAT_SECONDS and removed when it stops cleanly."""

    hostname = models.CharField(_("worker"), max_length=255, unique=True)
    # The queues it takes tasks from, comma-separated ("default", "pdf").
    queues = models.CharField(_("queues"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["hostname"]

    def __str__(self):
        return self.hostname

    @property
    def queue_names(self) -> list[str]:
        return [q for q in self.queues.split(",") if q]
