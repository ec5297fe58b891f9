"""The opening minute of the open conference: 1,000 people register within 60 s, on one web
server and again on two behind one address, with a Celery worker sending the confirmations.

The demo's conference "Värmland 2040" (open for everyone, 300 places, registration open).
wrk runs one connection per thread, one person after another (bench/opening_minute.lua):
each GETs the real form, takes the csrftoken cookie and the form's csrfmiddlewaretoken, and
POSTs it with a new e-mail address, from their own client address in X-Forwarded-For (the
site trusts one proxy — wrk stands for it — or two behind Caddy). The people are spread
evenly over the minute; 850 of them come from 300 client addresses, 150 — a municipality's
staff — from one, in the network the region names (OPEN_REGISTRATION_CROWD_NETWORKS). The
ordinary per-address limit (30 an hour) stays on. A Celery worker on Redis sends the
confirmations to a local SMTP server that counts what each address received.

Then the same minute, the database and cache emptied, against two gunicorn instances behind
the real ``caddy`` (round robin), sharing PostgreSQL and Redis; and across the two: a robot
at one address posting alternately to each server (its form fetched from the other, so its
CSRF token crosses servers too), a coordinator's session on both, and a public page cached
by one asked of the other.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import redis

from . import server

PEOPLE = int(os.environ.get("BENCH_OPENING_PEOPLE", "1000"))
MINUTE = int(os.environ.get("BENCH_OPENING_SECONDS", "60"))
THREADS = 25  # connections, each one person at a time
CROWD_IP = "194.68.10.5"  # the municipality's one address to the world
CROWD_NETWORK = "194.68.10.0/28"
CROWD_PER_20 = 3  # 150 of 1,000 people behind it
SPREAD = 300  # the client addresses of everyone else
ROBOT_IP = "81.250.0.1"
ROBOT_POSTS = 40
LIMIT = 30  # the site's default OPEN_REGISTRATION_MAX_PER_IP, left as it is
SCRIPT = Path(__file__).with_suffix(".lua")
LONGEST = 240  # seconds past the minute that wrk may take to register everyone
STALLED = 60  # seconds without a new registration: wrk is stopped


@dataclass
class Minute:
    servers: int
    gets: int
    get_p50: float
    get_p99: float
    get_max: float
    posts: int
    post_p50: float
    post_p99: float
    post_max: float
    statuses: dict
    took_s: float
    registered: int
    from_municipality: int
    confirmed: int
    waiting: int
    mails_per_address: dict
    other_mails: int
    kinds: dict
    queued_at_end: int
    drain_s: float
    load: tuple


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    if not shutil.which("caddy"):
        print("skipped: caddy is not installed")
        return
    server.prepare()
    meeting = _conference()
    path = f"/arshjul/{meeting.cycle.year}/moten/{meeting.slug}/anmal/"
    print(f"machine: {server.machine()}")
    one, _ = _minute(meeting, path, servers=1, tag="a")
    _report(one, meeting)
    _reset(meeting)
    two, across = _minute(meeting, path, servers=2, tag="b")
    _report(two, meeting)
    print("-- across the two servers (after the minute)")
    print("\n".join(across))


def _conference():
    from django.utils import timezone

    from arshjul import demo
    from meetings.models import Meeting
    from registrations import rules

    year = demo.upcoming_cycle_year(timezone.localdate())
    meeting = Meeting.objects.select_related("cycle").get(cycle__year=year, slug="konferens")
    assert meeting.participation == Meeting.Participation.OPEN, meeting.participation
    refusal = rules.refusal(meeting, rules.Action.ADD, channel=Meeting.Participation.OPEN)
    assert not refusal, f"the conference's registration is not open: {refusal}"
    _reset(meeting)
    return meeting


def _reset(meeting) -> None:
    """No one registered, no mail in the outbox, the cache (and its counters) and the broker
    empty: each run starts as the real opening does."""
    from arshjul.models import OutgoingMail
    from registrations.models import Participant

    Participant.objects.filter(meeting=meeting).delete()
    OutgoingMail.objects.all().delete()
    redis.Redis.from_url(server.REDIS_URL).flushdb()
    redis.Redis.from_url(server.BROKER_URL).flushdb()


def _minute(meeting, path: str, *, servers: int, tag: str) -> tuple[Minute, list[str]]:
    site = {
        "TRUSTED_PROXY_COUNT": str(servers),  # wrk's X-Forwarded-For, and Caddy's
        "OPEN_REGISTRATION_CROWD_NETWORKS": CROWD_NETWORK,
        "CELERY_BROKER_URL": server.BROKER_URL,
    }
    with contextlib.ExitStack() as stack:
        catcher = stack.enter_context(server.mail_catcher())
        stack.enter_context(server.celery_worker(EMAIL_URL=catcher.url))
        bases = stack.enter_context(server.gunicorns(servers, EMAIL_URL=catcher.url, **site))
        target = bases[0] if servers == 1 else stack.enter_context(server.caddy(bases))
        load_before = os.getloadavg()[0]
        out, start_ms = _wrk(meeting, target, path, tag)
        result = dict(re.findall(r"(\w+)=([\d.]+)", out.split("RESULT", 1)[1]))
        last_post = float(result["last_post_ms"]) / 1000
        queued_at_end, drain = _drain(catcher, last_post)
        load = (load_before, os.getloadavg()[0])
        minute = _counted(
            meeting, tag, result, catcher, start_ms, queued_at_end, drain, servers, load
        )
        across = _across(meeting, bases, path) if servers > 1 else []
    return minute, across


def _wrk(meeting, target: str, path: str, tag: str) -> tuple[str, float]:
    """Run the crowd; wrk's output and when the first person was due (epoch ms). wrk waits
    out its whole duration, so it is given plenty (a slow server still gets every person)
    and stopped (SIGINT: it still reports) once every person is registered."""
    from registrations.models import Participant

    start_ms = time.time() * 1000 + 3000  # every thread set up and connected by then
    args = [path, PEOPLE, MINUTE, f"{start_ms:.0f}", THREADS, tag, CROWD_IP, CROWD_PER_20]
    command = ["wrk", f"-t{THREADS}", f"-c{THREADS}", f"-d{MINUTE + LONGEST}s", "--timeout", "10s"]
    command += ["-s", str(SCRIPT), target, "--", *map(str, args), str(SPREAD)]
    ours = Participant.objects.filter(meeting=meeting, email__contains=f"-{tag}@")
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as wrk:
        seen, since = -1, time.monotonic()
        while wrk.poll() is None and (registered := ours.count()) < PEOPLE:
            if registered != seen:
                seen, since = registered, time.monotonic()
            elif time.monotonic() - since > STALLED:
                print(f"no new registration in {STALLED} s: wrk stopped at {registered}")
                break
            time.sleep(0.5)
        time.sleep(3)  # the last answers on their way back to wrk
        wrk.send_signal(signal.SIGINT)
        out = wrk.communicate(timeout=60)[0]
    if "RESULT" not in out:
        raise RuntimeError(f"wrk said: {out}")
    for line in out.splitlines():  # wrk's own word on broken connections and timeouts
        if line.strip().startswith(("Socket errors", "Non-2xx")):
            print(f"wrk: {line.strip()}")
    return out, start_ms


def _drain(catcher, last_post: float) -> tuple[int, float]:
    """How many mails were still to send when the last POST was answered (in the outbox,
    not yet sent), and seconds from then until the worker sent the last one."""
    from arshjul.models import OutgoingMail

    unsent = OutgoingMail.objects.filter(state__in=["queued", "sending"])
    queued_at_end = unsent.count()
    deadline = time.monotonic() + 300
    while unsent.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)  # the last message's DATA
    return queued_at_end, max(catcher.times, default=last_post) - last_post


def _counted(meeting, tag, result, catcher, start_ms, queued_at_end, drain, servers, load):
    from django.db.models import Count

    from arshjul.models import OutgoingMail
    from registrations.models import Participant

    ours = Participant.objects.filter(meeting=meeting, email__contains=f"-{tag}@")
    expected = {
        f"p{n}-{tag}@{'karlstad.example.se' if n % 20 < CROWD_PER_20 else 'example.org'}"
        for n in range(PEOPLE)
    }
    per_address = {a: catcher.received.get(a, 0) for a in expected}
    statuses = {k: int(v) for k, v in result.items() if re.fullmatch(r"(get|post)\d{3}", k)}
    kinds = dict(
        OutgoingMail.objects.filter(to__in=expected)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return Minute(
        servers=servers,
        gets=int(result["gets"]),
        get_p50=float(result["get_p50"]),
        get_p99=float(result["get_p99"]),
        get_max=float(result["get_max"]),
        posts=int(result["posts"]),
        post_p50=float(result["post_p50"]),
        post_p99=float(result["post_p99"]),
        post_max=float(result["post_max"]),
        statuses=statuses,
        took_s=(float(result["last_post_ms"]) - start_ms) / 1000,
        registered=ours.count(),
        from_municipality=ours.filter(email__endswith="@karlstad.example.se").count(),
        confirmed=ours.filter(status="confirmed").count(),
        waiting=ours.filter(status="waiting").count(),
        mails_per_address=per_address,
        other_mails=sum(n for a, n in catcher.received.items() if a not in expected),
        kinds=kinds,
        queued_at_end=queued_at_end,
        drain_s=drain,
        load=load,
    )


def _report(m: Minute, meeting) -> None:
    def count(prefix, test):
        return sum(n for k, n in m.statuses.items() if k.startswith(prefix) and test(int(k[-3:])))

    five = count("get", lambda s: s >= 500) + count("post", lambda s: s >= 500)
    limited = count("post", lambda s: s == 429)
    other = {k: n for k, n in m.statuses.items() if k not in {"get200", "post302"}}
    once = sum(1 for n in m.mails_per_address.values() if n == 1)
    never = sum(1 for n in m.mails_per_address.values() if n == 0)
    twice = sum(1 for n in m.mails_per_address.values() if n > 1)
    where = "one gunicorn" if m.servers == 1 else f"{m.servers} gunicorns behind caddy"
    print(f"-- {where}: {PEOPLE} people in {MINUTE} s, {THREADS} connections")
    print(
        f"POSTs answered: {m.posts}, the last {m.took_s:.1f} s after the first person was due; "
        f"answers: {m.statuses}; other than GET 200 / POST 302: {other or 'none'}"
    )
    print(f"5xx: {five} (goal 0); 429: {limited} (goal 0 for the honest crowd)")
    print(
        f"GET form p50 {m.get_p50:.1f} ms, p99 {m.get_p99:.1f} ms, max {m.get_max:.1f} ms; "
        f"POST p50 {m.post_p50:.1f} ms, p99 {m.post_p99:.1f} ms, max {m.post_max:.1f} ms "
        f"(goal p99 ≤ 1000 ms)"
    )
    print(
        f"registered {m.registered} ({m.from_municipality} of them from the municipality's "
        f"one address): confirmed {m.confirmed} (capacity {meeting.capacity}), "
        f"waiting {m.waiting}"
    )
    print(
        f"mails per address ({len(m.mails_per_address)} addresses): exactly one {once}, "
        f"none {never}, more than one {twice}; to anyone else {m.other_mails}; "
        f"outbox kinds {m.kinds}"
    )
    print(
        f"worker: {m.queued_at_end} mails unsent when the last POST was answered, all sent "
        f"{m.drain_s:.1f} s later"
    )
    print(f"load average (1 min) before / after: {m.load[0]:.2f} / {m.load[1]:.2f}")
    ok = (
        not five
        and not limited
        and m.registered == PEOPLE
        and m.confirmed == meeting.capacity
        and m.waiting == PEOPLE - meeting.capacity
        and once == PEOPLE
    )
    print("check: " + ("OK" if ok else "WRONG"))


# --- Across two servers ----------------------------------------------------------------------


def _request(base: str, method: str, path: str, headers=None, body: str | None = None):
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read().decode()
    finally:
        connection.close()


def _across(meeting, bases: list[str], path: str) -> list[str]:
    """What the two servers share: the rate limit (a robot alternating servers), CSRF and
    sessions (made on one, accepted by the other), the page cache (kept by one, served by
    the other)."""
    from registrations.models import Participant

    # The robot: its form from one server, its POST to the other, alternately. The site
    # trusts two proxies: wrk/Caddy's X-Forwarded-For is written here as Caddy would.
    forwarded = {"X-Forwarded-For": f"{ROBOT_IP}, 127.0.0.1"}
    answers = []
    for n in range(ROBOT_POSTS):
        _, headers, html = _request(bases[n % 2], "GET", path, forwarded)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Robot {n}",
                "email": f"robot{n}@slump{n}.example",
                "organisation_name": "Robotar AB",
            }
        )
        status, _, _ = _request(
            bases[(n + 1) % 2],
            "POST",
            path,
            {
                **forwarded,
                "Cookie": f"csrftoken={cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body,
        )
        answers.append(status)
    stored = Participant.objects.filter(meeting=meeting, email__startswith="robot").count()
    runs = _runs(answers)
    lines = [
        f"robot at one address, {ROBOT_POSTS} POSTs alternating servers (form from the other): "
        f"answers {runs}; stored {stored} (limit {LIMIT}); CSRF from one server accepted by the "
        f"other: {'yes' if answers.count(302) else 'NO'}"
    ]
    # A coordinator's session, made in this process (cached_db: Redis and PostgreSQL).
    cookie = _coordinator_session(meeting)
    pages = [_request(b, "GET", "/min-organisation/", {"Cookie": cookie})[0] for b in bases]
    lines.append(f"a coordinator's session on each server: /min-organisation/ answered {pages}")
    # A public page made by the first server, then asked of the second.
    for page in ["/indikatorer/", f"/arshjul/{meeting.cycle.year}/"]:
        seen = [_request(b, "GET", page)[1].get("X-Queries") for b in [*bases, bases[0]]]
        lines.append(f"page cache: {page} X-Queries on server 1, then 2, then 1: {seen}")
    return lines


def _runs(answers: list[int]) -> str:
    runs, last, n = [], None, 0
    for status in [*answers, None]:
        if status != last and last is not None:
            runs.append(f"{n}×{last}")
            n = 0
        last, n = status, n + 1
    return ", ".join(runs)


def _coordinator_session(meeting) -> str:
    from django.test import Client

    from arshjul.models import Coordinator
    from registrations import signin
    from registrations.views import SESSION_KEY

    coordinator = Coordinator.objects.filter(cycle=meeting.cycle).first()
    client = Client()
    client.force_login(signin.coordinator_user(coordinator.email))
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    return f"sessionid={client.cookies['sessionid'].value}"
