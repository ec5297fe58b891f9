"""The indicators page and the status analysis with 48 indicators × 10 years × 17 places:
their queries (the same as with the demo's indicators), their ratio to a bare view under
gunicorn with and without the page cache, and the analysis PDF's render time.
"""

import time
import uuid
from decimal import Decimal

from . import server

INDICATORS = 48
YEARS = range(2016, 2026)
GOAL_PUBLIC = 0.5


def _fill():
    """Indicators up to 48, every one with ten years for the county and its 16 municipalities,
    all in the upcoming cycle's analysis (straight into the tables, then ANALYZE)."""
    from django.db import connection
    from django.utils import timezone

    from arshjul import demo
    from arshjul.lib import page_cache
    from indicators.models import (
        AnalysisSection,
        Area,
        Geography,
        Indicator,
        IndicatorValue,
        StatusAnalysis,
    )

    year = demo.upcoming_cycle_year(timezone.localdate())
    areas = list(Area.objects.all())
    places = list(Geography.objects.all())
    have = Indicator.objects.count()
    new = Indicator.objects.bulk_create(
        Indicator(
            code=f"BENCH-{n}",
            name=f"Indikator {n} för mätningen",
            area=areas[n % len(areas)],
            unit="%",
            source="other",
            levels="municipalities",
            position=100 + n,
        )
        for n in range(INDICATORS - have)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=i, geography=g, year=y, value=Decimal(50 + (y % 7) + (g.pk % 5)), is_demo=True
        )
        for i in new
        for g in places
        for y in YEARS
    )
    analysis = StatusAnalysis.objects.get(cycle__year=year, stage="preliminary")
    sections = list(analysis.sections.all())
    for n, indicator in enumerate(Indicator.objects.all()):
        sections[n % len(sections)].indicators.add(indicator)
    for model in (Indicator, IndicatorValue, AnalysisSection):
        page_cache.rows_changed(model)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    values = IndicatorValue.objects.count()
    return year, analysis, values


def _pdf_seconds(analysis) -> float:
    from indicators.analysis import status_analysis_pdf

    class Job:
        parameters = {"analysis_id": analysis.pk}

    started = time.perf_counter()
    status_analysis_pdf(Job, lambda percent: None)
    return time.perf_counter() - started


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    year, analysis, values = _fill()
    print(f"machine: {server.machine()}")
    print(f"{INDICATORS} indicators, {values} values; every indicator in the analysis")
    pages = [
        ("the indicators page", "/indikatorer/"),
        ("the status analysis", f"/arshjul/{year}/nulagesanalys/"),
    ]
    for cached in [False, True]:
        print()
        print("## with the page cache" if cached else "## without the page cache")
        with server.gunicorn(PAGE_CACHE="true" if cached else "false") as base:
            server.queries(base + "/bench/bare/")
            counts = {}
            for label, url in pages:
                fresh = f"{base}{url}?n={uuid.uuid4().hex}"
                counts[label] = server.queries(fresh)
                server.queries(base + url)
            rounds = []
            for _ in range(server.ROUNDS):
                loads = {"bare": server.wrk(base + "/bench/bare/")}
                for label, url in pages:
                    loads[label] = server.wrk(base + url)
                rounds.append(loads)
        print("| page | ratio to a bare view, median (min) | goal | p50 / p99 ms | queries |")
        print("|---|---|---|---|---|")
        for label, _url in pages:
            ratios = [r[label].per_second / r["bare"].per_second for r in rounds]
            median, lowest = server.median_and_min(ratios)
            middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
            flag = "ok" if lowest >= GOAL_PUBLIC else "below"
            print(
                f"| {label} | {median:.2f} ({lowest:.2f}) | ≥ {GOAL_PUBLIC} {flag} | "
                f"{middle.p50_ms:.1f} / {middle.p99_ms:.1f} | {counts[label]} |"
            )
    try:
        seconds = _pdf_seconds(analysis)
    except Exception as error:  # noqa: BLE001 - e.g. no Pango here: say so, keep the figures
        print(f"\nthe analysis PDF: not made ({error.__class__.__name__})")
    else:
        print(f"\nthe analysis PDF ({INDICATORS} charts): {seconds:.2f} s")
