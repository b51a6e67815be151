"""Redis as a cache the site can live without.

Django's RedisCache raises when Redis is unreachable, which would turn every
page into an error. This one answers "not cached" instead, and after a failure
leaves Redis alone for a few seconds so pages do not each wait for a timeout.
It also keeps one client per connection pool (Django builds a new one, with
its table of reply parsers, for every operation) and counts rate-limit hits in
one round trip.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (ConnectionError, TimeoutError, OSError)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            # redis.Redis is safe to share: each command takes a connection from the pool.
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class ResilientRedisCache(RedisCache):
    pause_seconds = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
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

    def incr_window(self, key, timeout, version=None):
        """Add one to `key`, which lives `timeout` seconds from its first hit; None while Redis is down."""

        def hit():
            cache_key = self.make_and_validate_key(key, version=version)
            pipeline = self._cache.get_client(cache_key, write=True).pipeline(transaction=False)
            pipeline.set(cache_key, 0, ex=timeout, nx=True)  # INCR keeps the expiry it sets
            pipeline.incr(cache_key)
            return pipeline.execute()[1]

        return self._guard(hit, None)
