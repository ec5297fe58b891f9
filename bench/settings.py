"""The site's settings for benchmarks: the same, plus two reference views (bench/urls.py)
and a header with each answer's number of queries (never used outside `make bench`)."""

from arshjul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

# bench/operations.py: the same site without what #26 adds to every request (the request id,
# Prometheus' middleware, the sign-on's re-check), to measure what those cost.
if env_bool("BENCH_WITHOUT_OPERATIONS", default=False):  # noqa: F405
    MIDDLEWARE = [  # noqa: F405
        m
        for m in MIDDLEWARE  # noqa: F405
        if not m.startswith(("django_guid.", "django_prometheus.", "arshjul.oidc."))
    ]
