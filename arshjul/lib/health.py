"""Health of the parts the site depends on, for /healthz and the operators' probes."""

from django.conf import settings
from django.db import connections


def database_state(alias: str = "default") -> dict:
    """Open a fresh connection and run one query, without touching the request's connection."""
    connection = connections.create_connection(alias)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - any failure means "down"; the class says why
        return {"ok": False, "error": exc.__class__.__name__}
    finally:
        connection.close()


def broker_state() -> dict:
    """Connect to the Celery broker if one is configured; None-configured is healthy."""
    if settings.CELERY_BROKER_URL in {"", "memory://"}:  # tasks run in the web process
        return {"ok": True, "configured": False}
    from celery import current_app as app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return {"ok": True, "configured": True}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "configured": True, "error": exc.__class__.__name__}


def site_health() -> tuple[bool, dict]:
    parts = {"database": database_state(), "broker": broker_state()}
    healthy = all(part["ok"] for part in parts.values())
    return healthy, {"status": "ok" if healthy else "unavailable", **parts}
