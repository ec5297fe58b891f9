"""Every public page made anew (the page cache off) with a full year of data, against the goal
of 50 ms p50, and each page's first visit in bytes over the wire against the goal of 100 KB.

The year: 48 indicators × 17 places × 10 years, every one in the status analysis
(bench/indicators.py, bench/open_data.py),
60 organisations' working material, the work meeting's notes and the people at each meeting
(bench/followup_report.py) with the lägesbild published (bench/picture.py) and the follow-up
report a draft, and a survey of 20 questions with SURVEY_RESPONSES submitted responses and its
summary published (bench/survey_results.py). Their loaders are reused as they are.

Latency: wrk with one connection (one request at a time: a page's own time, not a queue) on
gunicorn with ``PAGE_CACHE=false``, each page after the bare view in the same round; its p50
and p99, its ratio to the bare view, and its queries (X-Queries). Made anew means the page is
made, with what is kept per version of its data (the analysis's charts, the lägesbild's and
the report's bodies) read from the shared cache; "just after a change" is one answer made
right after every model's version was bumped (median of 3): all of it drawn anew.

Weight: what a browser with an empty cache fetches for the page: the HTML, every stylesheet,
script, image and icon it names, and the fonts and images its stylesheets name (the first
source of each @font-face: the one a browser takes), each asked for with
``Accept-Encoding: br, gzip`` as a browser asks; bodies' bytes as they came (headers not
counted). The HTML is given both as served and as brotli would make it (quality 11, as a
page cache that keeps pages compressed would), so that the figure holds either way.
"""

import os
import re
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

from . import server

GOAL_MS = 50  # p50, made anew
GOAL_KB = 100  # a first visit, over the wire
SURVEY_RESPONSES = int(os.environ.get("BENCH_SURVEY_RESPONSES", "1000"))


def _fill() -> dict:
    """A full year in the bench database (the other benchmarks' loaders); the addresses."""
    from django.db import connection
    from django.utils import timezone

    from arshjul import demo
    from indicators.models import Indicator
    from survey.models import Survey

    from . import followup_report, indicators, open_data, picture, survey_results

    year, _analysis, _values = indicators._fill()  # 48 indicators, every one in the analysis
    values = open_data._fill()  # each with ten years for the county and its municipalities
    followup_report._fill()
    _cycle, _picture, challenge = picture._fill()  # after the report's: it publishes it
    survey = survey_results._survey(SURVEY_RESPONSES)
    # The summary shows the cycle's first survey with published results: this one.
    Survey.objects.exclude(pk=survey.pk).update(results_published_at=None)
    from arshjul.lib import page_cache

    page_cache.rows_changed(Survey)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    assert year == demo.upcoming_cycle_year(timezone.localdate())
    indicator = (
        Indicator.objects.filter(values__geography__level="municipality").order_by("position")
    ).first()
    print(
        f"a year: {Indicator.objects.count()} indicators, {values} values; "
        f"{followup_report.ORGANISATIONS} organisations' working material and the notes; "
        f"a survey with {SURVEY_RESPONSES} responses"
    )
    return {"year": year, "indicator": indicator.code, "challenge": challenge.pk}


def _pages(year: int, indicator: str, challenge: int) -> list[tuple[str, str]]:
    return [
        ("home /", "/"),
        ("the cycles", "/arshjul/"),
        ("a cycle's page", f"/arshjul/{year}/"),
        ("the meetings list", f"/arshjul/{year}/moten/"),
        ("a meeting's page", f"/arshjul/{year}/moten/arbetsmote/"),
        ("a meeting's .ics", f"/arshjul/{year}/moten/arbetsmote/kalender.ics"),
        ("the cycle's .ics feed", f"/arshjul/{year}/kalender.ics"),
        ("/indikatorer/", "/indikatorer/"),
        ("an indicator", f"/indikatorer/{indicator}/"),
        ("the status analysis", f"/arshjul/{year}/nulagesanalys/"),
        ("the survey's public summary", f"/arshjul/{year}/enkat/"),
        ("the lägesbild", f"/arshjul/{year}/lagesbild/"),
        ("a challenge's lägesbild", f"/arshjul/{year}/lagesbild/{challenge}/"),
        ("the follow-up report", f"/arshjul/{year}/uppfoljningsrapport/"),
        ("the lessons", f"/arshjul/{year}/lardomar/"),
    ]


# --- Weight ---------------------------------------------------------------------------------


class _Assets(HTMLParser):
    """The addresses an HTML page makes a browser fetch: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and attrs.get("href") and {"stylesheet", "icon", "preload"} & set(rel):
            self.found.append(attrs["href"])
        elif tag in {"script", "img"} and attrs.get("src"):
            self.found.append(attrs["src"])


FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]([^'\"]+)['\"]")


def _css_urls(css: str) -> list[str]:
    """A stylesheet's own fetches: @imports, each @font-face's first source, other url()s."""
    found = IMPORT.findall(css)
    for face in FONT_FACE.findall(css):
        sources = [u for u in URL.findall(face) if not u.startswith("data:")]
        found += sources[:1]
    rest = FONT_FACE.sub("", css)
    found += [u for u in URL.findall(rest) if not u.startswith(("data:", "#"))]
    return found


def _fetch(url: str) -> tuple[int, bytes, str, str]:
    """(bytes over the wire, the body decoded, Content-Type, Content-Encoding)."""
    import gzip

    import brotli

    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        raw = response.read()
        encoding = response.headers.get("Content-Encoding", "")
        kind = response.headers.get("Content-Type", "")
    body = (
        brotli.decompress(raw)
        if encoding == "br"
        else gzip.decompress(raw)
        if encoding == "gzip"
        else raw
    )
    return len(raw), body, kind, encoding


def weight(base: str, path: str) -> dict:
    """A first visit to ``path``: the HTML as served and as brotli, and each asset's bytes."""
    import brotli

    wire, html, kind, encoding = _fetch(base + path)
    page = {
        "html": wire,
        "html_raw": len(html),
        "html_br": len(brotli.compress(html, quality=11)),
        "html_encoding": encoding or "none",
        "assets": {},
    }
    if "html" not in kind:
        return page
    parser = _Assets()
    parser.feed(html.decode())
    todo = [urllib.parse.urljoin(base + path, u) for u in parser.found]
    while todo:
        url = todo.pop(0)
        if url in page["assets"] or not url.startswith(base):
            continue
        size, body, kind, encoding = _fetch(url)
        page["assets"][url] = (size, encoding or "none")
        if "css" in kind:
            todo += [urllib.parse.urljoin(url, u) for u in _css_urls(body.decode())]
    return page


# --- Latency --------------------------------------------------------------------------------


def _latency(base: str, pages) -> tuple[list, dict]:
    server.queries(base + "/bench/bare/")
    counts = {}
    for label, url in pages:
        server.queries(base + url)  # warm the worker (imports, templates)
        counts[label] = server.queries(f"{base}{url}?n={uuid.uuid4().hex}")
    rounds = []
    for _ in range(server.ROUNDS):
        loads = {}
        for label, url in pages:
            loads["bare"] = loads.get("bare") or server.wrk(
                base + "/bench/bare/", connections=1, threads=1
            )
            loads[label] = server.wrk(base + url, connections=1, threads=1)
        rounds.append(loads)
    return rounds, counts


def _after_a_change_ms(url: str, times: int = 3) -> float:
    """The median time of an answer made just after every model's rows changed (each version
    bumped, as a save does): nothing kept is valid, every chart and body drawn anew."""
    import time

    from django.apps import apps

    from arshjul.lib import page_cache

    configs = [c for c in apps.get_app_configs() if not c.name.startswith("django.")]
    models = [model for config in configs for model in config.get_models()]
    spent = []
    for _ in range(times):
        for model in models:
            page_cache.rows_changed(model)
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as answer:
            answer.read()
        spent.append((time.perf_counter() - started) * 1000)
    return sorted(spent)[len(spent) // 2]


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    found = _fill()
    pages = _pages(found["year"], found["indicator"], found["challenge"])
    print(f"machine: {server.machine()}; wrk: 1 connection")
    with server.gunicorn(PAGE_CACHE="false") as base:
        rounds, counts = _latency(base, pages)
        changed = {label: _after_a_change_ms(base + url) for label, url in pages}
        weights = {label: weight(base, url) for label, url in pages}
    print()
    print("## made anew (PAGE_CACHE=false)")
    print()
    print(
        "| page | p50 / p99 ms | goal p50 | ratio to a bare view, median (min) | queries | "
        "just after a change, ms |"
    )
    print("|---|---|---|---|---|---|")
    for label, _url in pages:
        ratios = [r[label].per_second / r["bare"].per_second for r in rounds]
        median, lowest = server.median_and_min(ratios)
        middle = sorted(rounds, key=lambda r: r[label].p50_ms)[len(rounds) // 2][label]
        flag = "ok" if middle.p50_ms <= GOAL_MS else "OVER"
        errors = sum(r[label].errors for r in rounds)
        print(
            f"| {label} | {middle.p50_ms:.1f} / {middle.p99_ms:.1f} | ≤ {GOAL_MS} {flag} | "
            f"{median:.2f} ({lowest:.2f}) | {counts[label]} | {changed[label]:.0f} |"
            + (f" {errors} errors" if errors else "")
        )
    bare = sorted(rounds, key=lambda r: r["bare"].p50_ms)[len(rounds) // 2]["bare"]
    print(f"\nthe bare view: p50 / p99 {bare.p50_ms:.1f} / {bare.p99_ms:.1f} ms, 1 connection")
    _report_weights(pages, weights)


def _report_weights(pages, weights):
    print()
    print("## a first visit's weight (Accept-Encoding: br, gzip; bodies, KB = 1,000 bytes)")
    print()
    print(
        "| page | HTML as served (encoding) | HTML as brotli | CSS, JS, fonts, images | "
        "total, HTML as served | total, HTML as brotli | goal (brotli) |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, _url in pages:
        page = weights[label]
        assets = sum(size for size, _enc in page["assets"].values())
        served, total = page["html"] + assets, page["html_br"] + assets
        flag = "ok" if total <= GOAL_KB * 1000 else "OVER"
        print(
            f"| {label} | {page['html'] / 1000:.1f} ({page['html_encoding']}) | "
            f"{page['html_br'] / 1000:.1f} | {assets / 1000:.1f} | {served / 1000:.1f} | "
            f"{total / 1000:.1f} | ≤ {GOAL_KB} {flag} |"
        )
    every = {}
    for page in weights.values():
        every.update(page["assets"])
    print("\nthe assets (the same on every page that names them):")
    for url, (size, encoding) in sorted(every.items(), key=lambda item: -item[1][0]):
        print(f"- {urllib.parse.urlsplit(url).path}: {size / 1000:.1f} KB ({encoding})")
