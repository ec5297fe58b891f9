"""gunicorn's settings, read from the working directory (the image's /app, and `make bench`).

The access log names the path without its query string and without the referring page: a
sign-in link carries its one-time token in the query (?sesame=…), and the page it opens
would be the referrer of the requests that follow. No log line may carry a token.
Each line ends with the request's id (the response's X-Request-ID), as the site's own log
lines for that request carry it.
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss %({x-request-id}o)s'
