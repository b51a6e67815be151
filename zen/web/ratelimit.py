"""A fixed-window rate limit kept in the cache.

Small enough to own: it must fail open when Redis is down (the honeypot and
the minimum time still stand), and work on the in-memory cache of `make run`.
It uses only Django's cache API, so any backend will do.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


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
