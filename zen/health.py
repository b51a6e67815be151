"""Liveness and readiness endpoints, for load balancers and orchestrators (django-health-check).

- `/health/live/` runs no check: the process answers. When it fails, restart the process.
- `/health/ready/` checks what requests and jobs need: PostgreSQL (`SELECT 1`), the
  cache (a value written then read back through Django's cache API), Redis as the
  Celery broker (a ping), and both media storages (a file written, read and
  deleted). The cache ignores Redis errors so that pages keep serving without it
  (docs/decisions.md); this endpoint is where a Redis outage shows: it answers 500
  and names what failed, while the pages still answer 200.

docs/operations.md says what each failure means and what to do about it.
"""

from __future__ import annotations

from django.conf import settings
from health_check.views import HealthCheckView


def _ready_checks() -> list:
    checks: list = [
        "health_check.checks.Database",
        "health_check.checks.Cache",
        ("health_check.checks.Storage", {"alias": "default"}),
        ("health_check.checks.Storage", {"alias": "private"}),
    ]
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        from health_check.contrib.redis import Redis
        from redis.asyncio import Redis as RedisClient

        broker = settings.CELERY_BROKER_URL
        checks.append(
            (
                Redis,
                {"client_factory": lambda: RedisClient.from_url(broker, socket_connect_timeout=1, socket_timeout=1)},
            )
        )
    return checks


live = HealthCheckView.as_view(checks=[])
ready = HealthCheckView.as_view(checks=_ready_checks())
