"""Delivery that loses nothing and sends each email once, barring one narrow window.

- `email_enqueue` writes the row inside the caller's transaction and hands it
  to Celery only once that transaction commits. The row says what to send;
  the worker renders it (zen/emails.py), so a web request pays for one INSERT.
- `handover` never fails the caller: if the broker is down the row simply stays
  pending, and `flush` (run by beat every minute) hands it over later.
- `deliver` locks the row, returns at once if it is no longer pending (a second
  hand-over, a retry), sends, and records the outcome in the same transaction.
  A duplicate can only come from a crash between the SMTP server's acceptance
  and that commit.
"""

from __future__ import annotations

import logging
import smtplib
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zen.emails import render_email
from zen.models import OutboxEmail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """One email to write to the outbox; the worker renders `kind`'s templates with `context` (JSON)."""

    kind: str
    to: str
    language: str
    context: dict
    reference: str = ""


def emails_enqueue(emails: list[Email]) -> list[OutboxEmail]:
    """Store emails; they are handed to Celery when the current transaction commits.

    The rows are marked handed over from the start: `handover` runs right after
    the commit and clears the mark on the rows the broker refused, which saves
    an UPDATE on every submission.
    """
    return _store(
        [
            OutboxEmail(
                kind=email.kind, to=email.to, language=email.language, context=email.context, reference=email.reference
            )
            for email in emails
        ]
    )


def rendered_email_enqueue(*, kind: str, to: str, language: str, subject: str, text: str, html: str) -> OutboxEmail:
    """Store an email someone else rendered (allauth's); handed over when the transaction commits."""
    (row,) = _store([OutboxEmail(kind=kind, to=to, language=language, subject=subject, body_text=text, body_html=html)])
    return row


def _store(rows: list[OutboxEmail]) -> list[OutboxEmail]:
    now = timezone.now()
    for row in rows:
        row.handed_over_at = now
    rows = OutboxEmail.objects.bulk_create(rows)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: handover(ids, marked=True))
    return rows


def email_enqueue(*, kind: str, to: str, language: str, context: dict, reference: str = "") -> OutboxEmail:
    (row,) = emails_enqueue([Email(kind=kind, to=to, language=language, context=context, reference=reference)])
    return row


# After a failed hand-over the broker is left alone this long, so that while it
# is down each web request does not wait for it again.
BROKER_PAUSE_SECONDS = 5.0
# Emails per task: one message for a submission's few emails, and a backlog
# still spread over every worker process.
HANDOVER_BATCH = 10
_broker_down_until = 0.0


def handover(email_ids: list[int], *, marked: bool = False) -> int:
    """Queue delivery tasks; returns how many reached the broker. Never raises.

    `handed_over_at` records each successful hand-over; with `marked`, the rows
    already carry it and only those the broker refused are cleared.
    """
    global _broker_down_until
    from zen.tasks import send_emails

    handed: list[int] = []
    if email_ids and time.monotonic() >= _broker_down_until:
        for start in range(0, len(email_ids), HANDOVER_BATCH):
            batch = email_ids[start : start + HANDOVER_BATCH]
            try:
                # The ids are the whole argument: spelling out their repr spares Celery's
                # safe repr of them, a fifth of the cost of queueing the task.
                send_emails.apply_async(args=[batch], argsrepr=f"[{batch}]", kwargsrepr="{}", retry=False)
            except Exception as error:  # the broker is down: the rows stay pending for `flush`
                logger.warning("Broker unreachable (%s); emails wait for the next flush.", error)
                _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
                break
            handed.extend(batch)
    if marked:
        refused = [email_id for email_id in email_ids if email_id not in handed]
        if refused:
            OutboxEmail.objects.filter(pk__in=refused).update(handed_over_at=None)
    elif handed:
        OutboxEmail.objects.filter(pk__in=handed).update(handed_over_at=timezone.now())
    return len(handed)


def handover_later(email_id: int, countdown: int) -> None:
    from zen.tasks import send_emails

    if send_emails.app.conf.task_always_eager:
        return  # without a broker nothing can wait: the task would run now, find the row not due, and recurse
    try:
        send_emails.apply_async(args=[[email_id]], countdown=countdown, retry=False)
    except Exception:
        logger.warning("Could not schedule a retry of email %s; flush will find it.", email_id, exc_info=True)


def flush(*, stale_after: timedelta | None = None, limit: int = 2000) -> int:
    """Hand over pending emails that are due and not handed over recently (or whose worker died)."""
    if stale_after is None:
        stale_after = timedelta(seconds=settings.OUTBOX_HANDOVER_STALE_SECONDS)
    now = timezone.now()
    due = (
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
        .exclude(handed_over_at__gt=now - stale_after)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return handover(list(due))


@dataclass
class Outcome:
    sent: bool = False
    retry_in: int | None = None  # seconds, when a transient failure is worth another try


PERMANENT_SMTP_CODES = range(500, 600)


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code in PERMANENT_SMTP_CODES for code, _message in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return code in PERMANENT_SMTP_CODES


def deliver(email_id: int, *, mailer: BaseEmailBackend | None = None) -> Outcome:
    """Send one pending email through SMTP, once; safe to call any number of times.

    `mailer` lets a batch share one SMTP session: it is opened by the first
    email that needs it and closed after any failure, so the next one starts
    a fresh session.
    """
    if mailer is None:
        with closing(mailers.default) as mailer:
            return deliver(email_id, mailer=mailer)
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        if email is None or email.status != OutboxEmail.Status.PENDING:
            return Outcome()  # gone, taken by another worker right now, or already done
        if email.next_attempt_at > timezone.now():
            return Outcome(retry_in=int((email.next_attempt_at - timezone.now()).total_seconds()) + 1)
        if not email.subject and not _render(email):
            return Outcome()
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            to=[email.to],
            headers={"Message-ID": email.message_id, "X-Zen-Email-Id": str(email.pk)},
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            mailer.open()
            mailer.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            _close_quietly(mailer)
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            delays = settings.OUTBOX_RETRY_DELAYS
            if _is_permanent(error) or email.attempts > len(delays):
                email.status = OutboxEmail.Status.FAILED
                email.save(update_fields=["status", "attempts", "last_error", *RENDERED_FIELDS])
                logger.error("Email %s to %s failed for good: %s", email.pk, email.to, email.last_error)
                return Outcome()
            delay = delays[email.attempts - 1]
            email.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", *RENDERED_FIELDS])
            return Outcome(retry_in=delay)
        email.status = OutboxEmail.Status.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["status", "sent_at", "attempts", *RENDERED_FIELDS])
        return Outcome(sent=True)


RENDERED_FIELDS = ["subject", "body_text", "body_html"]


def _close_quietly(mailer: BaseEmailBackend) -> None:
    with suppress(smtplib.SMTPException, OSError):  # the session is gone either way
        mailer.close()


def _render(email: OutboxEmail) -> bool:
    """Render a stored email in place; False, with the row marked failed, if it cannot be."""
    try:
        with transaction.atomic():  # a savepoint: a failed query in a loader leaves the row's lock usable
            email.subject, email.body_text, email.body_html = render_email(email.kind, email.context, email.language)
    except Exception as error:  # a deleted application, a broken template: resending will not help by itself
        email.status = OutboxEmail.Status.FAILED
        reason = _("Rédaction impossible")
        email.last_error = f"{reason} — {type(error).__name__}: {error}"[:2000]
        email.save(update_fields=["status", "last_error"])
        logger.exception("Email %s (%s) could not be rendered.", email.pk, email.kind)
        return False
    return True


def resend(email: OutboxEmail) -> None:
    """Give a failed (or sent) email a fresh start, from the admin."""
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.PENDING, attempts=0, last_error="", next_attempt_at=timezone.now(), sent_at=None
        )
        transaction.on_commit(lambda: handover([email.pk]))
