from celery import shared_task

from chantiers.followers import digest


@shared_task(name="followers.send_digests", ignore_result=True)
def send_digests(frequency: str) -> int:
    """The weekly digest, or the frequent one for those who asked for news at once (beat schedules both)."""
    return digest.digests_send(frequency=frequency)
