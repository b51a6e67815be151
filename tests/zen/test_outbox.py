"""The outbox sends each email once, retries what may pass later, and shows what failed for good."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import make_application
from zen.outbox import delivery, services
from zen.outbox.models import OutboxEmail


@pytest.fixture
def application(laval):
    return make_application(laval)


@pytest.fixture
def email(application, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # hand-over is tested on its own below
    return services.email_enqueue(
        kind="application-received",
        to="camille@example.org",
        language="fr",
        context={"application": application.pk},
    )


class FailingBackend:
    error: Exception = smtplib.SMTPServerDisconnected("connection lost")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise self.error

    def open(self):
        pass

    def close(self):
        pass


def use_backend(settings, backend: str):
    settings.MAILERS = {"default": {"BACKEND": backend}}


def test_an_email_is_sent_once_however_often_it_is_handed_over(email):
    assert delivery.deliver(email.pk).sent
    assert not delivery.deliver(email.pk).sent
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.extra_headers["Message-ID"] == f"<outbox-{email.pk}@collectiviteszen>"
    email.refresh_from_db()
    assert email.status == "sent" and email.sent_at and email.attempts == 1


def test_the_worker_writes_the_email_when_it_sends_it_and_keeps_what_it_sent(email):
    assert email.subject == ""  # the request stored what to send, not the text
    delivery.deliver(email.pk)
    email.refresh_from_db()
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert email.subject == message.subject == "Nous avons bien reçu votre demande — Laval ZéN"
    assert "Bonjour Camille," in email.body_text == message.body
    ((html, _mimetype),) = message.alternatives
    assert email.body_html == html and '<html lang="fr">' in email.body_html


def test_an_english_applicant_gets_an_english_html_document(application):
    email = services.email_enqueue(
        kind="application-received", to="sam@example.org", language="en", context={"application": application.pk}
    )
    delivery.deliver(email.pk)
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "We have received your application — Laval ZéN"
    ((html, _mimetype),) = message.alternatives
    assert '<html lang="en">' in str(html)


def test_an_email_that_cannot_be_written_fails_with_its_reason_instead_of_being_tried_forever(email, application):
    application.delete()  # deleted in the admin before the worker got to its email
    assert not delivery.deliver(email.pk).sent
    email.refresh_from_db()
    assert email.status == "failed" and "DoesNotExist" in email.last_error
    assert mail.outbox == []


def test_a_retry_sends_the_text_written_at_the_first_attempt(email, settings, application):
    use_backend(settings, "tests.zen.test_outbox.FailingBackend")
    delivery.deliver(email.pk)
    application.contact_name = "Quelqu’un d’autre"
    application.save()
    use_backend(settings, "django.core.mail.backends.locmem.EmailBackend")
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(email.pk).sent
    assert "Bonjour Camille," in mail.outbox[0].body


def test_a_transient_failure_is_retried_later(email, settings, monkeypatch):
    use_backend(settings, "tests.zen.test_outbox.FailingBackend")
    outcome = delivery.deliver(email.pk)
    assert outcome.retry_in == settings.OUTBOX_RETRY_DELAYS[0]
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 1 and "connection lost" in email.last_error
    assert email.next_attempt_at > timezone.now()
    assert not delivery.deliver(email.pk).sent  # not due yet: nothing is tried
    email.refresh_from_db()
    assert email.attempts == 1


def test_after_the_last_retry_the_email_is_marked_failed(email, settings):
    use_backend(settings, "tests.zen.test_outbox.FailingBackend")
    for _ in settings.OUTBOX_RETRY_DELAYS:
        OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        delivery.deliver(email.pk)
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    delivery.deliver(email.pk)
    email.refresh_from_db()
    assert email.status == "failed"
    assert email.attempts == len(settings.OUTBOX_RETRY_DELAYS) + 1


def test_a_refused_address_fails_at_once(email, settings):
    FailingBackend.error = smtplib.SMTPRecipientsRefused({"camille@example.org": (550, b"No such user")})
    try:
        use_backend(settings, "tests.zen.test_outbox.FailingBackend")
        delivery.deliver(email.pk)
    finally:
        FailingBackend.error = smtplib.SMTPServerDisconnected("connection lost")
    email.refresh_from_db()
    assert email.status == "failed" and "550" in email.last_error


def test_flush_hands_over_due_emails_not_handed_over_recently(email, monkeypatch):
    handed = []

    def handover(ids):
        handed.extend(ids)
        return len(ids)

    monkeypatch.setattr(services, "handover", handover)
    assert services.flush() == 0  # handed over when its transaction committed
    OutboxEmail.objects.filter(pk=email.pk).update(handed_over_at=None)  # …had the broker accepted it
    assert services.flush() == 1
    OutboxEmail.objects.filter(pk=email.pk).update(handed_over_at=timezone.now())
    handed.clear()
    services.flush()
    assert handed == []  # recently handed over: its task is on its way
    OutboxEmail.objects.filter(pk=email.pk).update(handed_over_at=timezone.now() - timedelta(hours=1))
    services.flush()
    assert handed == [email.pk]  # the worker that had it must have died


def test_a_broker_that_is_down_does_not_fail_the_caller(email, settings, monkeypatch):
    from zen.outbox.tasks import send_emails

    def down(*args, **kwargs):
        raise ConnectionRefusedError("Redis is down")

    monkeypatch.setattr(send_emails, "apply_async", down)
    assert email.handed_over_at is not None
    assert services.handover([email.pk]) == 0
    email.refresh_from_db()
    assert email.status == "pending" and email.handed_over_at is None  # flush will pick it up


def test_failed_emails_show_in_the_admin_and_can_be_sent_again(client, email, program_staff, settings):
    OutboxEmail.objects.filter(pk=email.pk).update(status="failed", last_error="SMTPRecipientsRefused: 550 nope")
    client.force_login(program_staff)
    page = client.get(reverse("admin:outbox_outboxemail_changelist") + "?status__exact=failed").content.decode()
    assert "camille@example.org" in page and "550 nope" in page
    assert "(rédigé à l’envoi)" in page  # it failed before the worker wrote it; the row still links to it
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.post(
        reverse("admin:outbox_outboxemail_changelist"),
        {"action": "resend", "_selected_action": [email.pk]},
    )
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 0 and email.last_error == ""


def test_coordinators_do_not_see_the_outbox(client, email, owner):
    client.force_login(owner)
    assert client.get(reverse("admin:outbox_outboxemail_changelist")).status_code == 403


class SessionBackend:
    """Counts SMTP sessions; refuses the addresses in `disconnect_on` by dropping the session."""

    sessions: list[list[str]] = []
    disconnect_on: set[str] = set()

    def __init__(self, *args, **kwargs):
        self.session = None

    def open(self):
        if self.session is None:
            self.session = []
            SessionBackend.sessions.append(self.session)
            return True
        return False

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in self.disconnect_on:
                raise smtplib.SMTPServerDisconnected("connection lost")
            self.session.append(message.to[0])
        return len(messages)

    def close(self):
        self.session = None


def test_a_batch_shares_one_smtp_session_and_a_dropped_one_does_not_stop_the_rest(application, settings):
    from zen.outbox.tasks import send_emails

    use_backend(settings, "tests.zen.test_outbox.SessionBackend")
    SessionBackend.sessions, SessionBackend.disconnect_on = [], {"b@example.org"}
    emails = [
        services.email_enqueue(
            kind="application-received", to=to, language="fr", context={"application": application.pk}
        )
        for to in ("a@example.org", "b@example.org", "c@example.org", "d@example.org")
    ]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    send_emails.apply(args=([email.pk for email in emails],))
    assert SessionBackend.sessions == [["a@example.org"], ["c@example.org", "d@example.org"]]
    statuses = dict(OutboxEmail.objects.values_list("to", "status"))
    assert statuses == {
        "a@example.org": "sent",
        "b@example.org": "pending",
        "c@example.org": "sent",
        "d@example.org": "sent",
    }


@pytest.fixture
def database_drops(monkeypatch):
    """Make the next `count` statements that start with `verb` fail as a lost connection would, once `when()` holds."""
    monkeypatch.setattr(delivery, "forget_connection", lambda: None)  # the test's own transaction must survive
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    failed: list[str] = []

    def drop(verb: str, count: int, when=lambda: True):
        def wrapper(execute, sql, params, many, context):
            if sql.startswith(verb) and when() and len(failed) < count:
                failed.append(sql)
                raise OperationalError("server closed the connection unexpectedly")
            return execute(sql, params, many, context)

        return connection.execute_wrapper(wrapper)

    return drop, failed


# Outside a test transaction: a failed statement would doom it.
@pytest.mark.django_db(transaction=True)
def test_while_the_database_is_lost_after_smtp_accepted_the_worker_records_the_outcome_later(email, database_drops):
    drop, failed = database_drops
    with drop("UPDATE", 3, when=lambda: bool(mail.outbox)):
        assert delivery.deliver(email.pk).sent
    assert len(failed) == 3
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1
    assert not delivery.deliver(email.pk).sent  # handed over again: not sent again
    assert len(mail.outbox) == 1


# Outside a test transaction: a failed statement would doom it.
@pytest.mark.django_db(transaction=True)
def test_a_database_outage_longer_than_the_patience_leaves_the_email_sending(email, database_drops, settings):
    settings.OUTBOX_RECORD_PATIENCE_SECONDS = 0
    drop, _failed = database_drops
    with drop("UPDATE", 1, when=lambda: bool(mail.outbox)):
        assert delivery.deliver(email.pk).sent
    email.refresh_from_db()
    assert email.status == "sending" and email.next_attempt_at > timezone.now()
    assert not delivery.deliver(email.pk).sent  # its claim is not stale yet: nobody sends it again


# Outside a test transaction: a failed statement would doom it.
@pytest.mark.django_db(transaction=True)
def test_a_database_error_on_one_email_does_not_abandon_the_batch(application, database_drops, monkeypatch):
    from zen.outbox.tasks import send_emails

    monkeypatch.setattr(services, "handover", lambda ids: 0)  # the test runs the task itself
    emails = [
        services.email_enqueue(
            kind="application-received", to=to, language="fr", context={"application": application.pk}
        )
        for to in ("a@example.org", "b@example.org", "c@example.org")
    ]
    # The first email sent and recorded, the next statement (the second email's claim) fails.
    drop, failed = database_drops
    with drop("SELECT", 1, when=lambda: len(mail.outbox) == 1):
        send_emails.apply(args=([email.pk for email in emails],))
    assert len(failed) == 1
    statuses = dict(OutboxEmail.objects.values_list("to", "status"))
    assert statuses == {"a@example.org": "sent", "b@example.org": "pending", "c@example.org": "sent"}


def test_an_email_whose_worker_stopped_mid_send_is_sent_again_and_shown_as_a_possible_duplicate(
    email, client, program_staff, monkeypatch
):
    OutboxEmail.objects.filter(pk=email.pk).update(
        status="sending", attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=1)
    )
    client.force_login(program_staff)
    changelist = reverse("admin:outbox_outboxemail_changelist")
    assert "en cours d’envoi" in client.get(changelist).content.decode()
    assert not delivery.deliver(email.pk).sent  # its worker may still be talking to SMTP

    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now(), handed_over_at=None)
    page = client.get(changelist).content.decode()
    assert "état inconnu : l’envoi a été interrompu ; il sera renvoyé, peut-être en double" in page
    handed: list[int] = []

    def handover(ids):
        handed.extend(ids)
        return len(ids)

    monkeypatch.setattr(services, "handover", handover)
    assert services.flush() == 1
    assert handed == [email.pk]

    assert delivery.deliver(email.pk).sent
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 2 and email.interrupted_at is not None
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id
    page = client.get(changelist).content.decode()
    assert "a peut-être déjà atteint le destinataire (doublon possible)" in page
    with translation.override("en"):
        page = client.get(reverse("admin:outbox_outboxemail_changelist")).content.decode()
    assert "may already have reached the recipient (possible duplicate)" in page
