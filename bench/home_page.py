"""The home page (wheel, timeline, leadership) against a bare Django view, demo data, SQLite.

Both go through the same middleware and test client, so the ratio is what our page costs on
top of Django itself. Run on an in-memory test database, never the developer's own.
"""

import statistics
import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import path

import arshjul.urls

REQUESTS = 300
ROUNDS = 5


def bare(request):
    return HttpResponse("<!DOCTYPE html><title>bare</title><p>ok</p>")


urlpatterns = [path("bench-bare/", bare), *arshjul.urls.urlpatterns]


def per_second(client: Client, url: str) -> float:
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(url)
        rates.append(REQUESTS / (time.perf_counter() - start))
    return statistics.median(rates)


def run():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=StringIO())
        with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
            client = Client()
            client.get("/")  # warm the template cache
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/")
            assert response.status_code == 200, response.status_code
            query_count = len(queries)  # now: each request clears the connection's query log
            home = per_second(client, "/")
            baseline = per_second(client, "/bench-bare/")
        print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        print(f"home page: {home:8.1f} requests/s, {query_count} queries")
        print(f"bare view: {baseline:8.1f} requests/s")
        print(f"ratio    : {baseline / home:8.1f}× the cost of a bare Django view")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
