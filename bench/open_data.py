"""The open data's indicators with 48 indicators × 17 places × 10 years: an indicator's full
series and the whole values list in pages of 1,000 (the first and a middle one) under
gunicorn, from the page cache and made anew, against the bare view in the same run; and the
bulk CSV of every value, its time and peak memory.
"""

import statistics
import time
import tracemalloc
import urllib.error
import urllib.request
from decimal import Decimal

from . import server

YEARS = range(2016, 2026)
GOAL_PUBLIC = 0.5
SERIES = "N00914"
CSV = "/oppna-data/filer/indikatorvarden.csv"
# wrk asks from one address far more often than a person may: the limit out of the way.
UNLIMITED = {"OPEN_DATA_RATE_LIMIT": "1000000000"}


def _fill() -> int:
    """Every indicator with ten years for the county and its 16 municipalities, where the
    demo has none (straight into the tables, then ANALYZE); the number of values."""
    from django.db import connection

    from arshjul.lib import page_cache
    from indicators.models import Geography, Indicator, IndicatorValue

    places = list(Geography.objects.all())
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                indicator=i,
                geography=g,
                year=y,
                value=Decimal(50 + (y % 7) + (g.pk % 5)) + Decimal("0.125"),
                is_demo=True,
            )
            for i in Indicator.objects.all()
            for g in places
            for y in YEARS
        ),
        ignore_conflicts=True,  # the demo's own values stay
        batch_size=2000,
    )
    page_cache.rows_changed(IndicatorValue)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return IndicatorValue.objects.count()


def _size(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        return len(response.read())


def _csv_in_process() -> str:
    """The bulk CSV made anew in this process (once to warm up, then timed, then again under
    tracemalloc for its peak): seconds, peak Python memory, size; or why not."""
    from django.test import RequestFactory, override_settings
    from django.urls import Resolver404, resolve

    try:
        match = resolve(CSV)
    except Resolver404:
        return "not available (no such address in this tree)"

    def made() -> int:
        request = RequestFactory().get(CSV, REMOTE_ADDR="192.0.2.1")
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200:
            raise LookupError(response.status_code)
        content = response.streaming_content if response.streaming else [response.content]
        return sum(len(chunk) for chunk in content)

    with override_settings(PAGE_CACHE=False, OPEN_DATA_RATE_LIMIT=10**9):
        try:
            made()
        except LookupError as error:
            return f"not available (it answered {error})"
        times = []
        for _ in range(3):
            started = time.perf_counter()
            size = made()
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        made()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return (
        f"{statistics.median(times):.2f} s (median of 3), peak {peak / 2**20:.1f} MiB Python "
        f"memory, {size / 2**20:.1f} MiB"
    )


def _csv_under_gunicorn(base: str) -> str:
    """Three fetches of the bulk CSV from the server: the median's seconds."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        try:
            _size(base + CSV)
        except urllib.error.HTTPError as error:
            return f"not available (it answered {error.code})"
        times.append(time.perf_counter() - started)
    return f"{statistics.median(times):.2f} s (median of 3)"


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    values = _fill()
    print(f"machine: {server.machine()}")
    print(f"48 indicators × 17 places × {len(YEARS)} years: {values} values")
    middle = (-(-values // 1000) + 1) // 2  # of ceil(values / 1000) pages
    pages = [
        ("an indicator's full series", f"/api/v1/indicators/{SERIES}/values/"),
        ("all values, page 1 of 1,000", "/api/v1/values/?page_size=1000"),
        ("all values, a middle page", f"/api/v1/values/?page_size=1000&page={middle}"),
    ]
    csv_times = {}
    for cached in [False, True]:
        print()
        print("## from the page cache" if cached else "## made anew (PAGE_CACHE=false)")
        with server.gunicorn(PAGE_CACHE="true" if cached else "false", **UNLIMITED) as base:
            server.queries(base + "/bench/bare/")
            counts, sizes = {}, {}
            for label, url in pages:
                server.queries(base + url)  # made, and kept when the cache is on
                counts[label] = server.queries(base + url)
                sizes[label] = _size(base + url)
            rounds = []
            for _ in range(server.ROUNDS):
                loads = {"bare": server.wrk(base + "/bench/bare/")}
                for label, url in pages:
                    loads[label] = server.wrk(base + url)
                rounds.append(loads)
            csv_times[cached] = _csv_under_gunicorn(base)
        bare = statistics.median(r["bare"].per_second for r in rounds)
        print(f"the bare view: {bare:,.0f} requests/s (median of the rounds)")
        print(
            "| answer | ratio to a bare view, median (min) | goal | p50 / p99 ms | KB | queries |"
        )
        print("|---|---|---|---|---|---|")
        for label, _url in pages:
            ratios = [r[label].per_second / r["bare"].per_second for r in rounds]
            median, lowest = server.median_and_min(ratios)
            middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
            errors = sum(r[label].errors for r in rounds)
            flag = "ok" if lowest >= GOAL_PUBLIC else "below"
            print(
                f"| {label} | {median:.2f} ({lowest:.2f}) | ≥ {GOAL_PUBLIC} {flag} | "
                f"{middle.p50_ms:.1f} / {middle.p99_ms:.1f} | {sizes[label] / 1024:.0f} | "
                f"{counts[label]} |" + (f" {errors} errors" if errors else "")
            )
    print()
    print(f"the bulk CSV of every value ({CSV}):")
    print(f"- made in this process: {_csv_in_process()}")
    print(f"- from gunicorn, made anew: {csv_times[False]}; with the page cache: {csv_times[True]}")
