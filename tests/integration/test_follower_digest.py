"""A digest to a few hundred followers through a real Celery worker and SMTP server, the worker killed midway."""

from __future__ import annotations

from datetime import date, timedelta

from celery import signature
from django.utils import timezone

from chantiers.followers.models import Follower
from chantiers.models import Chantier, Event
from tests.integration.conftest import Worker
from tests.integration.test_email_delivery import DELIVERY, FLUSH, SENDING_STALE
from tests.servers import wait_for
from zen.outbox.models import OutboxEmail

FOLLOWERS = 300


def test_a_digest_reaches_every_follower_once_though_a_worker_dies(site, redis_server, smtp):
    port, sink = smtp
    laval = Chantier.objects.get(slug="laval-zen")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Follower.objects.bulk_create(
        Follower(
            chantier=laval,
            email=f"personne{n}@example.org",
            language="en" if n % 3 == 0 else "fr",
            consent_text="J’accepte.",
            consented_at=an_hour_ago,
            confirmed_at=an_hour_ago,
            digested_until=an_hour_ago,
            token=f"token-{n}",
        )
        for n in range(FOLLOWERS)
    )
    Event.objects.create(
        chantier=laval,
        title_fr="Corvée au parc",
        title_en="Park work party",
        status="confirmed",
        start_date=date(2027, 5, 1),
    )
    # Small batches, so the digest itself is several transactions the kill may fall between.
    worker = Worker(redis_server.url, port)
    worker.env["FOLLOWERS_DIGEST_BATCH"] = "40"
    worker.start()
    try:
        signature("followers.send_digests", args=["weekly"]).apply_async()
        wait_for(lambda: len(sink.messages) >= 60, 90, f"the first digests:\n{worker.log.getvalue()[-3000:]}")
        worker.kill()
        killed_at = len(sink.messages)
        assert killed_at < FOLLOWERS, "the worker finished before it could be killed; raise FOLLOWERS"

        worker.start()
        # The restarted worker's own flush hands over what the killed one had (outbox recovery bounds).
        wait_for(
            lambda: (
                len({m["To"] for m in sink.messages}) == FOLLOWERS
                and not OutboxEmail.objects.exclude(status="sent").exists()
            ),
            SENDING_STALE + FLUSH + DELIVERY,
            f"every digest sent:\n{worker.log.getvalue()[-3000:]}",
        )
    finally:
        worker.stop()

    digests = OutboxEmail.objects.filter(kind="follower-digest")
    assert digests.count() == FOLLOWERS  # one row per follower: the digest run never wrote one twice
    ids = sink.ids()
    assert set(ids) == set(digests.values_list("pk", flat=True))
    duplicates = sum(count - 1 for count in ids.values())
    print(f"\nkilled after {killed_at} deliveries; {duplicates} digest(s) arrived twice")
    assert duplicates <= worker.concurrency  # the outbox's crash window, at most one per process

    english = sink.to("personne0@example.org")[0]
    assert english["Subject"] == "News from Laval ZéN"
    assert english["List-Unsubscribe"] == "<https://zen.example.org/en/suivre/desabonnement/token-0/>"
    assert english["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    french = sink.to("personne1@example.org")[0]
    assert french["Subject"] == "Du nouveau dans Laval ZéN"
    assert "Corvée au parc" in french.get_body(("plain",)).get_content()
    assert not Follower.objects.filter(digested_until__lte=an_hour_ago).exists()  # every window moved on
