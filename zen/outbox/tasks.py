import logging
from contextlib import closing

from celery import shared_task
from django.core.mail import mailers

from zen.outbox import delivery, services

logger = logging.getLogger(__name__)


# Task names are stable, whatever the module is called, so a deploy that moves code
# never orphans the messages already waiting in the broker.
@shared_task(name=services.SEND_EMAILS_TASK, acks_late=True, ignore_result=True)
def send_emails(email_ids: list[int]) -> None:
    """Deliver each email; safe to run twice (`deliver` skips what is no longer pending).

    A database error on one email leaves it for the next flush and goes on with
    the others: the database may be back a moment later. Retries after an SMTP
    failure are handed over by the flush once they fall due.
    """
    with closing(mailers.default) as mailer:  # one SMTP session for the batch
        for email_id in email_ids:
            try:
                delivery.deliver(email_id, mailer=mailer)
            except delivery.UNREACHABLE as error:
                logger.warning(
                    "Email %s not sent now, the database is unreachable (%s); flush hands it over again.",
                    email_id,
                    error,
                )
                delivery.forget_connection()


@shared_task(name=services.FLUSH_TASK, ignore_result=True)
def flush_outbox() -> int:
    return services.flush()
