"""Kombu's Redis transport, publishing through one client per channel.

Kombu builds a new redis.Redis, with its table of some 170 reply parsers, for
every message it publishes: a fifth of the cost of handing a submission's
emails to Celery. Keeping the channel's client is safe: each command takes a
connection from the channel's pool, and a new pool (after a fork or a lost
connection) gets a new client.
"""

from __future__ import annotations

from kombu.transport import redis


class Channel(redis.Channel):
    _kept_client = None

    def _create_client(self, asynchronous: bool = False):
        if asynchronous:  # the worker's BRPOP and pub/sub connections: unchanged
            return super()._create_client(asynchronous=True)
        client = self._kept_client
        if client is None or client.connection_pool is not self.pool:
            client = self._kept_client = super()._create_client()
        return client


class Transport(redis.Transport):
    Channel = Channel
