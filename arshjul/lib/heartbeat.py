"""The workers' heartbeat: every Celery worker records "alive, these queues, now" every
WORKER_HEARTBEAT_SECONDS (:func:`arshjul.lib.operations.worker_heartbeat_record`), so that
the web side (the Driftstatus page, the metrics) knows which queues have a worker.

A worker bootstep with a timer, not a signal: the timer runs in the worker's main process,
on its event loop, beside the pool, so a worker busy with a long PDF still reports, while a
worker whose main process hangs stops reporting; and the step's ``stop`` removes the row when
the worker stops cleanly. (Celery's own ``heartbeat_sent`` signal only fires with events on,
and ``worker_ready`` fires once.) Registered in :mod:`arshjul.celery` by name: this module is
imported by the worker once Django is set up.
"""

import logging

from celery import bootsteps
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def worker_queues(worker) -> list[str]:
    """The queues the worker consumes from (``-Q``), as it consumes them now."""
    consumer = getattr(worker, "consumer", None)
    task_consumer = getattr(consumer, "task_consumer", None)
    if task_consumer is not None:
        return sorted({queue.name for queue in task_consumer.queues})
    return sorted(worker.app.amqp.queues.consume_from or worker.app.amqp.queues)


def beat(worker, started_at) -> None:
    """Record one heartbeat; a database that is down is logged, never fatal to the worker.
    The main process keeps no connection between beats (its pool's children fork from it)."""
    from .operations import worker_heartbeat_record

    try:
        close_old_connections()
        worker_heartbeat_record(
            hostname=worker.hostname, queues=worker_queues(worker), started_at=started_at
        )
    except Exception:
        logger.warning("Could not record the heartbeat of %s", worker.hostname, exc_info=True)
    finally:
        connection.close()


class WorkerHeartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None
        self.started_at = None

    def start(self, worker):
        self.started_at = timezone.now()
        beat(worker, self.started_at)
        self.timer_ref = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, beat, (worker, self.started_at), priority=10
        )

    def stop(self, worker):
        from .operations import worker_heartbeat_forget

        if self.timer_ref is not None:
            self.timer_ref.cancel()
            self.timer_ref = None
        try:
            worker_heartbeat_forget(hostname=worker.hostname)
        except Exception:
            logger.warning("Could not remove the heartbeat of %s", worker.hostname, exc_info=True)
        finally:
            connection.close()
