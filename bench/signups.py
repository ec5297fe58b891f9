"""The sign-up POST under load: 20 coordinators at once posting the real form to gunicorn
on PostgreSQL, with a Celery worker on Redis sending the confirmations.

wrk runs 20 connections, each a signed-in coordinator of another organisation, each POST a
new participant. The meeting has fewer places than sign-ups, so the lock and the waiting list
are exercised; afterwards the confirmed and waiting counts are checked, and the worker's
e-mails counted.
"""

import sys
import tempfile
import time
from pathlib import Path

import redis

from . import server

CLIENTS = 20
CAPACITY = 100
CSRF = "c" * 32  # a CSRF secret, sent as cookie and as form field


def _sessions(meeting) -> list[str]:
    from django.test import Client

    from arshjul.models import Coordinator
    from registrations import signin
    from registrations.views import SESSION_KEY

    coordinators = Coordinator.objects.filter(cycle=meeting.cycle).order_by("organisation__name")
    cookies, seen = [], set()
    for coordinator in coordinators:
        if coordinator.email in seen:
            continue  # one person for two organisations: one session each would clash
        seen.add(coordinator.email)
        client = Client()
        client.force_login(signin.coordinator_user(coordinator.email))
        session = client.session
        session[SESSION_KEY] = coordinator.pk
        session.save()
        cookies.append(f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}")
        if len(cookies) == CLIENTS:
            break
    return cookies


SCRIPT = """
local cookies = {%(cookies)s}
local counter = 0
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  cookie = cookies[(id %% #cookies) + 1]
end
function request()
  counter = counter + 1
  local who = id .. "-" .. counter
  local body = "csrfmiddlewaretoken=%(csrf)s&p-TOTAL_FORMS=1&p-INITIAL_FORMS=0"
    .. "&p-MIN_NUM_FORMS=1&p-MAX_NUM_FORMS=100&p-0-name=Deltagare+" .. who
    .. "&p-0-email=d" .. who .. "%%40example.org&p-0-workshop_group=%(group)s"
  return wrk.format("POST", "%(path)s", {
    ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded"
  }, body)
end
"""


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    from arshjul import demo
    from arshjul.models import OutgoingMail
    from meetings.models import Meeting
    from registrations.models import Participant

    server.prepare()
    from django.utils import timezone

    year = demo.upcoming_cycle_year(timezone.localdate())
    meeting = Meeting.objects.get(cycle__year=year, slug="arbetsmote")
    meeting.capacity = CAPACITY
    meeting.save()
    group = meeting.cycle.cycle_challenges.first().challenge
    cookies = _sessions(meeting)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        SCRIPT
        % {
            "cookies": ", ".join(f'"{c}"' for c in cookies),
            "csrf": CSRF,
            "group": group.pk,
            "path": f"/min-organisation/moten/{meeting.pk}/anmal/",
        }
    )
    broker = {"CELERY_BROKER_URL": server.BROKER_URL}
    redis.Redis.from_url(server.BROKER_URL).flushdb()
    worker = [sys.executable, "-m", "celery", "-A", "arshjul", "worker", "-Q", "default"]
    worker += ["--concurrency", "2", "--without-gossip", "--without-mingle", "-l", "WARNING"]
    with server.running(worker, **broker), server.gunicorn(**broker) as base:
        load = server.wrk(
            base + "/", script=str(script), connections=len(cookies), threads=len(cookies)
        )
        time.sleep(1)  # the last answers wrk stopped waiting for
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and OutgoingMail.objects.filter(state="queued").exists():
            time.sleep(0.5)
    total = Participant.objects.filter(meeting=meeting).count()
    script.unlink()
    confirmed = Participant.objects.confirmed().filter(meeting=meeting).count()
    waiting = Participant.objects.waiting().filter(meeting=meeting).count()
    sent = OutgoingMail.objects.filter(state="sent", kind__startswith="participant_").count()
    print(f"machine: {server.machine()}")
    print(f"{len(cookies)} coordinators posting at once for {server.SECONDS} s: {total} sign-ups")
    print(
        f"throughput: {load.per_second:.1f} sign-ups/s; latency p50 {load.p50_ms:.1f} ms, "
        f"p99 {load.p99_ms:.1f} ms; {load.errors} failed requests"
    )
    print(f"confirmed: {confirmed} (capacity {CAPACITY}), waiting: {waiting}")
    print(f"e-mails sent by the worker: {sent} of {total}")
    ok = confirmed == min(total, CAPACITY) and waiting == total - confirmed and not load.errors
    print("check: " + ("OK, no overbooking, no failure" if ok else "WRONG"))
