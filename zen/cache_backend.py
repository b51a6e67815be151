"""Redis as a cache the site can live without.

Django's RedisCache raises when Redis is unreachable, which would turn every
page into an error. This one answers "not cached" instead, and after a failure
leaves Redis alone for a few seconds so pages do not each wait for a timeout.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (ConnectionError, TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    pause_seconds = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _guard(self, operation, default):
        if time.monotonic() < self._down_until:
            return default
        try:
            return operation()
        except UNAVAILABLE:
            logger.warning("Redis cache unreachable; serving without it for %ss.", self.pause_seconds)
            self._down_until = time.monotonic() + self.pause_seconds
            return default

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def incr(self, key, delta=1, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).incr(key, delta, version), None)

    def delete(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def clear(self):
        return self._guard(lambda: super(ResilientRedisCache, self).clear(), False)
