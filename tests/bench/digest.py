"""Benchmark of the followers' digest: `make bench` (needs PostgreSQL, Redis).

One Celery worker process (prefork, concurrency 2, as in production's email worker) on
PostgreSQL and Redis, sending to an SMTP server in this process:

1. the baseline: the existing application acknowledgements (`application-received`),
   APPLICATION_EMAILS of them queued at once; emails rendered and handed to SMTP per second;
2. a digest run for FOLLOWERS followers of one Chantier with news: the digest task (in the
   same worker) describes the changes, queues one email per follower in batches, and the
   worker renders and sends them; emails per second from the first to the last delivery.

The figure that matters is the ratio of the two per-email costs, measured in the same run on
the same machine: a digest email may cost at most TARGET_COST_RATIO application emails.
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

from aiosmtpd.controller import Controller

from tests.bench.common import environment, finish, fresh_database, manage
from tests.servers import CeleryWorker, free_port

FOLLOWERS = int(os.environ.get("BENCH_FOLLOWERS", "10000"))
APPLICATION_EMAILS = int(os.environ.get("BENCH_APPLICATION_EMAILS", "2000"))
TARGET_COST_RATIO = 2.0


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.first = 0.0
        self.last = 0.0

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        if not self.count:
            self.first = now
        self.count += 1
        self.last = now
        return "250 OK"

    def reset(self) -> None:
        self.count, self.first, self.last = 0, 0.0, 0.0


def wait_for_deliveries(counter: Counter, expected: int, timeout: float = 900) -> float:
    """Emails per second from the first delivery to the last (the worker's start-up is not counted)."""
    deadline = time.monotonic() + timeout
    while counter.count < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    if counter.count < expected:
        raise RuntimeError(f"only {counter.count} of {expected} emails were delivered")
    return (counter.count - 1) / (counter.last - counter.first)


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "zen.settings"
    import django

    django.setup()


def queue_application_emails() -> None:
    from django.db import transaction

    from chantiers.models import Chantier
    from partners.models import PartnerApplication
    from zen.outbox.services import Email, emails_enqueue

    application = PartnerApplication.objects.create(
        chantier=Chantier.objects.get(slug="laval-zen"),
        organisation_name="Organisation du banc d’essai",
        organisation_kind="nonprofit",
        contact_name="Personne Essai",
        contact_email="essai@example.org",
        motivation="Contribuer.",
        consent_privacy=True,
    )
    context = {"application": application.pk}
    with transaction.atomic():
        emails_enqueue(
            [
                Email(kind="application-received", to=f"essai{n}@example.org", language="fr", context=context)
                for n in range(APPLICATION_EMAILS)
            ]
        )


def followers_with_news() -> None:
    from django.utils import timezone

    from chantiers.followers.models import Follower
    from chantiers.models import Chantier, Event, RoadmapAction, Theme

    laval = Chantier.objects.get(slug="laval-zen")
    last_week = timezone.now() - timedelta(days=7)
    Follower.objects.bulk_create(
        (
            Follower(
                chantier=laval,
                email=f"personne{n}@example.org",
                language="en" if n % 4 == 0 else "fr",
                consent_text="J’accepte.",
                consented_at=last_week,
                confirmed_at=last_week,
                digested_until=last_week,
                token=f"bench-{n}",
            )
            for n in range(FOLLOWERS)
        ),
        batch_size=2000,
    )
    # A week's news: two events, an action added, one that moved.
    Event.objects.create(
        chantier=laval,
        title_fr="Corvée au parc",
        title_en="Park work party",
        status="confirmed",
        start_date=date(2027, 5, 1),
    )
    Event.objects.create(chantier=laval, title_fr="Forum citoyen", status="tentative", start_date=date(2027, 6, 1))
    RoadmapAction.objects.create(
        chantier=laval, theme=Theme.objects.current()[0], title_fr="Verdir les cours d’école", is_published=True
    )
    action = laval.actions.filter(is_published=True).exclude(status="done").first()
    if action is not None:
        action.progress = min(100, action.progress + 20)
        action.save()


def main() -> None:
    env = environment()
    print("Building the database…", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_seed", "--examples", env=env)
    counter = Counter()
    smtp_port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    worker_env = env | {"EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}"}
    setup_django(worker_env)
    worker = CeleryWorker(worker_env).start()
    try:
        print(f"{APPLICATION_EMAILS} application emails…", flush=True)
        queue_application_emails()
        application_rate = wait_for_deliveries(counter, APPLICATION_EMAILS)

        print(f"A digest to {FOLLOWERS} followers…", flush=True)
        followers_with_news()
        counter.reset()
        from celery import signature

        started = time.monotonic()
        signature("followers.send_digests", args=["weekly"]).apply_async()
        digest_rate = wait_for_deliveries(counter, FOLLOWERS)
        whole_run = time.monotonic() - started
    finally:
        worker.stop()
        controller.stop()

    from chantiers.followers.models import Follower
    from zen.outbox.models import OutboxEmail

    digests = OutboxEmail.objects.filter(kind="follower-digest").count()
    cost_ratio = application_rate / digest_rate  # a digest email's cost, in application emails
    failures = []
    if cost_ratio > TARGET_COST_RATIO:
        failures.append(f"a digest email costs {cost_ratio:.2f} application emails")
    if digests != FOLLOWERS or Follower.objects.filter(digested_until__lt=time_floor()).exists():
        failures.append("not every follower got exactly one digest")
    body = "\n".join(
        [
            "| measure (one Celery worker, prefork concurrency 2, local SMTP server) | value | target |",
            "| --- | ---: | ---: |",
            f"| application acknowledgements (baseline, {APPLICATION_EMAILS} emails) | "
            f"{application_rate:.0f} emails per second | |",
            f"| digest to {FOLLOWERS} followers: rendered and handed to SMTP | {digest_rate:.0f} emails per second "
            f"({whole_run:.0f} s from the task's start to the last delivery) | |",
            f"| per-email cost of a digest, in application emails | {cost_ratio:.2f} | ≤ {TARGET_COST_RATIO:.1f} |",
        ]
    )
    body += "\n\nBoth measured in the same run, on the same worker, PostgreSQL and Redis; the machine has 2 cores.\n"
    finish("Followers' digest", body, failures)


def time_floor():
    from django.utils import timezone

    return timezone.now() - timedelta(days=6)


if __name__ == "__main__":
    main()
