"""Rate limits, counted in the shared cache (Redis in production, where every web process
shares the counters and ``incr`` is atomic; on a laptop a folder every process shares, whose
``incr`` holds a lock: :mod:`arshjul.lib.cache`).

A limit is a fixed window: ``hit(scope, key, limit=3, window=900)`` counts one hit for ``key``
in the current window and says whether it is still within the limit. Counting and deciding is
one atomic increment, so twelve parallel requests against a limit of three let exactly three
through. Keys are hashed: no address or e-mail is stored in the cache in the clear.
"""

import contextlib
import functools
import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from ipware import get_client_ip


def _cache_key(scope: str, key: str, window: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit; True while the window's count is within ``limit``."""
    cache_key = _cache_key(scope, key, window)
    cache.add(cache_key, 0, timeout=window + 60)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.add(cache_key, 1, timeout=window + 60)
        count = 1
    return count <= limit


def forgive(scope: str, key: str, *, window: int) -> None:
    """Take one hit back (one that turned out to be no abuse)."""
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to take back
        cache.decr(_cache_key(scope, key, window))


def count(scope: str, key: str, *, window: int) -> int:
    """The hits counted so far in the current window (without counting one)."""
    return cache.get(_cache_key(scope, key, window), 0)


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and its counts start again (for Retry-After)."""
    return max(1, int(window - time.time() % window))


def in_networks(ip: str, networks) -> bool:
    """Whether ``ip`` lies in one of ``networks`` (CIDR strings, e.g. "194.68.10.0/28")."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in network for network in _parsed(tuple(networks)))


@functools.lru_cache(maxsize=16)
def _parsed(networks: tuple[str, ...]) -> list:
    return [ipaddress.ip_network(n, strict=False) for n in networks]


def client_ip(request) -> str:
    """The visitor's network address: REMOTE_ADDR, or — behind TRUSTED_PROXY_COUNT reverse
    proxies — the address the outermost of them saw (from X-Forwarded-For, by django-ipware).
    A client can write any X-Forwarded-For it likes, so without trusted proxies it is ignored."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    ip, _ = get_client_ip(
        request,
        proxy_count=proxies - 1,  # ipware counts the proxies inside the header
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return ip or remote
