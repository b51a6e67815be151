"""Without beat, and without Redis for minutes: the email worker flushes by itself and outlives the outage.

Real components: PostgreSQL, a Redis of the test's own (stopped for three minutes), a
Celery worker process and an SMTP server in this process. No beat runs in these tests:
the email worker's own timer runs the outbox flush (zen/outbox/worker.py).
"""

from __future__ import annotations

import time

from django.db import transaction

from tests.integration.conftest import OUTBOX_TIMES
from tests.servers import wait_for
from zen.celery import app as celery_app
from zen.outbox import services
from zen.outbox.models import OutboxEmail

FLUSH = int(OUTBOX_TIMES["OUTBOX_FLUSH_SECONDS"])
RECONNECT = 30  # Celery's reconnection backoff stops growing at 30 s
# "Several minutes": three, longer than any backoff step, short enough for every CI run.
OUTAGE = 180


def test_with_beat_down_an_email_no_request_handed_over_goes_within_one_flush(site, worker, smtp):
    _port, sink = smtp
    email = OutboxEmail.objects.create(
        kind="account-email", to="waiting@example.org", language="fr", subject="En attente", body_text="Bonjour"
    )
    assert email.handed_over_at is None  # written without a hand-over, as when the broker refused it
    wait_for(lambda: sink.to("waiting@example.org"), FLUSH + 10, f"the worker's flush:\n{worker.log.getvalue()}")


def test_a_redis_outage_of_three_minutes_leaves_the_worker_reconnecting_and_loses_no_email(
    site, worker, smtp, redis_server
):
    _port, sink = smtp
    assert celery_app.conf.broker_connection_max_retries is None  # no retry budget for an outage to exhaust
    redis_server.stop()
    with transaction.atomic():  # the hand-over after commit finds no broker
        email = services.rendered_email_enqueue(
            kind="account-email", to="patient@example.org", language="fr", subject="Patience", text="Bonjour", html=""
        )
    assert OutboxEmail.objects.get(pk=email.pk).handed_over_at is None

    deadline = time.monotonic() + OUTAGE
    while time.monotonic() < deadline:
        assert worker.running, f"the worker died during the outage:\n{worker.log.getvalue()[-3000:]}"
        time.sleep(5)
    log = worker.log.getvalue()
    assert "Cannot connect to redis" in log or "Connection to broker lost" in log

    redis_server.start()
    wait_for(
        lambda: sink.to("patient@example.org"),
        RECONNECT + FLUSH + 15,
        f"the email after the outage:\n{worker.log.getvalue()[-3000:]}",
    )
    assert worker.running
    assert OutboxEmail.objects.get(pk=email.pk).attempts == 1
