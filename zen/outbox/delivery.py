"""Sending one stored email: at least once, and twice only in one narrow window.

`deliver` works in three steps and holds no transaction across SMTP:

1. Claim: one UPDATE turns the row from pending (and due) to sending, pushes
   `next_attempt_at` OUTBOX_SENDING_STALE_SECONDS ahead, and commits. Of two
   workers handed the same row, one claims it and the other finds nothing to
   do. A claim never skips a row because someone else holds its lock: it waits
   the milliseconds a hand-over's UPDATE takes, then looks at the row again.
2. Send it through SMTP, with the row's stable `Message-ID`.
3. Record the outcome: sent; pending again for a retry; failed. When the
   database is unreachable at that moment, the worker retries the record with
   backoff for OUTBOX_RECORD_PATIENCE_SECONDS and never sends the email again
   meanwhile: a database outage shorter than that makes no duplicate.

The guarantee, exactly: every email is delivered at least once. It is
delivered twice only when its worker process stopped (SIGKILL, a lost
machine, or a database outage longer than OUTBOX_RECORD_PATIENCE_SECONDS)
after the SMTP server accepted the email and before the outcome was
recorded. A worker process sends one email at a time, so that is at most one
duplicate per stopped worker process, with the same `Message-ID` as the first
copy. Such a row still says "sending" at its `next_attempt_at`;
`services.flush` then hands it over again, and the next claim marks it
`interrupted_at`, which the admin shows.
"""

from __future__ import annotations

import logging
import smtplib
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zen.outbox.models import OutboxEmail
from zen.outbox.rendering import render_email

logger = logging.getLogger(__name__)

# The errors of a database that cannot be reached (as opposed to a query it refuses).
UNREACHABLE = (OperationalError, InterfaceError)


@dataclass
class Outcome:
    sent: bool = False
    retry_in: int | None = None  # seconds, when a transient failure is worth another try


PERMANENT_SMTP_CODES = range(500, 600)
RENDERED_FIELDS = ["subject", "body_text", "body_html"]


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code in PERMANENT_SMTP_CODES for code, _message in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return code in PERMANENT_SMTP_CODES


def deliver(email_id: int, *, mailer: BaseEmailBackend | None = None) -> Outcome:
    """Send one pending email through SMTP; safe to call any number of times, from any number of workers.

    `mailer` lets a batch share one SMTP session: it is opened by the first
    email that needs it and closed after any failure, so the next one starts
    a fresh session. A database that cannot be reached while claiming raises
    (`UNREACHABLE`): nothing was sent, and the row is handed over again later.
    """
    if mailer is None:
        with closing(mailers.default) as mailer:
            return deliver(email_id, mailer=mailer)
    email = _claim(email_id)
    if email is None:
        return Outcome()
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        headers={**email.headers, "Message-ID": email.message_id, "X-Zen-Email-Id": str(email.pk)},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        mailer.open()
        mailer.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        _close_quietly(mailer)
        last_error = f"{type(error).__name__}: {error}"[:2000]
        delays = settings.OUTBOX_RETRY_DELAYS
        if _is_permanent(error) or email.attempts > len(delays):
            _record(email, status=OutboxEmail.Status.FAILED, last_error=last_error)
            logger.error("Email %s to %s failed for good: %s", email.pk, email.to, last_error)
            return Outcome()
        delay = delays[email.attempts - 1]
        # Pending again and not handed over: the first flush after `next_attempt_at` hands it over.
        _record(
            email,
            status=OutboxEmail.Status.PENDING,
            last_error=last_error,
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
            handed_over_at=None,
        )
        return Outcome(retry_in=delay)
    _record(email, status=OutboxEmail.Status.SENT, sent_at=timezone.now())
    return Outcome(sent=True)


def _claim(email_id: int) -> OutboxEmail | None:
    """The row, now marked sending and committed; None if it is gone, done, not due, or another worker took it."""
    email = OutboxEmail.objects.filter(pk=email_id).first()
    if email is None or email.status not in (OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING):
        return None
    now = timezone.now()
    if email.next_attempt_at > now:
        return None  # a retry not due yet, or a worker sending it right now
    changes: dict[str, Any] = {
        "status": OutboxEmail.Status.SENDING,
        "attempts": F("attempts") + 1,
        "next_attempt_at": now + timedelta(seconds=settings.OUTBOX_SENDING_STALE_SECONDS),
    }
    if not email.subject:
        if not _render(email):
            return None
        changes.update({field: getattr(email, field) for field in RENDERED_FIELDS})
    if email.status == OutboxEmail.Status.SENDING:
        # Its worker stopped while sending it: that attempt may have reached the recipient.
        changes["interrupted_at"] = email.interrupted_at = now
        logger.warning("Email %s was interrupted while being sent; sending it again (maybe a duplicate).", email.pk)
    # The status and the attempt count are the row's version: if either changed since
    # it was read (another worker claimed it), the UPDATE matches nothing.
    claimed = OutboxEmail.objects.filter(pk=email.pk, status=email.status, attempts=email.attempts).update(**changes)
    if not claimed:
        return None
    email.status = OutboxEmail.Status.SENDING
    email.attempts += 1
    return email


def _record(email: OutboxEmail, **outcome: Any) -> bool:
    """Write the outcome of the attempt just made; while the database is unreachable, retry with backoff.

    Returns False if the database stayed unreachable for OUTBOX_RECORD_PATIENCE_SECONDS:
    the row then still says "sending", and is sent again once that claim is stale.
    """
    deadline = time.monotonic() + settings.OUTBOX_RECORD_PATIENCE_SECONDS
    pause = 0.2
    while True:
        try:
            # Only the claim this worker made: a row claimed again since is someone else's.
            OutboxEmail.objects.filter(pk=email.pk, status=OutboxEmail.Status.SENDING, attempts=email.attempts).update(
                **outcome
            )
            return True
        except UNREACHABLE as error:
            if time.monotonic() + pause > deadline:
                logger.error(
                    "Email %s: outcome (%s) not recorded, the database is still unreachable (%s); "
                    "it will be sent again.",
                    email.pk,
                    outcome["status"],
                    error,
                )
                return False
            logger.warning("Email %s: recording its outcome failed (%s); retrying in %.1f s.", email.pk, error, pause)
            forget_connection()
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def forget_connection() -> None:
    """Drop a database connection that failed, so that the next query opens a new one."""
    with suppress(*UNREACHABLE):
        connection.close()


def _close_quietly(mailer: BaseEmailBackend) -> None:
    with suppress(smtplib.SMTPException, OSError):  # the session is gone either way
        mailer.close()


def _render(email: OutboxEmail) -> bool:
    """Render a stored email in place; False, with the row marked failed, if it cannot be."""
    try:
        with transaction.atomic():  # a failed query in a loader leaves the connection usable
            email.subject, email.body_text, email.body_html = render_email(email.kind, email.context, email.language)
    except UNREACHABLE:
        raise  # not the email's fault: it is tried again later
    except Exception as error:  # a deleted application, a broken template: resending will not help by itself
        reason = _("Rédaction impossible")
        last_error = f"{reason} — {type(error).__name__}: {error}"[:2000]
        OutboxEmail.objects.filter(pk=email.pk, status=email.status, attempts=email.attempts).update(
            status=OutboxEmail.Status.FAILED, last_error=last_error
        )
        logger.exception("Email %s (%s) could not be rendered.", email.pk, email.kind)
        return False
    return True
