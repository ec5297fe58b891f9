"""Every public page against a bare Django view, and the signed-in pages against a view that
renders base.html alone — under gunicorn on PostgreSQL with DEBUG=false, loaded with wrk.

Each round loads the reference views and every page once, one after another on the same
server; a page's ratio is its requests per second over the reference's in that round. The
table gives the median and the lowest ratio of the rounds, the latency percentiles of the
median round, the bytes of one answer over the wire (with the encoding it came in), and the
queries an answer takes (made anew, and from the page cache).

wrk asks as browsers do, ``Accept-Encoding: br, gzip``: the page cache keeps each page
compressed, and a page's weight over the wire is what a visitor waits for.
"""

import urllib.error
import urllib.request
import uuid

from django.utils import timezone

from . import server

GOAL_PUBLIC = 0.5  # of a bare Django view
GOAL_SIGNED_IN = 0.25  # of the view that renders base.html alone
# What a browser says it takes; every request of the benchmark says so.
ACCEPT_ENCODING = "Accept-Encoding: br, gzip"


def _signed_in_cookie() -> str:
    """A session for the demo coordinator of Compare, acting for it (as the link does), with
    the CSRF cookie a browser has after its first page."""
    from django.test import Client

    from arshjul.models import Coordinator
    from registrations import signin
    from registrations.views import SESSION_KEY

    coordinator = Coordinator.objects.filter(
        organisation__name="Compare", cycle__in=signin.running_cycles()
    ).get()
    client = Client()
    client.force_login(signin.coordinator_user(coordinator.email))
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    csrf = "b" * 32  # a CSRF secret, as the cookie carries it
    return f"Cookie: sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"


def _pages(cookie: str) -> list[tuple[str, str, list[str]]]:
    from arshjul import demo
    from meetings.models import Meeting

    year = demo.upcoming_cycle_year(timezone.localdate())
    meeting = Meeting.objects.get(cycle__year=year, slug="arbetsmote")
    public = [
        ("home /", "/"),
        ("a cycle's page", f"/arshjul/{year}/"),
        ("the meetings list", f"/arshjul/{year}/moten/"),
        ("a meeting's page", f"/arshjul/{year}/moten/arbetsmote/"),
        ("a meeting's .ics", f"/arshjul/{year}/moten/arbetsmote/kalender.ics"),
        ("the cycle's .ics feed", f"/arshjul/{year}/kalender.ics"),
        ("the indicators", "/indikatorer/"),
    ]
    # The pages the demo may or may not have (published or not): measured where they answer.
    from indicators.models import Indicator

    indicator = Indicator.objects.order_by("code").first()
    maybe = [
        ("an indicator", f"/indikatorer/{indicator.code}/" if indicator else None),
        ("the status analysis", f"/arshjul/{year}/nulagesanalys/"),
        ("the survey's public summary", f"/arshjul/{year}/enkat/"),
    ]
    signed_in = [
        ("Min organisation, signed in", "/min-organisation/"),
        ("the add form, signed in", f"/min-organisation/moten/{meeting.pk}/anmal/"),
    ]
    return [(label, url, []) for label, url in public] + [
        (label, url, [cookie]) for label, url in signed_in
    ], maybe


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    cookie = _signed_in_cookie()
    known, maybe = _pages(cookie)
    print(f"machine: {server.machine()}")
    for cached in [False, True]:
        print()
        print(
            "## with the page cache" if cached else "## without the page cache (PAGE_CACHE=false)"
        )
        with server.gunicorn(PAGE_CACHE="true" if cached else "false") as base:
            pages = _answering(base, known, maybe)
            rounds, counts = _measure(base, pages)
        _report(rounds, pages, counts)


def _answering(base: str, known, maybe):
    """The known pages, and those of ``maybe`` that answer 200 here."""
    pages = list(known)
    for label, url in maybe:
        try:
            if url:
                server.queries(base + url)
                pages.insert(len(pages) - 2, (label, url, []))  # before the signed-in ones
        except (RuntimeError, urllib.error.HTTPError):
            print(f"({label}: {url} does not answer 200 here; left out)")
    return pages


def _measure(base: str, pages):
    references = {"bare": "/bench/bare/", "base": "/bench/base-template/"}
    for url in references.values():
        server.queries(base + url)  # warm, and check it answers 200
    for _, url, headers in pages:
        server.queries(base + url, [*headers, ACCEPT_ENCODING])
    rounds = []
    for _ in range(server.ROUNDS):
        loads = {
            name: server.wrk(base + url, headers=[ACCEPT_ENCODING])
            for name, url in references.items()
        }
        for label, url, headers in pages:
            loads[label] = server.wrk(base + url, headers=[*headers, ACCEPT_ENCODING])
        rounds.append(loads)
    counts = {}
    for label, url, headers in pages:
        fresh = f"{base}{url}{'&' if '?' in url else '?'}n={uuid.uuid4().hex}"
        counts[label] = (
            server.queries(fresh, headers),
            server.queries(base + url, headers),
            _weight(base + url, [*headers, ACCEPT_ENCODING]),
        )
    return rounds, counts


def _weight(url: str, headers) -> str:
    """One answer's body over the wire, in KB, and how it came: "12.3 br", "40.1 plain"."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
        size = len(response.read())
        encoding = response.headers.get("Content-Encoding") or "plain"
    return f"{size / 1000:.1f} {encoding}"


def _report(rounds, pages, counts):
    for name, label in [("bare", "a bare Django view"), ("base", "a view rendering base.html")]:
        rates = [r[name].per_second for r in rounds]
        print(f"{label}: {min(rates):.0f}–{max(rates):.0f} requests/s")
    bare_ratios = [r["base"].per_second / r["bare"].per_second for r in rounds]
    print(
        "a view rendering base.html, to a bare view: "
        f"median {server.median_and_min(bare_ratios)[0]:.2f}"
    )
    print()
    print(
        "| page | ratio, median (min) | to | goal | p50 / p99 ms | KB over the wire "
        "| queries: made / cached |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, _url, headers in pages:
        reference, goal = ("base", GOAL_SIGNED_IN) if headers else ("bare", GOAL_PUBLIC)
        ratios = [r[label].per_second / r[reference].per_second for r in rounds]
        median, lowest = server.median_and_min(ratios)
        middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
        made, cached, weight = counts[label]
        to = "bare view" if reference == "bare" else "base.html view"
        flag = "ok" if lowest >= goal else "BELOW"
        errors = sum(r[label].errors for r in rounds)
        print(
            f"| {label} | {median:.2f} ({lowest:.2f}) | {to} | ≥ {goal} {flag} | "
            f"{middle.p50_ms:.1f} / {middle.p99_ms:.1f} | {weight} | {made} / {cached} |"
            + (f" {errors} errors" if errors else "")
        )
