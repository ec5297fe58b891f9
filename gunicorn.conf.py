"""gunicorn's settings, read from the working directory (the image's /app, and `make bench`).

The access log names the path without its query string and without the referring page: a
sign-in link carries its one-time token in the query (?sesame=…), and the page it opens
would be the referrer of the requests that follow. No log line may carry a token.
Each line ends with the request's id (the response's X-Request-ID), as the site's own log
lines for that request carry it.
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss %({x-request-id}o)s'


# Prometheus with several worker processes (PROMETHEUS_MULTIPROC_DIR, see arshjul.lib.metrics):
# each process writes its counters to files there and a scrape of any one sums them all. The
# folder starts empty with each start of gunicorn, and a process that exits has its live
# gauges dropped (its counters still count).
def on_starting(server):
    import os
    from pathlib import Path

    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for leftover in Path(folder).glob("*.db"):
            leftover.unlink()


def child_exit(server, worker):
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
