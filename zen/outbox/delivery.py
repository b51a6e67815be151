"""Sending one stored email: once, barring one narrow window.

`deliver` locks the row, returns at once if it is no longer pending (a second
hand-over, a retry), sends, and records the outcome in the same transaction.
A duplicate can only come from a crash between the SMTP server's acceptance
and that commit.
"""

from __future__ import annotations

import logging
import smtplib
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zen.outbox.models import OutboxEmail
from zen.outbox.rendering import render_email

logger = logging.getLogger(__name__)


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
            headers={**email.headers, "Message-ID": email.message_id, "X-Zen-Email-Id": str(email.pk)},
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
