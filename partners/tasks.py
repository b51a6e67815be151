from celery import shared_task

from partners import services


@shared_task(ignore_result=True)
def send_coordinators_digest() -> int:
    return services.coordinators_send_digest()


@shared_task(ignore_result=True)
def erase_expired_applications() -> int:
    return services.applications_erase_personal_data()
