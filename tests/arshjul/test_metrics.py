"""/metrics: for Prometheus, with its token; our gauges read from the database at each
scrape (the same figures whichever web process answers)."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from arshjul.lib import operations
from arshjul.lib.sweeps import run_sweeps, sweeps
from arshjul.models import OutgoingMail, PdfJob, SweepRun

pytestmark = pytest.mark.django_db

TOKEN = "a-long-metrics-token-for-the-tests"


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []


def scrape(client=None, token=TOKEN, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return (client or Client()).get("/metrics", **headers, **extra)


def value(body: str, name: str, **labels) -> float:
    """The sample ``name{labels}`` in Prometheus' text format."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = rf"^{re.escape(name)}{re.escape('{' + wanted + '}') if wanted else ''} (\S+)$"
    match = re.search(pattern, body, re.M)
    assert match, f"{name}{{{wanted}}} is not in the metrics"
    return float(match[1])


def a_mail(state, *, key, created_at=None, **fields):
    mail = OutgoingMail.objects.create(
        kind="test",
        to="mottagare@example.org",
        subject="Test",
        body_text="Hej",
        dedup_key=key,
        state=state,
        **fields,
    )
    if created_at:
        OutgoingMail.objects.filter(pk=mail.pk).update(created_at=created_at)
    return mail


def test_without_a_token_configured_the_address_does_not_exist(settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    assert Client().get("/metrics").status_code == 404
    assert scrape(token="anything").status_code == 404


def test_it_refuses_a_scraper_without_the_token_or_with_a_wrong_one(metrics_on):
    refused = scrape(token=None)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert scrape(token="wrong").status_code == 401
    assert scrape(token=TOKEN[:-1]).status_code == 401
    assert scrape(token="fel-lösenord").status_code == 401  # not only ASCII
    assert b"arshjul_" not in refused.content


def test_it_answers_the_right_token_with_requests_latencies_and_our_gauges(metrics_on):
    Client().get("/healthz")
    response = scrape()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    # Requests and latencies, from django-prometheus' middleware.
    assert "django_http_requests_latency_including_middlewares_seconds_bucket" in body
    assert "django_http_responses_total_by_status_total" in body
    assert value(body, "arshjul_metrics_database_ok") == 1
    assert value(body, "arshjul_outbox_failed") == 0


def test_a_network_that_is_allowed_scrapes_without_the_token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert scrape(token=None, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert scrape(token=None, REMOTE_ADDR="192.0.2.1").status_code == 401
    # X-Forwarded-For is anyone's to write: without trusted proxies it is not believed.
    forged = scrape(token=None, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.1.2.3")
    assert forged.status_code == 401


def test_it_reports_a_failed_mail_and_how_long_the_oldest_has_waited(metrics_on, frozen_now):
    frozen_now(2026, 12, 7, 21, 40)
    now = timezone.now()
    a_mail(OutgoingMail.State.FAILED, key="failed", last_error="550 No such mailbox")
    a_mail(OutgoingMail.State.QUEUED, key="waiting", created_at=now - datetime.timedelta(minutes=7))
    a_mail(OutgoingMail.State.QUEUED, key="new", created_at=now - datetime.timedelta(minutes=1))
    a_mail(OutgoingMail.State.SENT, key="sent", created_at=now - datetime.timedelta(days=2))

    body = scrape().content.decode()

    assert value(body, "arshjul_outbox_failed") == 1
    assert value(body, "arshjul_outbox_queued") == 2
    assert value(body, "arshjul_outbox_oldest_waiting_age_seconds") == 7 * 60


def test_it_reports_pdf_jobs_waiting_and_failed(metrics_on):
    PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.QUEUED)
    PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.FAILED, error="Nej")
    PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.FAILED, error="Nej")
    body = scrape().content.decode()
    assert value(body, "arshjul_pdf_jobs_waiting") == 1
    assert value(body, "arshjul_pdf_jobs_failed") == 2


def test_it_reports_each_sweeps_last_run_after_run_sweeps(metrics_on, frozen_now):
    frozen_now(2026, 12, 7, 21, 40)

    @sweeps.register(name="test-broken")
    def broken():
        raise RuntimeError("the disk is full")

    try:
        run_sweeps(["outbox", "test-broken"])
    finally:
        sweeps.unregister("test-broken")
    body = scrape().content.decode()

    moment = datetime.datetime(2026, 12, 7, 20, 40, tzinfo=datetime.UTC).timestamp()
    assert value(body, "arshjul_sweep_last_run_timestamp_seconds", sweep="outbox") == moment
    assert value(body, "arshjul_sweep_last_run_failed", sweep="outbox") == 0
    assert value(body, "arshjul_sweep_last_run_failed", sweep="test-broken") == 1
    assert SweepRun.objects.get(name="test-broken").error == "RuntimeError: the disk is full"


def test_it_reports_a_workers_heartbeat_as_seconds_since_it_was_seen(metrics_on, frozen_now):
    frozen_now(2026, 12, 7, 21, 40)
    operations.worker_heartbeat_record(hostname="default@web1", queues=["default"])
    frozen_now(2026, 12, 7, 21, 40, 45)

    body = scrape().content.decode()

    assert (
        value(body, "arshjul_worker_heartbeat_age_seconds", worker="default@web1", queues="default")
        == 45
    )
    assert value(body, "arshjul_queue_workers_alive", queue="default") == 1
    assert value(body, "arshjul_queue_workers_alive", queue="pdf") == 0


def test_a_scrape_asks_the_database_the_same_few_things_however_many_rows(
    metrics_on, django_assert_max_num_queries
):
    for n in range(30):
        a_mail(OutgoingMail.State.FAILED, key=f"failed-{n}")
        PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.FAILED)
        operations.worker_heartbeat_record(hostname=f"w{n}@host", queues=["default"])
    for name in sweeps.names():
        operations.sweep_run_record(
            name=name, started_at=timezone.now(), finished_at=timezone.now(), result=0
        )
    with django_assert_max_num_queries(4):
        assert scrape().status_code == 200


def test_with_several_gunicorn_processes_a_scrape_counts_the_requests_of_them_all(tmp_path):
    """prometheus_client's multiprocess mode: PROMETHEUS_MULTIPROC_DIR set, two processes."""
    import os
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from tests.helpers import ROOT
    from tests.smtp import free_port

    port = free_port()
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DEBUG": "true",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    command = [sys.executable, "-m", "gunicorn", "arshjul.wsgi", "--bind", f"127.0.0.1:{port}"]
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "--workers", "2"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )

    def get(path, token=None):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - ours
            return response.read().decode()

    try:
        for _ in range(200):
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.1)
        # Many requests on fresh connections: both processes answer some of them.
        for _ in range(40):
            get("/healthz")
        body = get("/metrics", token=TOKEN)
    finally:
        server.terminate()
        server.wait(timeout=30)
    files = {p.name.rsplit("_", 1)[-1] for p in (tmp_path / "prometheus").glob("counter_*.db")}
    assert len(files) == 2, (files, log.read_text()[-2000:])  # a file for each process
    healthz = value(
        body,
        "django_http_requests_total_by_view_transport_method_total",
        method="GET",
        transport="http",
        view="healthz",
    )
    assert healthz >= 41  # every request counted, whichever process took it
    assert value(body, "arshjul_metrics_database_ok") == 0  # no tables in that database


def test_a_token_beyond_ascii_stops_start_up_saying_why():
    from tests.helpers import run_python

    result = run_python(
        "import django; django.setup()", DEBUG="true", METRICS_TOKEN="hemlig-nyckel-å"
    )
    assert result.returncode != 0 and "METRICS_TOKEN must be ASCII" in result.stderr
