"""The outbox under faults: locks, a worker killed right after SMTP accepted, a database that goes away.

Real components: PostgreSQL (through a proxy the test can cut, for the worker), a
Redis of each test's own, a Celery worker process and an SMTP server in this process.
The worker's recovery delays are scaled to seconds (conftest.OUTBOX_TIMES), so each
test waits out exactly the bound the outbox promises.
"""

from __future__ import annotations

import threading
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chantiers.models import Chantier
from tests.conftest import make_application, with_totp
from tests.integration.conftest import OUTBOX_TIMES, Worker
from tests.servers import wait_for
from zen.outbox import services
from zen.outbox.models import OutboxEmail

FLUSH = int(OUTBOX_TIMES["OUTBOX_FLUSH_SECONDS"])
SENDING_STALE = int(OUTBOX_TIMES["OUTBOX_SENDING_STALE_SECONDS"])
RECORD_PATIENCE = int(OUTBOX_TIMES["OUTBOX_RECORD_PATIENCE_SECONDS"])
DELIVERY = 30  # a few dozen emails, and a worker's start, on a busy two-core machine


def enqueue(count: int, prefix: str = "person") -> list[OutboxEmail]:
    context = {"application": make_application(Chantier.objects.get(slug="laval-zen")).pk}
    with transaction.atomic():
        return [
            services.email_enqueue(
                kind="application-received", to=f"{prefix}{n}@example.org", language="fr", context=context
            )
            for n in range(count)
        ]


def test_a_delivery_that_meets_a_locked_row_waits_for_it_instead_of_skipping_it(site, redis_server, smtp):
    """Item 1: a hand-over's (or flush's) lock on a row never makes a delivery skip it."""
    port, sink = smtp
    # A skipped row would wait five minutes for its hand-over to go stale: long past this test.
    worker = Worker(redis_server.url, port, OUTBOX_HANDOVER_STALE_SECONDS="300").start()
    try:
        enqueue(1)
        wait_for(lambda: sink.ids(), DELIVERY, "the first email")  # the worker is up and idle
        # Another email, marked handed over and not yet queued, whose row this test holds
        # locked (as a long flush's UPDATE would) while its task reaches the worker.
        email = OutboxEmail.objects.create(
            kind="account-email",
            to="locked0@example.org",
            language="fr",
            subject="Verrou",
            body_text="Bonjour",
            handed_over_at=timezone.now(),
        )
        with transaction.atomic():
            OutboxEmail.objects.select_for_update().get(pk=email.pk)
            services.handover([email.pk])
            time.sleep(3)  # the worker takes the task and waits on the lock
            assert not sink.to("locked0@example.org")
        wait_for(lambda: sink.to("locked0@example.org"), 10, f"the locked email:\n{worker.log.getvalue()[-3000:]}")
        wait_for(lambda: OutboxEmail.objects.get(pk=email.pk).status == "sent", 10, "the email marked sent")
        assert OutboxEmail.objects.get(pk=email.pk).attempts == 1
    finally:
        worker.stop()


def test_a_worker_killed_right_after_smtp_accepted_sends_that_email_twice_and_nothing_else(
    site, worker, smtp, settings
):
    """Items 2 and 4: a killed worker's emails all arrive within the stated bound; its one in-flight email twice."""
    _port, sink = smtp
    killed: list[int] = []

    def kill_the_worker(message) -> None:
        if len(sink.messages) == 5 and not killed:
            killed.append(int(message["X-Zen-Email-Id"]))
            worker.kill()  # SIGKILL, before the worker hears "250"

    sink.on_accept = kill_the_worker
    emails = enqueue(40)
    wait_for(lambda: killed, DELIVERY, "the fifth email")
    (interrupted,) = killed
    killed_at = time.monotonic()
    assert len(sink.ids()) < 40, "the worker finished before it could be killed"

    worker.start()
    # Its reserved tasks are handed over again once their hand-over is stale (5 s), the emails
    # it was sending once their claim is (15 s): all within one stale claim and one flush.
    wait_for(
        lambda: len(sink.ids()) == 40 and not OutboxEmail.objects.exclude(status="sent").exists(),
        SENDING_STALE + FLUSH + DELIVERY,
        f"40 emails sent:\n{worker.log.getvalue()[-3000:]}",
    )
    recovered_in = time.monotonic() - killed_at

    ids = sink.ids()
    assert set(ids) == {email.pk for email in emails}
    assert ids[interrupted] == 2, "the email SMTP accepted from the killed worker went twice"
    duplicates = {pk for pk, count in ids.items() if count > 1}
    assert len(duplicates) <= worker.concurrency, "at most one duplicate per killed worker process"
    for pk in duplicates:
        first, second = [m for m in sink.messages if int(m["X-Zen-Email-Id"]) == pk]
        assert first["Message-ID"] == second["Message-ID"] == f"<outbox-{pk}@collectiviteszen>"
    print(f"\nall 40 emails delivered {recovered_in:.0f} s after the kill; {len(duplicates)} sent twice")

    row = OutboxEmail.objects.get(pk=interrupted)
    assert row.interrupted_at is not None and row.attempts == 2
    staff = Client()
    staff.force_login(with_totp(get_user_model().objects.create_superuser("admin@example.org", "admin@example.org")))
    page = staff.get(reverse("admin:outbox_outboxemail_change", args=[interrupted])).content.decode()
    assert "a peut-être déjà atteint le destinataire (doublon possible)" in page


def test_a_database_that_refuses_connections_while_the_worker_records_makes_no_duplicate(
    site, redis_server, smtp, database_proxy
):
    """Item 3: SMTP accepted, then the database is gone a few seconds; recorded later, nothing sent twice."""
    port, sink = smtp
    worker = Worker(redis_server.url, port, database=database_proxy.url).start()
    outage = threading.Event()

    def take_the_database_away(message) -> None:
        if len(sink.messages) == 3 and not outage.is_set():
            outage.set()
            database_proxy.cut_for(RECORD_PATIENCE / 2)  # shorter than the worker's patience

    try:
        sink.on_accept = take_the_database_away
        emails = enqueue(20)
        wait_for(outage.is_set, DELIVERY, "the third email")
        wait_for(lambda: len(sink.ids()) == 20, RECORD_PATIENCE + FLUSH + DELIVERY, f"20:\n{worker.log.getvalue()}")
        wait_for(lambda: not OutboxEmail.objects.exclude(status="sent").exists(), 10, "every row marked sent")
        log = worker.log.getvalue()
    finally:
        worker.stop()
    ids = sink.ids()
    assert set(ids) == {email.pk for email in emails}
    assert max(ids.values()) == 1, "no email went twice"
    assert "recording its outcome failed" in log  # the outage did hit a record
    assert not OutboxEmail.objects.filter(interrupted_at__isnull=False).exists()
