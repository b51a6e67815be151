"""No application and no email is ever lost, and none is sent twice but in the crash window.

Real components: PostgreSQL, a Redis of each test's own (broker and cache), a
Celery worker process, and an SMTP server started by the test.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chantiers.models import Chantier, Coordinator
from partners.models import PartnerApplication
from tests.conftest import make_application, with_totp
from tests.partners.conftest import application_data
from tests.servers import wait_for
from zen.outbox import services
from zen.outbox.models import OutboxEmail

COORDINATOR = "coordination@laval.example.org"


# How long the recovery paths may take, with the worker's settings (conftest.OUTBOX_TIMES):
# the worker's reconnection to a broker that came back (Celery's backoff stops growing at
# 30 s), one flush interval, and a stopped worker's claim going stale.
RECONNECT = 30
FLUSH = 2
SENDING_STALE = 15
# Sending a few hundred emails on a busy two-core machine.
DELIVERY = 60


def laval_coordinator():
    from chantiers.roles import ensure_groups

    coordinators, _ = ensure_groups()
    user = get_user_model().objects.create_user(
        username=COORDINATOR, email=COORDINATOR, password="mot-de-passe-solide", is_staff=True
    )
    user.groups.add(coordinators)
    Coordinator.objects.create(user=user, chantier=Chantier.objects.get(slug="laval-zen"))
    return with_totp(user)


def test_a_submission_reaches_both_inboxes_and_the_decision_follows(site, worker, smtp):
    _port, sink = smtp
    coordinator = laval_coordinator()
    visitor = Client()
    with translation.override("en"):
        url = reverse("partners:apply-to", args=["laval-zen"])
    response = visitor.post(url, application_data(contact_email="sam@example.org", organisation_name="Cargo Vélo"))
    assert response.status_code == 302

    wait_for(lambda: sink.to(COORDINATOR) and sink.to("sam@example.org"), 30, "both emails to arrive")
    (to_coordinator,) = sink.to(COORDINATOR)
    (to_applicant,) = sink.to("sam@example.org")
    assert to_coordinator["Subject"].startswith("Nouvelle demande de partenariat pour Laval ZéN")
    assert to_applicant["Subject"] == "We have received your application — Laval ZéN"
    assert to_applicant.is_multipart()  # text and HTML

    staff = Client()
    staff.force_login(coordinator)
    application = PartnerApplication.objects.get()
    response = staff.post(
        reverse("admin:partners_partnerapplication_decision", args=[application.pk]),
        {"decision": "accept", "note": "Welcome aboard!"},
    )
    assert response.status_code == 302
    wait_for(lambda: len(sink.to("sam@example.org")) == 2, 30, "the decision email to arrive")
    decision = sink.to("sam@example.org")[1]
    assert decision["Subject"] == "Welcome among the partners of Laval ZéN"
    assert "Cargo Vélo" in Client().get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()


def test_with_the_broker_down_every_submission_is_kept_and_every_email_arrives_once(site, worker, smtp, redis_server):
    _port, sink = smtp
    laval_coordinator()
    redis_server.stop()  # broker and cache both gone

    visitor = Client()
    url = reverse("partners:apply-to", args=["laval-zen"])
    for n in range(200):
        response = visitor.post(url, application_data(contact_email=f"applicant{n}@example.org"))
        assert response.status_code == 302, response.content.decode()[:500]
    assert PartnerApplication.objects.count() == 200
    assert OutboxEmail.objects.filter(status="pending").count() == 400
    # The public site keeps answering without its cache.
    assert visitor.get(reverse("chantiers:detail", args=["laval-zen"])).status_code == 200

    redis_server.start()
    # The worker reconnects by itself and its own flush (no beat here) hands over everything
    # the broker refused: within one flush interval of the reconnection.
    wait_for(
        lambda: len(sink.ids()) >= 400, RECONNECT + FLUSH + DELIVERY, f"400 emails:\n{worker.log.getvalue()[-3000:]}"
    )
    ids = sink.ids()
    assert len(ids) == 400
    assert max(ids.values()) == 1, "no email arrived twice"
    assert OutboxEmail.objects.filter(status="sent").count() == 400


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_its_crash_window(site, worker, smtp):
    _port, sink = smtp
    context = {"application": make_application(Chantier.objects.get(slug="laval-zen")).pk}
    with transaction.atomic():
        emails = [
            services.email_enqueue(
                kind="application-received", to=f"person{n}@example.org", language="fr", context=context
            )
            for n in range(500)
        ]
    wait_for(lambda: len(sink.messages) >= 100, 60, "the first hundred emails")
    worker.kill()
    killed_at = len(sink.messages)
    assert killed_at < 500, "the worker finished before it could be killed; raise the count"

    worker.start()
    # Its reserved tasks are lost with it: its restarted self hands their rows over again once
    # their hand-over is stale (5 s), and the emails it was sending once their claim is (15 s).
    wait_for(
        lambda: len(sink.ids()) == 500,
        SENDING_STALE + FLUSH + DELIVERY,
        f"500 emails:\n{worker.log.getvalue()[-3000:]}",
    )
    wait_for(lambda: not OutboxEmail.objects.exclude(status="sent").exists(), 30, "every row marked sent")

    ids = sink.ids()
    duplicates = sum(count - 1 for count in ids.values())
    print(f"\nkilled after {killed_at} deliveries; {duplicates} email(s) arrived twice")
    assert set(ids) == {email.pk for email in emails}
    assert duplicates <= worker.concurrency


def test_smtp_refusals_are_retried_and_a_permanent_one_is_shown_as_failed(site, worker, smtp):
    _port, sink = smtp
    sink.refuse_for_a_while["later@example.org"] = 2
    sink.refuse_for_good.add("nobody@example.org")
    context = {"application": make_application(Chantier.objects.get(slug="laval-zen")).pk}
    with transaction.atomic():
        later = services.email_enqueue(
            kind="application-received", to="later@example.org", language="fr", context=context
        )
        nobody = services.email_enqueue(
            kind="application-received", to="nobody@example.org", language="fr", context=context
        )

    wait_for(lambda: sink.to("later@example.org"), 60, "the email refused twice to arrive at last")
    wait_for(lambda: OutboxEmail.objects.get(pk=nobody.pk).status == "failed", 30, "the refused address to fail")
    # The worker marks the row sent just after the SMTP server accepted the email.
    wait_for(lambda: OutboxEmail.objects.get(pk=later.pk).status == "sent", 30, "the delivered email marked sent")
    later.refresh_from_db()
    nobody.refresh_from_db()
    assert later.status == "sent" and later.attempts == 3
    assert nobody.attempts == 1 and "550" in nobody.last_error

    staff = Client()
    staff.force_login(
        with_totp(get_user_model().objects.create_superuser("admin@example.org", "admin@example.org", "x"))
    )
    page = staff.get(reverse("admin:outbox_outboxemail_changelist") + "?status__exact=failed").content.decode()
    assert "nobody@example.org" in page and "550" in page
