"""Scheduled sweeps: periodic, idempotent services (re-queue the outbox, clean up old PDFs,
and — in later issues — send the reminders that are due).

Beat runs them all through one periodic task (``CELERY_BEAT_SCHEDULE``); without beat,
``python manage.py run_sweeps`` (from cron, or by hand on a laptop) runs the same services.
An app adds one with the :func:`sweep` decorator, in a module its ``AppConfig.ready()`` imports.
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_sweeps: dict[str, Callable[[], int]] = {}


def sweep(name: str):
    """Register a sweep: a function that does what is due and returns how many things it did."""

    def register(function: Callable[[], int]) -> Callable[[], int]:
        _sweeps[name] = function
        return function

    return register


def registered() -> list[str]:
    return list(_sweeps)


def run_sweeps(names: list[str] | None = None) -> dict[str, int | str]:
    """Run the named sweeps (all by default). One failing sweep does not stop the others."""
    unknown = set(names or []) - set(_sweeps)
    if unknown:
        raise KeyError(f"No such sweep: {', '.join(sorted(unknown))}")
    results: dict[str, int | str] = {}
    for name in names or list(_sweeps):
        try:
            results[name] = _sweeps[name]()
        except Exception as exc:
            logger.exception("Sweep %s failed", name)
            results[name] = f"error: {exc.__class__.__name__}: {exc}"
    return results
