"""Writing emails to the outbox and handing them to Celery; what the rest of the platform calls.

- `email_enqueue` writes the row inside the caller's transaction and hands it
  to Celery only once that transaction commits. The row says what to send;
  the worker renders it (`rendering`), so a web request pays for one INSERT.
- `handover` never fails the caller: if the broker is down the row simply stays
  pending, and `flush` (run by beat every minute) hands it over later.
- Delivery itself is `delivery.deliver`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery import current_app, signature
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
    transaction.on_commit(lambda: handover(ids, marked=True))
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


# The delivery task (zen.outbox.tasks), named rather than imported: the tasks call this module.
SEND_EMAILS_TASK = "outbox.send_emails"
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
    if marked:
        refused = [email_id for email_id in email_ids if email_id not in handed]
        if refused:
            OutboxEmail.objects.filter(pk__in=refused).update(handed_over_at=None)
    elif handed:
        OutboxEmail.objects.filter(pk__in=handed).update(handed_over_at=timezone.now())
    return len(handed)


def handover_later(email_id: int, countdown: int) -> None:
    if current_app.conf.task_always_eager:
        return  # without a broker nothing can wait: the task would run now, find the row not due, and recurse
    try:
        signature(SEND_EMAILS_TASK, args=[[email_id]]).apply_async(countdown=countdown, retry=False)
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


def resend(email: OutboxEmail) -> None:
    """Give a failed (or sent) email a fresh start, from the admin."""
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.PENDING, attempts=0, last_error="", next_attempt_at=timezone.now(), sent_at=None
        )
        transaction.on_commit(lambda: handover([email.pk]))


def emails_forget(*, reference: str) -> int:
    """Delete every email stored under `reference` (sent or not), e.g. when its subject's personal data is erased."""
    deleted, _by_model = OutboxEmail.objects.filter(reference=reference).delete()
    return deleted
