"""PDF jobs: long renders run on the ``pdf`` queue, never in a web request.

Apps register kinds of PDF (:mod:`arshjul.lib.pdf_kinds`). Staff start a job
(:func:`pdf_job_start`), watch its state and progress, and download the file.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .background import enqueue_on_commit
from .models import PdfJob
from .pdf import PdfUnavailable
from .pdf_kinds import PdfKind, UnknownPdfKind, kind_about, kind_get, kind_label, kinds, pdf_kind
from .sweeps import sweep

logger = logging.getLogger(__name__)

State = PdfJob.State

# The task that renders one job (arshjul.lib.tasks): named here, where it is queued.
RENDER_TASK = "arshjul.tasks.pdf_job_render"

__all__ = ["PdfKind", "UnknownPdfKind", "kind_get", "kind_label", "kinds", "pdf_kind"]


def pdf_job_start(*, kind: str, parameters: dict, user=None) -> PdfJob:
    """Store a job and queue its rendering when the transaction commits."""
    kind_get(kind)  # an unknown kind raises
    job = PdfJob.objects.create(
        kind=kind, parameters=parameters, about=kind_about(kind, parameters), created_by=user
    )
    _enqueue(job.pk)
    return job


def _enqueue(job_id: int) -> None:
    enqueue_on_commit(RENDER_TASK, job_id, on_failure=lambda: _queue_failed(job_id))


def _queue_failed(job_id: int) -> None:
    """Its task could not be queued: the next sweep queues it, without waiting minutes to be
    sure that its task was lost."""
    PdfJob.objects.filter(pk=job_id, state=State.QUEUED).update(queue_failed_at=timezone.now())


def pdf_job_run(*, job_id: int) -> str:
    """Render one queued job; a second call for the same job does nothing (claimed once)."""
    claimed = PdfJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), progress=0, error=""
    )
    job = PdfJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return job.state if job else "missing"

    def progress(percent: int) -> None:
        PdfJob.objects.filter(pk=job_id, state=State.RUNNING).update(
            progress=max(0, min(int(percent), 99))
        )

    try:
        if job.kind not in kinds:
            raise UnknownPdfKind(gettext("Unknown kind of PDF: %(kind)s") % {"kind": job.kind})
        filename, content = kinds.get(job.kind).build(job, progress)
    except Exception as exc:
        error = _explain(exc)
        # Only while still ours: the sweep may have given up on this run meanwhile.
        PdfJob.objects.filter(pk=job_id, state=State.RUNNING).update(
            state=State.FAILED, error=error, finished_at=timezone.now()
        )
        logger.warning("PDF job %s (%s) failed: %s", job_id, job.kind, error, exc_info=exc)
        return State.FAILED

    with transaction.atomic():
        job.file.save(filename, ContentFile(content), save=False)
        PdfJob.objects.filter(pk=job_id, state=State.RUNNING).update(
            file=job.file.name, state=State.DONE, progress=100, finished_at=timezone.now()
        )
    return State.DONE


def _explain(exc: Exception) -> str:
    if isinstance(exc, PdfUnavailable | UnknownPdfKind):
        return str(exc)
    if isinstance(exc, SoftTimeLimitExceeded):
        return gettext("The PDF took too long to make (over %(seconds)s seconds).") % {
            "seconds": settings.PDF_TIME_LIMIT_SECONDS
        }
    return f"{exc.__class__.__name__}: {exc}"


def pdf_job_restart(*, job_id: int) -> bool:
    """Queue a failed job again."""
    restarted = PdfJob.objects.filter(pk=job_id, state=State.FAILED).update(
        state=State.QUEUED, progress=0, error="", started_at=None, finished_at=None
    )
    if restarted:
        _enqueue(job_id)
    return bool(restarted)


@sweep("pdf-jobs", label=gettext_lazy("PDF jobs: clean-up and ones that waited"))
def pdf_job_sweep() -> int:
    """Delete finished jobs (and their files) older than PDF_JOB_RETENTION_DAYS, mark jobs
    that have run far beyond the time limit as failed, and queue again jobs whose task was
    lost (or could not be queued at all: at once). Returns how many jobs it touched."""
    now = timezone.now()
    touched = 0
    expired = PdfJob.objects.filter(
        finished_at__lt=now - timedelta(days=settings.PDF_JOB_RETENTION_DAYS)
    )
    for job in expired:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        touched += 1
    touched += PdfJob.objects.filter(
        state=State.RUNNING,
        started_at__lt=now - timedelta(seconds=settings.PDF_TIME_LIMIT_SECONDS * 2),
    ).update(
        state=State.FAILED,
        error=gettext("The PDF job stopped without finishing. Start it again."),
        finished_at=now,
    )
    lost = PdfJob.objects.filter(state=State.QUEUED).filter(
        Q(created_at__lt=now - timedelta(minutes=10)) | Q(queue_failed_at__isnull=False)
    )
    lost_ids = list(lost.values_list("pk", flat=True))
    # Queued now; marked again if this try fails too.
    PdfJob.objects.filter(pk__in=lost_ids).update(queue_failed_at=None)
    for job_id in lost_ids:
        _enqueue(job_id)
        touched += 1
    return touched
