"""The site as production runs it, for benchmarks — PostgreSQL, Redis as the shared cache
(and broker), DEBUG=false, gunicorn with two sync workers, on 127.0.0.1 only — and wrk to
load it. Every figure is a pair: a page against a reference view of the same server, in the
same run, so that the machine's speed cancels out.
"""

import contextlib
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/arshjul_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WORKERS = 2


def environment(**extra) -> dict:
    """The production-like settings, for gunicorn, the worker and the commands."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": REDIS_URL,
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def missing() -> str | None:
    """What this machine lacks to run the benchmarks under a server, in words; None if all
    is there."""
    if not shutil.which("wrk"):
        return "wrk is not installed (apt-get install wrk, or brew install wrk)"
    for url in [DATABASE_URL.replace("/arshjul_bench", "/postgres"), REDIS_URL]:
        host, port = re.search(r"@?([\w.\-]+):(\d+)/", url.split("://", 1)[1]).groups()
        with contextlib.suppress(OSError), socket.create_connection((host, int(port)), 2):
            continue
        return f"nothing answers at {host}:{port} ({url.split('://')[0]})"
    return None


def manage(*args, **extra) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(**extra),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare() -> None:
    """A fresh benchmark database with the demo, the static files, an empty cache."""
    import psycopg
    import redis
    from django.db import connections

    connections.close_all()  # this process's own, before the database is dropped
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput")
    manage("seed_demo", DEBUG="true", DJANGO_SETTINGS_MODULE="arshjul.settings")
    manage("collectstatic", "--noinput")
    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], *, ready_url: str | None = None, **extra):
    """A process for the duration of the block (its output in a temporary log)."""
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment(**extra), stdout=log, stderr=subprocess.STDOUT
    )
    try:
        if ready_url:
            _wait_for(ready_url, process, log.name)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        os.unlink(log.name)


def _wait_for(url: str, process, log: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {Path(log).read_text()[-2000:]}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2)
            return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer: {Path(log).read_text()[-2000:]}")


@contextlib.contextmanager
def gunicorn(**extra):
    """The site under gunicorn (2 sync workers) on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "arshjul.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--access-logfile",
        "/dev/null",
    ]
    base = f"http://127.0.0.1:{port}"
    with running(command, ready_url=f"{base}/bench/bare/", **extra):
        yield base


@dataclass(frozen=True)
class Load:
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, *, headers=(), script: str | None = None, connections=4, threads=2) -> Load:
    """Load ``url`` for SECONDS with wrk; requests per second and latency percentiles."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=SECONDS + 60
    ).stdout
    bad_answers = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(bad_answers[1]) if bad_answers else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
    return Load(
        per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        p50_ms=_ms(re.search(r"\s50%\s+(\S+)", out)[1]),
        p99_ms=_ms(re.search(r"\s99%\s+(\S+)", out)[1]),
        errors=errors,
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def queries(url: str, headers=()) -> str:
    """The X-Queries header of one answer (bench/middleware.py). The answer must be a 200:
    a page that redirects (to sign in, say) would measure the redirect."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.build_opener(_NoRedirects).open(request, timeout=10) as response:
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}, not 200")
        return response.headers.get("X-Queries", "?")


def staff_cookie(user) -> str:
    """A Cookie header for ``user`` signed in (a session in the benchmark's database), with a
    CSRF cookie."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"Cookie: sessionid={client.cookies['sessionid'].value}; csrftoken={'b' * 32}"


def machine() -> str:
    cpu = "?"
    with contextlib.suppress(OSError):
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())[1]
    versions = subprocess.run(
        ["psql", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}, {versions or 'PostgreSQL'}, "
        f"gunicorn {WORKERS} sync workers, wrk {SECONDS} s × {ROUNDS} rounds"
    )


def median_and_min(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), min(values)


# --- More than one web server, the worker, and a mail server that counts ---------------------


@contextlib.contextmanager
def gunicorns(count: int, **extra):
    """``count`` gunicorn instances (each 2 sync workers, each on its own free port), sharing
    the benchmark's PostgreSQL and Redis; yields their URLs."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(gunicorn(**extra)) for _ in range(count)]


CADDYFILE = """{
	admin off
	auto_https off
}
http://127.0.0.1:%(port)d {
	reverse_proxy %(upstreams)s {
		lb_policy round_robin
		# wrk stands for the outer proxy: what it writes in X-Forwarded-For is kept, and
		# Caddy appends the address it saw (so the site counts TRUSTED_PROXY_COUNT=2).
		trusted_proxies 127.0.0.1/32
	}
}
"""


@contextlib.contextmanager
def caddy(upstreams: list[str]):
    """The real ``caddy`` binary as the one address in front of ``upstreams`` (round robin);
    yields its URL. The site behind it must count two trusted proxies (wrk's
    X-Forwarded-For, then Caddy's)."""
    if not shutil.which("caddy"):
        raise RuntimeError("caddy is not installed")
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        config = Path(home) / "Caddyfile"
        hosts = " ".join(u.removeprefix("http://") for u in upstreams)
        config.write_text(CADDYFILE % {"port": port, "upstreams": hosts})
        command = ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"]
        base = f"http://127.0.0.1:{port}"
        homes = {"HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home}
        with running(command, ready_url=f"{base}/bench/bare/", **homes):
            yield base


@contextlib.contextmanager
def celery_worker(concurrency: int = 2, **extra):
    """A Celery worker on BROKER_URL for the default queue (the outbox's e-mails)."""
    command = [sys.executable, "-m", "celery", "-A", "arshjul", "worker", "-Q", "default"]
    command += ["--concurrency", str(concurrency), "--without-gossip", "--without-mingle"]
    command += ["-l", "WARNING"]
    with running(command, CELERY_BROKER_URL=BROKER_URL, **extra) as process:
        yield process


class MailCatcher:
    """A local SMTP server standing in for the region's: it accepts every message and
    counts, per recipient, what it received (and when)."""

    def __init__(self):
        import collections

        self.received = collections.Counter()
        self.times: list[float] = []

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            self.received[recipient.lower()] += 1
        self.times.append(time.time())
        return "250 OK"


@contextlib.contextmanager
def mail_catcher():
    """A :class:`MailCatcher` on a free port of 127.0.0.1; yields it, its ``url`` set for
    EMAIL_URL."""
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per connection otherwise
    catcher = MailCatcher()
    port = free_port()
    controller = Controller(catcher, hostname="127.0.0.1", port=port)
    controller.start()
    catcher.url = f"smtp://127.0.0.1:{port}"
    try:
        yield catcher
    finally:
        controller.stop()
