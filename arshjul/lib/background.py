"""Queueing Celery tasks from a web request without ever failing it.

A task is queued when the transaction commits (a worker must see the row it is about). If
the broker cannot be reached, the request goes on: the row waits, and the sweep that owns
that kind of row (the outbox's, the PDF jobs', the sign-in requests') queues it once the
broker is back — with the very next sweep: the caller says how to mark the row as due
(``on_failure``), instead of the sweep waiting minutes to be sure a task was lost. After one
failure, publishing is skipped for a short while, so that a request that queues twenty
e-mails does not wait twenty times for a broker that is down.

With no broker configured (a laptop), tasks run at once in the calling process, and their
errors are not hidden.
"""

import logging
import time
from collections.abc import Callable

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

# Seconds to stop trying a broker that just failed (per process).
BACKOFF_SECONDS = 30
_skip_until = 0.0


def enqueue_on_commit(
    task_name: str, *args, on_failure: Callable[[], object] | None = None
) -> None:
    """Queue the task named ``task_name`` with ``args`` once the current transaction commits
    (at once outside one). Tasks are named, not imported: a service never imports its task
    module (which imports the service).

    ``on_failure`` is called when the task could not be queued (the broker failed, or was
    skipped after a recent failure): it marks the row as due for the next sweep."""
    task = current_app.tasks[task_name]  # a KeyError names a task nobody registered
    transaction.on_commit(lambda: _publish(task, args, on_failure))


def _publish(task, args, on_failure=None) -> None:
    global _skip_until
    if task.app.conf.task_always_eager:
        task.apply(args=args, throw=True)
        return
    if time.monotonic() < _skip_until:
        logger.warning("Broker unavailable: %s%s waits for its sweep.", task.name, args)
        _failed(task, args, on_failure)
        return
    try:
        task.apply_async(args=args)
    except Exception:  # kombu's OperationalError, redis' ConnectionError, a timeout…
        _skip_until = time.monotonic() + BACKOFF_SECONDS
        logger.warning(
            "Could not queue %s%s; it waits for its sweep.", task.name, args, exc_info=True
        )
        _failed(task, args, on_failure)


def _failed(task, args, on_failure) -> None:
    if on_failure is None:
        return
    try:
        on_failure()
    except Exception:  # the request goes on; the sweep still finds the row, only later
        logger.warning("Could not mark %s%s as due.", task.name, args, exc_info=True)


def broker_recovered() -> None:
    """Forget a recent failure (tests, and a worker that knows the broker is back)."""
    global _skip_until
    _skip_until = 0.0
