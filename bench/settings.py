"""The site's settings for benchmarks: the same, plus two reference views (bench/urls.py)
and a header with each answer's number of queries (never used outside `make bench`)."""

from arshjul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
