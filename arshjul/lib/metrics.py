"""The Prometheus endpoint, ``/metrics``: django-prometheus' request counters and latencies,
and our own gauges, read from the database at each scrape (:class:`ArshjulCollector`), so
every web process reports the same figures whichever one is scraped.

Guarded: a scraper sends ``Authorization: Bearer <METRICS_TOKEN>`` (compared in constant
time) or comes from one of METRICS_ALLOWED_NETWORKS. With neither configured the address
answers 404, as if it did not exist.

With PROMETHEUS_MULTIPROC_DIR set (several gunicorn processes), the counters of every process
are read from that folder (prometheus_client's multiprocess mode; gunicorn.conf.py empties it
at start and marks a finished process's gauges dead).
"""

import hmac
import logging
import os

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from . import operations
from .ratelimit import client_ip, in_networks

logger = logging.getLogger(__name__)


class ArshjulCollector:
    """Our gauges, computed when scraped: four queries, however many rows there are."""

    def collect(self):
        ok = GaugeMetricFamily(
            "arshjul_metrics_database_ok",
            "1 if the figures below could be read from the database, else 0.",
        )
        try:
            families = list(self._families())
        except DatabaseError:
            logger.warning("Metrics: the database could not be read", exc_info=True)
            ok.add_metric([], 0)
            yield ok
            return
        ok.add_metric([], 1)
        yield ok
        yield from families

    def _families(self):
        now = timezone.now()
        outbox = operations.outbox_figures()
        yield _gauge("arshjul_outbox_queued", "E-mails queued to be sent.", outbox.queued)
        yield _gauge("arshjul_outbox_sending", "E-mails being sent now.", outbox.sending)
        yield _gauge(
            "arshjul_outbox_failed",
            "E-mails that failed and can be sent again (not yet erased).",
            outbox.failed,
        )
        yield _gauge(
            "arshjul_outbox_oldest_waiting_age_seconds",
            "How long the oldest e-mail not yet sent has waited (0: none waits).",
            outbox.oldest_waiting_seconds(now),
        )

        pdf = operations.pdf_job_figures()
        yield _gauge("arshjul_pdf_jobs_waiting", "PDF jobs waiting for a worker.", pdf.waiting)
        yield _gauge("arshjul_pdf_jobs_running", "PDF jobs being made now.", pdf.running)
        yield _gauge("arshjul_pdf_jobs_failed", "PDF jobs that failed.", pdf.failed)

        finished = GaugeMetricFamily(
            "arshjul_sweep_last_run_timestamp_seconds",
            "When each sweep last finished (Unix time).",
            labels=["sweep"],
        )
        failed = GaugeMetricFamily(
            "arshjul_sweep_last_run_failed",
            "1 if the sweep's last run failed, else 0.",
            labels=["sweep"],
        )
        succeeded = GaugeMetricFamily(
            "arshjul_sweep_last_success_timestamp_seconds",
            "When each sweep last ran without error (Unix time).",
            labels=["sweep"],
        )
        for run in operations.sweep_runs():
            finished.add_metric([run.name], run.finished_at.timestamp())
            failed.add_metric([run.name], 1 if run.failed else 0)
            if run.succeeded_at:
                succeeded.add_metric([run.name], run.succeeded_at.timestamp())
        yield from (finished, failed, succeeded)

        age = GaugeMetricFamily(
            "arshjul_worker_heartbeat_age_seconds",
            "Seconds since each Celery worker last recorded its heartbeat.",
            labels=["worker", "queues"],
        )
        heartbeats = operations.worker_heartbeats()
        for worker in heartbeats:
            age.add_metric(
                [worker.hostname, worker.queues], max((now - worker.seen_at).total_seconds(), 0)
            )
        yield age
        alive = GaugeMetricFamily(
            "arshjul_queue_workers_alive",
            "Celery workers alive (seen within three heartbeats) taking tasks from each queue.",
            labels=["queue"],
        )
        for queue in operations.expected_queues():
            count = sum(
                1 for w in heartbeats if queue in w.queue_names and operations.worker_alive(w, now)
            )
            alive.add_metric([queue], count)
        yield alive


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


_ours = CollectorRegistry(auto_describe=False)
_ours.register(ArshjulCollector())


def metrics_enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_ALLOWED_NETWORKS)


def scraper_allowed(request) -> bool:
    """The right bearer token (constant-time comparison), or an allowed network."""
    token = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    # Bytes: compare_digest refuses a str with characters beyond ASCII (a 500, not a 401).
    given = given.strip().encode()
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given, token.encode()):
        return True
    return in_networks(client_ip(request), settings.METRICS_ALLOWED_NETWORKS)


def exposition() -> bytes:
    """Every metric in Prometheus' text format: the processes' own (one process's, or all
    gunicorn processes' in multiprocess mode), then ours."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    return generate_latest(processes) + generate_latest(_ours)


@never_cache
@require_GET
def metrics_view(request):
    if not metrics_enabled():
        raise Http404
    if not scraper_allowed(request):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
