"""What running it as a region runs its services costs each request (#26): the site with its
request ids, Prometheus' middleware, JSON logs and the sign-on's re-check, against the same
site without them, in the same run; and a scrape of /metrics against the bare view."""

import secrets

from bench import server

TOKEN = secrets.token_urlsafe(24)  # made for this run
TARGETS = [("bare view", "/bench/bare/"), ("home page, from the page cache", "/")]


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    print(f"machine: {server.machine()}")
    figures = {}
    for _ in range(server.ROUNDS):
        for with_them in [True, False]:
            extra = {"LOG_FORMAT": "json", "METRICS_TOKEN": TOKEN}
            if not with_them:
                extra["BENCH_WITHOUT_OPERATIONS"] = "true"
            with server.gunicorn(**extra) as base:
                for label, url in TARGETS:
                    server.queries(base + url)  # warm, and check it answers 200
                    load = server.wrk(base + url)
                    figures.setdefault((label, with_them), []).append(load)
                if with_them:
                    auth = f"Authorization: Bearer {TOKEN}"
                    server.queries(base + "/metrics", [auth])
                    figures.setdefault(("/metrics", True), []).append(
                        server.wrk(base + "/metrics", headers=[auth])
                    )
    _report(figures)


def _report(figures):
    print()
    print("| answer | with #26's middleware, req/s | without, req/s | ratio | p50 with |")
    print("|---|---|---|---|---|")
    for label, _ in TARGETS:
        with_them, _low = server.median_and_min([f.per_second for f in figures[(label, True)]])
        without, _low = server.median_and_min([f.per_second for f in figures[(label, False)]])
        p50, _low = server.median_and_min([f.p50_ms for f in figures[(label, True)]])
        print(
            f"| {label} | {with_them:.0f} | {without:.0f} | {with_them / without:.2f} | {p50} ms |"
        )
    scrape, _low = server.median_and_min([f.per_second for f in figures[("/metrics", True)]])
    bare, _low = server.median_and_min([f.per_second for f in figures[("bare view", True)]])
    print(f"\n/metrics with its token: {scrape:.0f} req/s, {scrape / bare:.2f} of the bare view")
    errors = sum(f.errors for loads in figures.values() for f in loads)
    print(f"errors: {errors}")
