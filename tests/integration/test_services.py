"""The same code runs on the real services: PostgreSQL, and Redis as cache and broker."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from kombu import Connection

from chantiers.models import Phase


@pytest.mark.django_db
def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000


def test_the_cache_is_redis_and_answers():
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    key = f"integration-{uuid.uuid4()}"
    cache.set(key, {"chantier": "Laval ZéN"}, timeout=30)
    assert cache.get(key) == {"chantier": "Laval ZéN"}
    cache.delete(key)


def test_the_celery_broker_is_redis_and_accepts_connections():
    assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as broker:
        broker.ensure_connection(max_retries=1)
        assert broker.connected


def test_postgresql_enforces_the_partial_unique_current_phase(laval):
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(chantier=laval).update(status="current")


def test_the_rate_limit_counts_in_redis_each_address_apart_and_lets_people_through_when_redis_is_down(redis_server):
    import redis

    from zen.web.ratelimit import allow

    assert [allow("test", "192.0.2.1", limit=2, window=60) for _ in range(3)] == [True, True, False]
    assert allow("test", "192.0.2.2", limit=2, window=60)
    client = redis.Redis.from_url(redis_server.url)
    (bucket,) = client.keys("*ratelimit:test:192.0.2.1:*")
    assert 0 < client.ttl(bucket) <= 60  # the window's count goes away by itself

    redis_server.stop()
    assert allow("test", "192.0.2.1", limit=2, window=60)  # the honeypot and the minimum time still stand


def test_the_cache_answers_not_cached_while_redis_is_down_and_recovers(redis_server):
    cache.set("integration-page", "rendered", timeout=30)
    redis_server.stop()
    assert cache.get("integration-page") is None  # a miss, not an error: the page is rendered fresh
    cache.set("integration-page", "again", timeout=30)  # no error either
    redis_server.start()  # an empty server on the same port: the cache reconnects by itself
    cache.set("integration-page", "back", timeout=30)
    assert cache.get("integration-page") == "back"


def test_the_broker_publishes_again_after_a_redis_restart(redis_server):
    import redis
    from kombu import Queue

    from zen.celery import app

    queue = Queue("zen-integration", routing_key="zen-integration")
    with app.connection_for_write() as connection:
        producer = connection.Producer()
        producer.publish({"n": 1}, routing_key="zen-integration", declare=[queue])
        redis_server.stop()
        redis_server.start()  # a fresh, empty server
        producer.publish({"n": 2}, routing_key="zen-integration", declare=[queue], retry=True)
    assert redis.Redis.from_url(redis_server.url).llen("zen-integration") == 1
