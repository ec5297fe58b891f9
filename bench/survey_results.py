"""The survey's results for 10,000 responses × 20 questions: the time to compute them in the
database and the number of queries (the same for 100 as for 10,000 responses); then the staff
results page against the view rendering base.html, and the public summary against a bare
view, under gunicorn.
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import server

RESPONSES = 10_000
QUESTIONS = 20
GOAL_PUBLIC = 0.5
GOAL_SIGNED_IN = 0.25


def _survey(responses: int):
    """A published survey of the upcoming cycle with 20 questions and ``responses`` submitted
    responses (built once, in batches, straight into the tables)."""
    import random

    from django.utils import timezone

    from arshjul import demo
    from arshjul.models import Organisation
    from survey.models import Answer, LeadershipGroup, Question, Response, Section, Survey

    year = demo.upcoming_cycle_year(timezone.localdate())
    title = f"Benchmark {responses}"
    found = Survey.objects.filter(title=title).first()
    if found:
        return found
    from arshjul.models import Cycle

    survey = Survey.objects.create(
        cycle=Cycle.objects.get(year=year),
        title=title,
        opens_on=timezone.localdate(),
        closes_at=timezone.now(),
        published=True,
        results_published_at=timezone.now(),
    )
    kinds = [Question.Kind.SCALE, Question.Kind.YES_NO, Question.Kind.CHOICE, Question.Kind.TEXT]
    questions = []
    for s in range(4):
        section = Section.objects.create(survey=survey, title=f"Avsnitt {s + 1}", position=s)
        for n in range(QUESTIONS // 4):
            kind = kinds[n % 4]
            questions.append(
                Question.objects.create(
                    section=section,
                    position=n,
                    kind=kind,
                    text=f"Fråga {s + 1}.{n + 1}",
                    choices="Ett\nTvå\nTre" if kind == Question.Kind.CHOICE else "",
                    indicator_code=f"B-{s}{n}" if kind == Question.Kind.SCALE else "",
                    indicator_rule=Question.Rule.SCALE_4_5 if kind == Question.Kind.SCALE else "",
                )
            )
    organisations = list(Organisation.objects.all())
    rng = random.Random(responses)  # noqa: S311 - made-up answers
    now = timezone.now()
    batch = 500
    for start in range(0, responses, batch):
        groups = LeadershipGroup.objects.bulk_create(
            LeadershipGroup(
                organisation=organisations[(start + i) % len(organisations)],
                name=f"Benchgrupp {responses}-{start + i}",
                contact_email="bench@example.org",
            )
            for i in range(min(batch, responses - start))
        )
        rows = Response.objects.bulk_create(
            Response(survey=survey, group=g, status=Response.Status.SUBMITTED, submitted_at=now)
            for g in groups
        )
        Answer.objects.bulk_create(
            Answer(response=r, question=q, value=_value(q, rng), saved_at=now)
            for r in rows
            for q in questions
        )
    return survey


def _value(question, rng) -> str:
    from survey.models import Question

    if question.kind == Question.Kind.SCALE:
        return rng.choice(["1", "2", "3", "4", "5", "dont_know"])
    if question.kind == Question.Kind.YES_NO:
        return rng.choice(["yes", "no"])
    if question.kind == Question.Kind.CHOICE:
        return rng.choice(["1", "2", "3"])
    return rng.choice(["Nya arbetssätt.", "Mer samarbete.", "Tydligare mål."])


def _timed(survey, runs: int = 5) -> tuple[float, int, float]:
    """The median time and the queries to compute the results in the database (the cache
    emptied each time), and the median time when the counts come from the cache."""
    from django.core.cache import cache

    from survey.results import survey_results

    times, cached = [], []
    for _ in range(runs):
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            survey_results(survey)
            times.append(time.perf_counter() - started)
        started = time.perf_counter()
        survey_results(survey)
        cached.append(time.perf_counter() - started)
    median = statistics.median
    return median(times) * 1000, len(context.captured_queries), median(cached) * 1000


def _staff_cookie() -> str:
    from django.contrib.auth import get_user_model

    return server.staff_cookie(get_user_model().objects.get(username="personal"))


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    small = _survey(100)
    started = time.perf_counter()
    big = _survey(RESPONSES)
    built = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(f"built {RESPONSES} responses × {QUESTIONS} questions in {built:.0f} s")
    print(f"machine: {server.machine()}")
    print()
    print("| responses | survey_results(), computed (median of 5) | queries | from the cache |")
    print("|---|---|---|---|")
    for survey, count in [(small, 100), (big, RESPONSES)]:
        ms, queries, cached_ms = _timed(survey)
        print(f"| {count} | {ms:.0f} ms | {queries} | {cached_ms:.0f} ms |")

    cookie = _staff_cookie()
    pages = [
        ("staff results page", f"/admin/survey/survey/{big.pk}/results/", [cookie], "base"),
        ("public summary", f"/arshjul/{big.cycle.year}/enkat/", [], "bare"),
    ]
    # The public summary shows the cycle's first published survey: this one, when it is
    # the only one whose results are published.
    from survey.models import Survey

    Survey.objects.exclude(pk=big.pk).update(results_published_at=None)
    print()
    with server.gunicorn(PAGE_CACHE="true") as base:
        references = {"bare": "/bench/bare/", "base": "/bench/base-template/"}
        for url in references.values():
            server.queries(base + url)
        # Made anew (the first look), then from the cache (the second).
        queries = {
            label: " / ".join(server.queries(base + url, headers) for _ in range(2))
            for label, url, headers, _ref in pages
        }
        rounds = []
        for _ in range(server.ROUNDS):
            loads = {name: server.wrk(base + url) for name, url in references.items()}
            for label, url, headers, _ref in pages:
                loads[label] = server.wrk(base + url, headers=headers)
            rounds.append(loads)
    print("| page | ratio, median (min) | to | goal | p50 / p99 ms | queries, anew / kept |")
    print("|---|---|---|---|---|---|")
    for label, _url, _headers, reference in pages:
        goal = GOAL_SIGNED_IN if reference == "base" else GOAL_PUBLIC
        ratios = [r[label].per_second / r[reference].per_second for r in rounds]
        median, lowest = server.median_and_min(ratios)
        middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
        to = "base.html view" if reference == "base" else "bare view"
        flag = "ok" if lowest >= goal else "BELOW"
        print(
            f"| {label} | {median:.2f} ({lowest:.2f}) | {to} | ≥ {goal} {flag} | "
            f"{middle.p50_ms:.0f} / {middle.p99_ms:.0f} | {queries[label]} |"
        )
