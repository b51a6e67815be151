"""A fixed-window rate limit kept in the cache.

Small enough to own: it must fail open when Redis is down (the honeypot and
the minimum time still stand), and work on the in-memory cache of `make run`.
It uses only Django's cache API, so any backend will do.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address to count: the peer's, or behind a trusted proxy the one that proxy saw.

    The proxy appends the address it saw to X-Forwarded-For, so its last hop is the one to believe, and
    only when the request comes from one of the proxy's addresses (FORWARDED_ALLOW_IPS).
    """
    peer = str(request.META.get("REMOTE_ADDR", ""))
    if settings.BEHIND_PROXY and _trusted_proxy(peer):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return peer


def _trusted_proxy(peer: str) -> bool:
    allowed: list[str] = settings.FORWARDED_ALLOW_IPS
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a hostname or a typo: gunicorn ignores it too
    return False


def allow(scope: str, who: str, *, limit: int, window: int) -> bool:
    """Count one attempt by `who`; False once they exceed `limit` in the current window."""
    bucket = f"ratelimit:{scope}:{who}:{int(time.time() // window)}"
    count = _hit(bucket, window)
    return count is None or count <= limit  # None: the cache is down, let the other defences work


def _hit(bucket: str, window: int) -> int | None:
    """One more hit in `bucket`, which lives `window` seconds from its first hit; None if the cache is unreachable."""
    if cache.add(bucket, 0, timeout=window) is None:  # a cache that ignores its errors answers None
        return None
    try:
        return cache.incr(bucket)  # keeps the expiry `add` set
    except ValueError:  # evicted between the two calls
        cache.add(bucket, 1, timeout=window)
        return 1
