"""Celery tasks of the infrastructure: ids in, one service call, retries for transient errors
only. Services queue them by name (:func:`arshjul.lib.background.enqueue_on_commit`), so
that a service never imports its task: each name is a constant beside the service that queues
it (``outbox.SEND_TASK``), which a search finds in both places; the names stay the same when
modules move (a message already in the broker still finds its task)."""

from celery import shared_task
from django.conf import settings

from . import outbox, pdf_jobs, sweeps


@shared_task(name=outbox.SEND_TASK, bind=True, max_retries=None)
def outbox_send_task(self, mail_id: int) -> str:
    try:
        return outbox.outbox_send(mail_id=mail_id)
    except outbox.TransientMailError as exc:
        if self.request.is_eager:
            # No broker (a laptop): don't block the web request retrying; the row waits in
            # the queue with its next attempt time for `run_sweeps`.
            return outbox.State.QUEUED
        raise self.retry(exc=exc, countdown=exc.retry_in) from exc


@shared_task(
    name=pdf_jobs.RENDER_TASK,
    time_limit=settings.PDF_TIME_LIMIT_SECONDS + 30,
    soft_time_limit=settings.PDF_TIME_LIMIT_SECONDS,
)
def pdf_job_render(job_id: int) -> str:
    return pdf_jobs.pdf_job_run(job_id=job_id)


@shared_task(name="arshjul.tasks.run_sweeps")
def run_sweeps() -> dict:
    return sweeps.run_sweeps()
