"""What the logs say, and what they never say.

Every handler in ``settings.LOGGING`` adds the request's id (django-guid's ``X-Request-ID``:
the one a request came with when it is a uuid, else a new one; carried into the Celery tasks
the request queued) and formats through :class:`TextFormatter` (a laptop's terminal) or
:class:`JsonFormatter` (one JSON object a line, for a log collector). Both pass every line
through :func:`redact`, which blanks out what must never be in a log: the tokens of personal
and sign-in links, passwords and other secrets, bearer tokens, e-mail addresses. The same
function cleans what goes to Sentry (:mod:`arshjul.lib.error_reports`).

The redaction is in the formatters, not in a filter that rewrites the record: Sentry's
logging integration reads each record after the handlers, and needs its exception and its
message's template (to group repeats of one message) as they were.
"""

import functools
import logging
import re
from datetime import date, datetime

from django_guid import get_guid
from django_guid.integrations import CeleryIntegration
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# What a blanked-out secret or address reads as.
REDACTED = "[redacted]"
EMAIL_REDACTED = "[email]"

# Query parameters that open something without a password: our personal links' and the
# coordinators' sign-in links' tokens (added from settings), and the OpenID Connect
# callback's authorisation code and state.
_QUERY_TOKENS = ["code", "state", "access_token", "id_token", "id_token_hint", "token"]
# Names whose value is a secret wherever they appear as ``name=value`` or ``name: value``
# (substrings: ``client_secret``, ``csrfmiddlewaretoken``, ``EMAIL_HOST_PASSWORD``).
_SECRET_NAME = re.compile(r"(?i)password|passwd|pwd|secret|token|api_?key|sessionid|signature")


def _secret_pair(match: re.Match) -> str:
    name, separator, _ = match.groups()
    return f"{name}{separator}{REDACTED}" if _SECRET_NAME.search(name) else match.group(0)


@functools.cache
def _patterns() -> list[tuple[tuple[str, ...], re.Pattern, str]]:
    """(what a line must contain for the pattern to apply, lowercased; the pattern; its
    replacement). The cheap test first: most lines contain none of them."""
    from django.conf import settings

    from . import tokens

    links = [tokens.PARAMETER, getattr(settings, "SESAME_TOKEN_NAME", "sesame")]
    names = "|".join(re.escape(name) for name in [*links, *_QUERY_TOKENS])
    links = "|".join(re.escape(name) for name in links)
    # A value ends where the parameter does; %26 (&) and %23 (#) end it in an encoded URL
    # (a link inside ?next=…). Never brackets or a backslash: an earlier [redacted] stays
    # whole, and an escape in JSON text is never cut in half.
    value = r"(?:[^&#\s\"'<>%\[\]\\]|%(?!26|23)[0-9A-Fa-f]{2})+"
    equals = ("=", "%3d")
    return [
        # scheme://user:password@host
        (
            ("://",),
            re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/\s@\[\]]*:)[^@/\s\[\]]+@"),
            rf"\1{REDACTED}@",
        ),
        # ?sesame=…, &nyckel=…, %3Fcode%3D… (in a URL, encoded or not)
        (
            equals,
            re.compile(rf"(?i)((?:[?&;]|%3F|%26)(?:{names})(?:=|%3D)){value}"),
            rf"\1{REDACTED}",
        ),
        # sesame=… or nyckel=… anywhere else (form data, a message)
        (equals, re.compile(rf"(?i)(\b(?:{links})(?:=|%3D)){value}"), rf"\1{REDACTED}"),
        # password=…, "client_secret": "…", token: … (any name with a secret's word in it)
        (
            ("=", ":"),
            re.compile(r"(?<![\w-])([\w-]++)([\"']?\s*[:=]\s*[\"']?)([^\s\"'&,;<>()\[\]{}\\]+)"),
            _secret_pair,
        ),
        # Authorization: Basic …, and a bearer token anywhere
        (
            ("authorization",),
            re.compile(r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?(?:\w+\s+)?)[^\s\"',;\[\]\\]+"),
            rf"\1{REDACTED}",
        ),
        (("bearer",), re.compile(r"(?i)(\bbearer\s+)[\w.~+/=-]{8,}"), rf"\1{REDACTED}"),
        # anna@kil.example.org, also encoded in a URL (anna%40kil.example.org)
        (
            ("@", "%40"),
            re.compile(r"(?<![\w.+-])[\w.+-]++(?:@|%40)[\w-]+(?:\.[\w-]+)+"),
            EMAIL_REDACTED,
        ),
    ]


def redact(text: str) -> str:
    """``text`` without the tokens of links, secrets, passwords or e-mail addresses in it."""
    lowered = text.lower()
    for needs, pattern, replacement in _patterns():
        if any(part in lowered for part in needs):
            text = pattern.sub(replacement, text)
    return text


def redact_value(value):
    """A log's (or an error report's) value with :func:`redact` applied to every string in
    it; an object that is no plain value (a request, a model) becomes its redacted text."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(item) for item in value]
    if value is None or isinstance(value, bool | int | float | datetime | date):
        return value
    return redact(str(value))


class TextFormatter(logging.Formatter):
    """One line for a person at a terminal: time, level, logger, the request's id when there
    is one, the message."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(request_tag)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None)
        record.request_tag = f" [{request_id}]" if request_id else ""
        return redact(super().format(record))


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
    ``request_id`` (null outside a request or task), ``exc_info`` with an exception, and
    any extra fields the caller gave (``status_code``…)."""

    def __init__(self):
        super().__init__(
            "%(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
        )

    def process_log_record(self, log_data: dict) -> dict:
        return redact_value(log_data)


class RequestIdCeleryIntegration(CeleryIntegration):
    """django-guid's Celery integration (the request's id travels in the task's headers to
    the worker, which logs with it), which also keeps the id of a task run eagerly.

    With no broker (a laptop, the tests), a task runs inside the request that queued it, and
    nothing is published: django-guid's own task hooks would give it a new id, then clear
    the id for the rest of the request. Here a task run eagerly where there is an id keeps
    it, and leaves it in place when it ends."""

    def setup(self) -> None:
        super().setup()
        from celery.signals import task_postrun, task_prerun
        from django_guid.integrations.celery import signals

        task_prerun.disconnect(signals.worker_prerun)
        task_postrun.disconnect(signals.clean_up)
        task_prerun.connect(_task_starts, weak=False, dispatch_uid="arshjul-request-id-prerun")
        task_postrun.connect(_task_ends, weak=False, dispatch_uid="arshjul-request-id-postrun")


def _task_starts(task=None, **kwargs) -> None:
    from django_guid.integrations.celery import signals

    if getattr(task.request, "is_eager", False) and get_guid():
        task.request.kept_request_id = True
        return
    signals.worker_prerun(task=task, **kwargs)


def _task_ends(task=None, **kwargs) -> None:
    from django_guid.integrations.celery import signals

    if getattr(task.request, "kept_request_id", False):
        return
    signals.clean_up(task=task, **kwargs)
