"""A fixed-window rate limit kept in the cache.

Small enough to own: it must fail open when Redis is down (the honeypot and
the minimum time still stand), and work on the in-memory cache of `make run`.
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
    return request.META.get("REMOTE_ADDR", "")


def allow(scope: str, who: str, *, limit: int, window: int) -> bool:
    """Count one attempt by `who`; False once they exceed `limit` in the current window."""
    bucket = f"ratelimit:{scope}:{who}:{int(time.time() // window)}"
    count = _hit(bucket, window)
    return count is None or count <= limit  # None: the cache is down, let the other defences work


def _hit(bucket: str, window: int) -> int | None:
    incr_window = getattr(cache, "incr_window", None)
    if incr_window is not None:  # Redis (zen.cache_backend): one round trip
        return incr_window(bucket, window)
    try:  # the in-memory cache of `make run` and the tests
        return cache.incr(bucket)
    except ValueError:  # first attempt in this window
        cache.add(bucket, 1, timeout=window)
        return 1
