from contextlib import closing

from celery import shared_task
from django.core.mail import mailers

from zen import outbox


@shared_task(acks_late=True, ignore_result=True)
def send_emails(email_ids: list[int]) -> None:
    """Deliver each email; safe to run twice (`deliver` skips what is no longer pending)."""
    with closing(mailers.default) as mailer:  # one SMTP session for the batch
        for email_id in email_ids:
            outcome = outbox.deliver(email_id, mailer=mailer)
            if outcome.retry_in is not None:
                # A later try; if this hand-over is lost, `flush_outbox` finds the row again.
                outbox.handover_later(email_id, outcome.retry_in)


@shared_task(ignore_result=True)
def flush_outbox() -> int:
    return outbox.flush()
