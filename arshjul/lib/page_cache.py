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

A public page is kept compressed, once, when it is made: gzip and brotli beside the page as
it is, each under a key of its own, and each visitor is given the one their Accept-Encoding
takes (brotli first). Nothing else is compressed by us, nor by the proxy in front
(deploy/Caddyfile): a page with a CSRF token or a person's data, compressed, would let an
attacker guess the secret from its length (BREACH). A page in the cache carries neither;
a person's own page (:func:`private_page`) is kept as it is.

On Redis a visit from the cache takes one round trip: the models' versions and the page, in
one MGET (the "pages" cache and the default one are the same Redis there).
"""

import datetime
import hashlib
import re
from functools import wraps
from http import HTTPStatus

import brotli
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

# Cookies that do not change what a public page says (the language is part of the key).
HARMLESS_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# Headers kept with a cached page (the rest — security, CSP, Vary — middleware adds anew).
# Link: the open data names its licence and its description in headers (rel="license").
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")
# A page is made again at least this often, whatever it depends on.
LONGEST_SECONDS = 24 * 60 * 60
# How a public page is kept, best first: each one made once, when the page is stored.
# Brotli's quality 5 (of 11): the compressing is paid on a miss, and 5 makes a page smaller
# than gzip's best in a few milliseconds (bench/README.md); 11 takes ten times longer.
ENCODINGS = {
    "br": lambda body: brotli.compress(body, quality=5, mode=brotli.MODE_TEXT),
    "gzip": compress_string,  # Django's own: level 6, no timestamp (the same bytes each time)
}
IDENTITY = "identity"


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


def kept_prefix(name: str, depends_on) -> str:
    """The start of a key for a piece of a page (drawn HTML, a compiled result) made from the
    rows of ``depends_on``: it names this release (whose templates drew it), the language and
    the models' versions (one cache read), so any saved or deleted row gives new keys. A
    caller keeping many pieces adds its own parts and reads them at once from the pages'
    cache (:func:`kept_pieces`)."""
    version = hashlib.sha256(versions_of(depends_on).encode()).hexdigest()[:32]
    return ":".join(["kept", name, _release(), get_language() or "", version])


def kept_pieces(wanted: list[str], make, *, seconds: int = LONGEST_SECONDS) -> dict:
    """The pieces under ``wanted`` keys (from :func:`kept_prefix`), in one read of the pages'
    cache; those not kept are made by ``make(missing keys)`` ({key: piece}; a piece of None
    is not kept) and kept ``seconds``."""
    found = _pages().get_many(wanted) if wanted else {}
    missing = [key for key in wanted if key not in found]
    made = make(missing) if missing else {}
    made = {key: piece for key, piece in made.items() if piece is not None}
    if made:
        _pages().set_many(made, timeout=max(1, seconds))
    return {**found, **made}


def kept_piece(key: str, make, *, seconds: int = LONGEST_SECONDS):
    """One piece: as :func:`kept_pieces`, ``make()`` without arguments; None if it made none."""
    return kept_pieces([key], lambda missing: {key: make()}, seconds=seconds).get(key)


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
            return _serve(
                view, request, args, kwargs, depends_on, key=key, validators=True, compress=True
            )

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
                rendered_view,
                request,
                args,
                kwargs,
                depends_on,
                key=key,
                validators=True,
                compress=True,  # the same for everyone: no secret in it
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
            # Kept as it is, never compressed: the page carries the session's CSRF token.
            response = _serve(
                view, request, args, kwargs, depends_on, key=key, validators=False, compress=False
            )
            patch_cache_control(response, no_store=True, private=True)
            return response

        return cached_view

    return decorate


def _serve(view, request, args, kwargs, depends_on, *, key, validators, compress):
    """The page from the cache, or made and kept; with an ETag and Last-Modified only where
    ``validators`` (a page anyone may be given: a browser may ask whether it changed); in
    the encoding the visitor takes where ``compress`` (a page without a secret in it)."""
    if not settings.PAGE_CACHE:
        return view(request, *args, **kwargs)
    labels = depends_on() if callable(depends_on) else depends_on
    labels = [*labels, *settings.PAGE_CACHE_EVERY_PAGE]
    version_keys = sorted({_version_key(label) for label in labels})
    encoding = _accepted_encoding(request) if compress else IDENTITY
    versions, entry = _read(version_keys, f"{key}:{encoding}")
    now = timezone.now().timestamp()
    if entry and entry["versions"] == versions and entry["until"] > now:
        return _from_entry(entry, compressed=compress)
    response = view(request, *args, **kwargs)
    if not _sets_something(request):
        entries = _store(key, response, versions, now, validators=validators, compress=compress)
        if compress and entries:
            # The answer that made the page goes out as the next visit's will: compressed.
            _encode(response, entries[encoding])
    return response


def _read(version_keys: list[str], entry_key: str) -> tuple[list, dict | None]:
    """The models' versions now, and the kept entry. Where the default cache and the pages'
    are the same Redis (production), in one MGET; else (files, memory) in two reads."""
    default, pages = caches["default"], _pages()
    if _one_redis(default, pages):
        # Our own keys, short and plain: not checked character by character on every visit.
        names = [default.make_key(k) for k in version_keys]
        entry_name = pages.make_key(entry_key)
        # The client's get_many is one MGET of whole keys, each loaded by the cache's
        # serializer (a version is a plain integer there, an entry a pickle).
        found = pages._cache.get_many([*names, entry_name])
        return [found.get(n, 0) for n in names], found.get(entry_name)
    found = default.get_many(version_keys)
    return [found.get(k, 0) for k in version_keys], pages.get(entry_key)


def _one_redis(a, b) -> bool:
    return isinstance(a, RedisCache) and isinstance(b, RedisCache) and a._servers == b._servers


_CODING = re.compile(r"^\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([\d.]+))?", re.ASCII)


def _accepted_encoding(request) -> str:
    """The encoding to answer in: of brotli and gzip, the one the request's Accept-Encoding
    weighs highest (brotli on a tie: smaller), never one it gives q=0; else the page as it is."""
    weights = {}
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        if match := _CODING.match(part):
            try:
                weights[match[1]] = float(match[2]) if match[2] is not None else 1.0
            except ValueError:
                weights[match[1]] = 0.0
    anything = weights.get("*", 0.0)
    best = max(ENCODINGS, key=lambda name: weights.get(name, anything))  # "br" first on a tie
    return best if weights.get(best, anything) > 0 else IDENTITY


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


def _store(key, response, versions, now, *, validators, compress) -> dict | None:
    """Keep ``response`` under ``key`` as it is and, where ``compress``, gzipped and in
    brotli, each an entry of its own (a visit reads only the one it is given); the entries
    kept, by encoding, or None if the answer is not one to keep."""
    if response.status_code != HTTPStatus.OK or response.cookies or response.streaming:
        return None
    if "no-store" in response.get("Cache-Control", ""):
        return None
    # Dates and "N dagar kvar" change at midnight; a page may name an earlier moment.
    until = min(getattr(response, "page_valid_until", None) or next_midnight(), next_midnight())
    until = min(until.timestamp(), now + LONGEST_SECONDS)
    if until <= now or response.has_header("Content-Encoding"):
        return None
    if validators:
        _conditional_headers(response, made_at=now)
    headers = {h: response[h] for h in (*KEPT_HEADERS, "ETag", "Last-Modified") if h in response}
    kept = {"versions": versions, "until": until, "content": response.content, "headers": headers}
    entries = {IDENTITY: kept}
    if compress:
        for encoding, compressed in ENCODINGS.items():
            entries[encoding] = {
                **kept,
                "content": compressed(response.content),
                "headers": _encoded_headers(headers, encoding),
            }
    # One write (on Redis a MULTI/EXEC): a visit never finds one encoding newer than another.
    _pages().set_many(
        {f"{key}:{encoding}": entry for encoding, entry in entries.items()},
        timeout=int(until - now) + 1,
    )
    return entries


def _encoded_headers(headers: dict, encoding: str) -> dict:
    """A compressed entry's headers: its Content-Encoding, and an ETag of its own (a cache
    between must never take the gzipped page for the brotli one), as Django's GZipMiddleware
    tells them apart."""
    headers = {**headers, "Content-Encoding": encoding}
    if (etag := headers.get("ETag", "")).endswith('"'):  # "…" or W/"…"
        headers["ETag"] = etag[:-1] + f'-{encoding}"'
    return headers


def _encode(response, entry: dict) -> None:
    """Make the view's answer the kept entry's encoding (its headers, its body)."""
    if "Content-Encoding" in entry["headers"]:
        response.content = entry["content"]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        response["Content-Encoding"] = entry["headers"]["Content-Encoding"]
        if "ETag" in entry["headers"]:
            response["ETag"] = entry["headers"]["ETag"]
    patch_vary_headers(response, ["Accept-Encoding"])


def _conditional_headers(response, *, made_at: float) -> None:
    """An ETag and Last-Modified, so that browsers ask again cheaply (304)."""
    if "ETag" not in response:
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if "Last-Modified" not in response:
        response["Last-Modified"] = http_date(made_at)
    # Stored by nobody but us: every visit asks (cheaply) whether the page changed.
    patch_cache_control(response, no_cache=True)


def _from_entry(entry: dict, *, compressed: bool) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for header, value in entry["headers"].items():
        response[header] = value
    if compressed:  # kept in several encodings: which one depends on Accept-Encoding
        patch_vary_headers(response, ["Accept-Encoding"])
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


def _tracked_models() -> list:
    return [
        model
        for config in apps.get_app_configs()
        if not config.name.startswith("django.")
        for model in config.get_models()
    ]


def tracked_labels() -> list[str]:
    """Every model whose saves and deletes bump a version (:func:`track_changes`): for a
    page made from rows of any of them (the cycle's overview)."""
    return sorted(model._meta.label_lower for model in _tracked_models())


def track_changes() -> None:
    """Bump a model's version whenever a row of it is saved or deleted, so that the pages
    that show it are made again. Every model of the project's apps is tracked (Django's own
    — sessions, users — are not: no public page shows them)."""
    for model in _tracked_models():
        uid = f"page-cache:{model._meta.label_lower}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(_bump_m2m, dispatch_uid="page-cache:m2m")
