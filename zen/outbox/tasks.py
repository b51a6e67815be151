from contextlib import closing

from celery import shared_task
from django.core.mail import mailers

from zen.outbox import delivery, services


# Task names are stable, whatever the module is called, so a deploy that moves code
# never orphans the messages already waiting in the broker.
@shared_task(name=services.SEND_EMAILS_TASK, acks_late=True, ignore_result=True)
def send_emails(email_ids: list[int]) -> None:
    """Deliver each email; safe to run twice (`deliver` skips what is no longer pending)."""
    with closing(mailers.default) as mailer:  # one SMTP session for the batch
        for email_id in email_ids:
            outcome = delivery.deliver(email_id, mailer=mailer)
            if outcome.retry_in is not None:
                # A later try; if this hand-over is lost, `flush_outbox` finds the row again.
                services.handover_later(email_id, outcome.retry_in)


@shared_task(name="outbox.flush_outbox", ignore_result=True)
def flush_outbox() -> int:
    return services.flush()
