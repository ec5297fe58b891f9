"""Scheduled sweeps: periodic, idempotent services (re-queue the outbox, clean up old PDFs,
send the reminders that are due, erase personal data on time).

Beat runs them all through one periodic task (``CELERY_BEAT_SCHEDULE``); without beat,
``python manage.py run_sweeps`` (from cron, or by hand on a laptop) runs the same services.
An app adds one with the :func:`sweep` decorator, in a module its ``AppConfig.ready()`` imports.
Every run of a sweep is recorded (:func:`arshjul.lib.operations.sweep_run_record`), for the
Driftstatus page and the metrics.
"""

import logging
from collections.abc import Callable

from django.utils import timezone

from .operations import sweep_run_record
from .registry import Registry

logger = logging.getLogger(__name__)

sweeps = Registry("sweep")


_labels: dict[str, str] = {}


def sweep(name: str, *, label: str = ""):
    """Register a sweep: a function that does what is due and returns how many things it did.
    ``label`` says in words what it does (the Driftstatus page shows it; a lazy translation)."""

    def register(function: Callable[[], int]) -> Callable[[], int]:
        _labels[name] = label or name
        return sweeps.register(function, name=name)

    return register


def registered() -> list[str]:
    return sweeps.names()


def labels() -> dict[str, str]:
    """Each registered sweep's name, with what it does in words."""
    return {name: _labels.get(name, name) for name in sweeps.names()}


def run_sweeps(names: list[str] | None = None) -> dict[str, int | str]:
    """Run the named sweeps (all by default) and record each run. One failing sweep does not
    stop the others."""
    unknown = set(names or []) - set(sweeps.names())
    if unknown:
        raise KeyError(f"No such sweep: {', '.join(sorted(unknown))}")
    results: dict[str, int | str] = {}
    for name in names or sweeps.names():
        started_at = timezone.now()
        try:
            results[name] = sweeps.get(name)()
        except Exception as exc:
            logger.exception("Sweep %s failed", name)
            error = f"{exc.__class__.__name__}: {exc}"
            results[name] = f"error: {error}"
            sweep_run_record(
                name=name, started_at=started_at, finished_at=timezone.now(), error=error
            )
        else:
            sweep_run_record(
                name=name, started_at=started_at, finished_at=timezone.now(), result=results[name]
            )
    return results
