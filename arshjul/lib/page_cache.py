"""The shared page cache: whole public pages, served to everyone not signed in, from the
shared cache (Redis in production; on a laptop a folder every process shares, so that a
command's changes show on the next visit).

A public view declares what it shows, in one line::

    @public_page(depends_on=["arshjul.Cycle", "meetings.Meeting", "meetings.Material"])
    def meeting_detail(request, year, slug): ...

and, when its words change at a known moment ("8 dagar kvar" at midnight, a registration at
the minute it opens or closes), says so on its response::

    return valid_until(render(...), window.next_change)

A cached page is served while all of these hold: the same path and language; no saved or
deleted row of a model it depends on since it was made (every save and delete bumps that
model's version: :func:`track_changes`); and the moment it named (by default the next
midnight, Swedish time) has not come. Only anonymous visitors without a session are served
from the cache, and only answers that set no cookie are stored, so no page in the cache
carries a CSRF token or anyone's data. Public pages carry an ETag and Last-Modified, so that
a browser asking again with If-None-Match gets a 304; a person's own pages (below) carry
neither, and are never answered "not modified".
"""

import datetime
import hashlib
from functools import wraps
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

# Cookies that do not change what a public page says (the language is part of the key).
HARMLESS_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# Headers kept with a cached page (the rest — security, CSP, Vary — middleware adds anew).
# Link: the open data names its licence and its description in headers (rel="license").
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")
# A page is made again at least this often, whatever it depends on.
LONGEST_SECONDS = 24 * 60 * 60


def _version_key(label: str) -> str:
    return f"page-cache:version:{label.lower()}"


def valid_until(response: HttpResponse, moment: datetime.datetime | None) -> HttpResponse:
    """Say that ``response``'s words hold until ``moment`` (at the latest); None: no limit."""
    if moment is not None:
        current = getattr(response, "page_valid_until", None)
        response.page_valid_until = min(moment, current) if current else moment
    return response


def next_midnight(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next midnight in Swedish time: when "today" and "N dagar kvar" change."""
    today = timezone.localdate(now or timezone.now())
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )


def versions_of(labels) -> str:
    """The models' versions now, as one string: a key for anything else made from their rows
    (e.g. a fragment of a page), which changes whenever one of them is saved or deleted."""
    keys = [_version_key(label) for label in sorted(labels)]
    found = cache.get_many(keys)
    return "-".join(str(found.get(key, 0)) for key in keys)


def _pages():
    """Pages live in a cache of their own ("pages"): filling it never pushes out the rate
    limits, sessions and versions in the default cache."""
    return caches["pages"]


def _cacheable_request(request) -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    if request.META.get("QUERY_STRING"):
        # No public page takes a query; each one would be a page of its own to store.
        return False
    # A session (someone signed in, or a message waiting) changes the page: no cache.
    return set(request.COOKIES) <= HARMLESS_COOKIES


def public_page(*, depends_on):
    """Serve the view's anonymous GET answers from the shared page cache (module docstring).
    ``depends_on`` names models as "app_label.ModelName": a list, or a function that returns
    one (for pages whose parts come from a registry, known once every app is ready)."""

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            return _serve(view, request, args, kwargs, depends_on, key=key, validators=True)

        return cached_view

    return decorate


def public_data(*, depends_on):
    """The same for public data (the open data's API, files and catalogue): the answer is
    the same for everyone — such a view reads no session, no user and no cookie — so it is
    served from the cache whatever cookies come with the request, and the query (filters,
    page) is part of the key. A view declares its parameters; an unknown one is an error
    answer, which is never kept."""

    def decorate(view):
        @wraps(view)
        def rendered_view(request, *args, **kwargs):
            # A framework's lazy response (DRF's, a TemplateResponse) is made before it is kept.
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if request.method not in {"GET", "HEAD"}:
                return view(request, *args, **kwargs)
            key = _page_key(request, private="data")
            return _serve(
                rendered_view, request, args, kwargs, depends_on, key=key, validators=True
            )

        return cached_view

    return decorate


def private_page(*, depends_on, vary_on):
    """The same for a signed-in person's own page: kept per session, per user, per CSRF
    cookie (the page carries that session's form token) and per what ``vary_on(request)``
    returns (the organisation they act for); never shared, never stored by a browser.

    Served only to a session whose user is still signed in and active (checked on every
    request, as Django's authentication does); a request with a message waiting, or without
    a CSRF cookie yet, is answered by the view, and an answer that sets a cookie or shows a
    message is not kept."""

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            session = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            if (
                request.method not in {"GET", "HEAD"}
                or not session
                or settings.CSRF_COOKIE_NAME not in request.COOKIES
                or "messages" in request.COOKIES
                or not request.user.is_authenticated  # signed out, or no longer active
            ):
                return view(request, *args, **kwargs)
            own = "|".join(
                [
                    session,
                    str(request.user.pk),
                    request.COOKIES[settings.CSRF_COOKIE_NAME],
                    str(vary_on(request)),
                ]
            )
            key = _page_key(request, private=hashlib.sha256(own.encode()).hexdigest()[:40])
            response = _serve(view, request, args, kwargs, depends_on, key=key, validators=False)
            patch_cache_control(response, no_store=True, private=True)
            return response

        return cached_view

    return decorate


def _serve(view, request, args, kwargs, depends_on, *, key: str, validators: bool):
    """The page from the cache, or made and kept; with an ETag and Last-Modified only where
    ``validators`` (a page anyone may be given: a browser may ask whether it changed)."""
    if not settings.PAGE_CACHE:
        return view(request, *args, **kwargs)
    labels = depends_on() if callable(depends_on) else depends_on
    labels = [*labels, *settings.PAGE_CACHE_EVERY_PAGE]
    version_keys = sorted({_version_key(label) for label in labels})
    found = cache.get_many(version_keys)
    versions = [found.get(k, 0) for k in version_keys]
    entry = _pages().get(key)
    now = timezone.now().timestamp()
    if entry and entry["versions"] == versions and entry["until"] > now:
        return _from_entry(entry)
    response = view(request, *args, **kwargs)
    if not _sets_something(request):
        _store(key, response, versions, now, validators=validators)
    return response


def _sets_something(request) -> bool:
    """Will the middleware add a cookie to this answer (a CSRF token given out, a session
    written, a message added)? Such an answer belongs to one visitor only. (A message that
    was waiting came with a cookie, and such requests are not cached at all.)"""
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    # Django renews the CSRF cookie whenever a page uses it; only a new secret matters.
    new_csrf_secret = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and request.META.get(
        "CSRF_COOKIE"
    ) != request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return bool(
        new_csrf_secret
        or (session is not None and session.modified)
        or (messages is not None and messages.added_new)
    )


def _page_key(request, private: str = "") -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"page-cache:{_release()}:{private or 'page'}:{get_language()}:{path}"


_release_id = None


def _release() -> str:
    """What tells one deploy's pages from the next: RELEASE, and the static files' manifest
    (a page names the hashed files of its own build)."""
    global _release_id
    if _release_id is None:
        manifest = ""
        name = getattr(staticfiles_storage, "manifest_name", None)
        if name and staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as file:
                manifest = hashlib.sha256(file.read()).hexdigest()[:12]
        _release_id = f"{settings.RELEASE}{manifest}" or "dev"
    return _release_id


def _store(key: str, response, versions: list, now: float, *, validators: bool) -> None:
    if response.status_code != HTTPStatus.OK or response.cookies or response.streaming:
        return
    if "no-store" in response.get("Cache-Control", ""):
        return
    # Dates and "N dagar kvar" change at midnight; a page may name an earlier moment.
    until = min(getattr(response, "page_valid_until", None) or next_midnight(), next_midnight())
    until = min(until.timestamp(), now + LONGEST_SECONDS)
    if until <= now:
        return
    if validators:
        _conditional_headers(response, made_at=now)
    entry = {
        "versions": versions,
        "until": until,
        "content": response.content,
        "headers": {
            h: response[h] for h in (*KEPT_HEADERS, "ETag", "Last-Modified") if h in response
        },
    }
    _pages().set(key, entry, timeout=int(until - now) + 1)


def _conditional_headers(response, *, made_at: float) -> None:
    """An ETag and Last-Modified, so that browsers ask again cheaply (304)."""
    if "ETag" not in response:
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if "Last-Modified" not in response:
        response["Last-Modified"] = http_date(made_at)
    # Stored by nobody but us: every visit asks (cheaply) whether the page changed.
    patch_cache_control(response, no_cache=True)


def _from_entry(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for header, value in entry["headers"].items():
        response[header] = value
    if "ETag" in response:  # a public page: every visit asks (cheaply) whether it changed
        patch_cache_control(response, no_cache=True)
    return response


def _bump(sender, **kwargs) -> None:
    """A row of ``sender`` changed: its pages are made anew. Bumped at once and again when
    the transaction commits: a page made in between (from the rows as they were before the
    commit) is stored under the first bump's version, and the second one drops it."""
    label = sender._meta.label_lower
    _bump_version(label)
    transaction.on_commit(lambda: _bump_version(label))


def rows_changed(model) -> None:
    """For writes that send no signal (bulk_create, update): the pages showing ``model``'s
    rows are made anew, as after a save."""
    _bump(model)


def _bump_version(label: str) -> None:
    try:
        cache.incr(_version_key(label))
    except ValueError:  # no version yet: start one (never back at a number used before)
        cache.set(_version_key(label), int(timezone.now().timestamp() * 1000), timeout=None)


def _bump_m2m(sender, instance, model, action, **kwargs) -> None:
    if action.startswith("post_"):
        _bump(type(instance))
        _bump(model)


def track_changes() -> None:
    """Bump a model's version whenever a row of it is saved or deleted, so that the pages
    that show it are made again. Every model of the project's apps is tracked (Django's own
    — sessions, users — are not: no public page shows them)."""
    models = [
        model
        for config in apps.get_app_configs()
        if not config.name.startswith("django.")
        for model in config.get_models()
    ]
    for model in models:
        uid = f"page-cache:{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(_bump_m2m, dispatch_uid="page-cache:m2m")
