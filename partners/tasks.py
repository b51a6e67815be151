from celery import shared_task

from chantiers.followers.services import followers_erase_expired
from partners import services


@shared_task(ignore_result=True)
def send_coordinators_digest() -> int:
    return services.coordinators_send_digest()


@shared_task(ignore_result=True)
def erase_expired_applications() -> int:
    """The erasure job: applicants' personal data, and followers past their retention (the privacy notice's delays)."""
    return services.applications_erase_personal_data() + followers_erase_expired()
