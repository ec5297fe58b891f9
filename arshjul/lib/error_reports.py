"""Errors reported to Sentry (or any server that speaks its protocol), without personal data.

Off unless ``SENTRY_DSN`` is set: then the settings call :func:`sentry_init`. What Sentry's
SDK collects by itself is held back first (no user, no cookies, no request bodies, no values
in the query string, only harmless headers, local variables under a long denylist of names),
and :func:`before_send` goes over every event once more before it leaves: it removes what a
request carried that could open or name something, replaces the variables with personal
names, strips the people out of model reprs and redacts every string with the logs' own
:func:`~arshjul.lib.logs.redact` (links' tokens, secrets, e-mail addresses). The request's
id goes on the event as the tag ``request_id``, to find its log lines.
"""

import re

from django_guid import get_guid

from .logs import REDACTED, redact, redact_value

# Local variables (and keys of what they hold) whose values never leave: besides the SDK's
# own list of secrets (auth, token, password, key, session, csrf…), anything that may hold a
# person, what they wrote, or a way into their pages. Substrings, case-insensitive.
PERSONAL_NAMES = [
    "address",
    "answer",
    "body",
    "comment",
    "contact",
    "cookie",
    "coordinator",
    "data",
    "email",
    "form",
    "invit",
    "link",
    "mail",
    "message",
    "name",
    "need",
    "nyckel",
    "participant",
    "person",
    "phone",
    "post",
    "recipient",
    "registration",
    "request",
    "sesame",
    "signup",
    "subject",
    "text",
    "url",
    "user",
]
_SECRET_NAMES = ["auth", "token", "secret", "passw", "pwd", "key", "session", "csrf", "sid"]

# Request headers that are kept (their values); every other is dropped.
HARMLESS_HEADERS = {
    "accept",
    "accept-encoding",
    "accept-language",
    "content-length",
    "content-type",
    "host",
    "user-agent",
    "x-forwarded-proto",
    "x-request-id",
}

# What the SDK collects by itself: no one's identity, no cookies, no bodies, no values in
# the query string, and local variables only under names that hold no person.
DATA_COLLECTION = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {"request": {"mode": "allowlist", "terms": sorted(HARMLESS_HEADERS)}},
    "http_bodies": [],
    "url_query_params": {"mode": "allowlist", "terms": []},
    "database_query_data": False,
    "stack_frame_variables": {"mode": "denylist", "terms": PERSONAL_NAMES},
}

# A Django model's repr names its row: "<Participant: Anna Andersson (Kils kommun)>".
_MODEL_REPR = re.compile(r"<([\w.]+): [^<>]*>")


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float, **more):
    """Start reporting errors to the Sentry server at ``dsn``, from Django and from Celery's
    tasks, with personal data scrubbed. (The settings call it when SENTRY_DSN is set.)"""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.redis import RedisIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        # No cache or Redis spans and breadcrumbs: their keys name sessions (a session's key
        # signs someone in) and e-mail addresses (the rate limits').
        integrations=[DjangoIntegration(cache_spans=False), CeleryIntegration()],
        disabled_integrations=[RedisIntegration()],
        data_collection=DATA_COLLECTION,
        max_request_body_size="never",
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
        before_send_span=before_send_span,
        **more,
    )


def before_send(event: dict, hint: dict) -> dict:
    """The event, with nothing personal in it, tagged with the request's id."""
    _scrub_request(event.get("request"))
    user = event.pop("user", None)
    if isinstance(user, dict) and user.get("id"):
        event["user"] = {"id": user["id"]}  # a number: which account, not who
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            if "vars" in frame:
                frame["vars"] = _personal_values_hidden(frame["vars"])
    for key in ("extra", "contexts"):
        if key in event:
            event[key] = _personal_values_hidden(event[key], names_only=key == "contexts")
    event = redact_value(event)
    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def before_breadcrumb(crumb: dict, hint: dict) -> dict:
    """A breadcrumb (a log line, a query, an HTTP call before the error) without secrets."""
    return redact_value(crumb)


def before_send_span(span: dict, hint: dict) -> dict:
    """A traced span (with SENTRY_TRACES_SAMPLE_RATE above 0) without secrets: no values of
    a query string, no user, no cookie or authorisation header."""
    span["attributes"] = {
        key: REDACTED if _WITHHELD_ATTRIBUTE.search(key) else redact_value(value)
        for key, value in (span.get("attributes") or {}).items()
    }
    if isinstance(span.get("name"), str):
        span["name"] = redact(span["name"])
    return span


_WITHHELD_ATTRIBUTE = re.compile(r"(?i)query$|^user\.|cookie|authorization|body")


def _scrub_request(request) -> None:
    if not isinstance(request, dict):
        return
    for key in ("cookies", "data", "env"):
        request.pop(key, None)
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {
            name: value for name, value in headers.items() if name.lower() in HARMLESS_HEADERS
        }
    query = request.get("query_string")
    if isinstance(query, str) and query:
        request["query_string"] = "&".join(
            f"{part.split('=', 1)[0]}={REDACTED}" for part in query.split("&") if part
        )
    elif isinstance(query, dict):
        request["query_string"] = dict.fromkeys(query, REDACTED)
    if isinstance(request.get("url"), str):
        request["url"] = request["url"].split("?", 1)[0]


def _is_personal(name) -> bool:
    lowered = str(name).lower()
    return any(term in lowered for term in [*PERSONAL_NAMES, *_SECRET_NAMES])


def _personal_values_hidden(value, *, names_only: bool = False):
    """Values under personal names, and every string, replaced; models' reprs without their
    rows' words. (``names_only``: only the reprs.)"""
    if isinstance(value, dict):
        return {
            key: REDACTED
            if not names_only and _is_personal(key)
            else _personal_values_hidden(item, names_only=names_only)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_personal_values_hidden(item, names_only=names_only) for item in value]
    if isinstance(value, str):
        if not names_only and value[:1] in {"'", '"'}:
            return REDACTED  # a string (the SDK sends its repr): what someone wrote or is
        return _MODEL_REPR.sub(r"<\1>", value)
    return value
