"""Writing emails to the outbox and handing them to Celery; what the rest of the platform calls.

- `email_enqueue` writes the row inside the caller's transaction and hands it
  to Celery only once that transaction commits. The row says what to send;
  the worker renders it (`rendering`), so a web request pays for one INSERT.
- `handover` never fails the caller: if the broker is down the row simply stays
  pending, and `flush` (run by the email workers every OUTBOX_FLUSH_SECONDS,
  `zen.outbox.worker`) hands it over later.
- Delivery itself is `delivery.deliver`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery import signature
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zen.outbox.models import OutboxEmail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """One email to write to the outbox; the worker renders `kind`'s templates with `context` (JSON)."""

    kind: str
    to: str
    language: str
    context: dict[str, Any]
    reference: str = ""
    # Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) for mailing-list emails.
    headers: dict[str, str] = field(default_factory=dict)


def emails_enqueue(emails: list[Email]) -> list[OutboxEmail]:
    """Store emails; they are handed to Celery when the current transaction commits.

    The rows are marked handed over from the start: `handover` runs right after
    the commit and clears the mark on the rows the broker refused, which saves
    an UPDATE on every submission.
    """
    return _store(
        [
            OutboxEmail(
                kind=email.kind,
                to=email.to,
                language=email.language,
                context=email.context,
                reference=email.reference,
                headers=email.headers,
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
    transaction.on_commit(lambda: handover(ids))
    return rows


def email_enqueue(
    *,
    kind: str,
    to: str,
    language: str,
    context: dict[str, Any],
    reference: str = "",
    headers: dict[str, str] | None = None,
) -> OutboxEmail:
    email = Email(kind=kind, to=to, language=language, context=context, reference=reference, headers=headers or {})
    (row,) = emails_enqueue([email])
    return row


# The outbox's tasks (zen.outbox.tasks), named rather than imported: the tasks call this module.
SEND_EMAILS_TASK = "outbox.send_emails"
FLUSH_TASK = "outbox.flush_outbox"
# After a failed hand-over the broker is left alone this long, so that while it
# is down each web request does not wait for it again.
BROKER_PAUSE_SECONDS = 5.0
# Emails per task: one message for a submission's few emails, and a backlog
# still spread over every worker process.
HANDOVER_BATCH = 10
_broker_down_until = 0.0


def handover(email_ids: list[int]) -> int:
    """Queue delivery tasks for rows already marked handed over; returns how many reached the broker. Never raises.

    The mark (`handed_over_at`) is written, and committed, before the task is
    queued, so a delivery never meets a hand-over's lock on its row; the rows
    the broker refused lose their mark again, and the next flush takes them.
    """
    global _broker_down_until
    handed: list[int] = []
    if email_ids and time.monotonic() >= _broker_down_until:
        for start in range(0, len(email_ids), HANDOVER_BATCH):
            batch = email_ids[start : start + HANDOVER_BATCH]
            try:
                # The ids are the whole argument: spelling out their repr spares Celery's
                # safe repr of them, a fifth of the cost of queueing the task.
                signature(SEND_EMAILS_TASK, args=[batch]).apply_async(
                    argsrepr=f"[{batch}]", kwargsrepr="{}", retry=False
                )
            except Exception as error:  # the broker is down: the rows stay pending for `flush`
                logger.warning("Broker unreachable (%s); emails wait for the next flush.", error)
                _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
                break
            handed.extend(batch)
    refused = email_ids[len(handed) :]
    if refused:
        OutboxEmail.objects.filter(pk__in=refused).update(handed_over_at=None)
    return len(handed)


def flush(*, stale_after: timedelta | None = None, limit: int = 2000) -> int:
    """Hand over again what is due and not on its way; the email workers run it every OUTBOX_FLUSH_SECONDS.

    That is: rows never handed over (the broker was down), retries that fell
    due, rows whose hand-over is older than OUTBOX_HANDOVER_STALE_SECONDS (their
    task was lost with a killed worker, or with the broker's memory), and rows
    still sending at their `next_attempt_at` (their worker stopped mid-send).
    Rows are marked in a short transaction of their own, committed before any
    task is queued; rows another flush or a claim holds right now are left to
    the next flush.
    """
    if time.monotonic() < _broker_down_until:
        return 0
    if stale_after is None:
        stale_after = timedelta(seconds=settings.OUTBOX_HANDOVER_STALE_SECONDS)
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxEmail.objects.filter(
                status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING], next_attempt_at__lte=now
            )
            .exclude(handed_over_at__gt=now - stale_after)
            .order_by("next_attempt_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        OutboxEmail.objects.filter(pk__in=due).update(handed_over_at=now)
    return handover(due)


def resend(email: OutboxEmail) -> None:
    """Give a failed (or sent) email a fresh start, from the admin."""
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.PENDING,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now(),
            sent_at=None,
            interrupted_at=None,
            handed_over_at=timezone.now(),
        )
        transaction.on_commit(lambda: handover([email.pk]))


def emails_forget(*, reference: str) -> int:
    """Delete every email stored under `reference` (sent or not), e.g. when its subject's personal data is erased."""
    deleted, _by_model = OutboxEmail.objects.filter(reference=reference).delete()
    return deleted
