"""The email workers run the outbox's flush themselves: no email waits on beat.

`FlushTimer` is a step of the Celery worker's consumer (registered in
zen/celery.py). In a worker that consumes the email queue it queues
`outbox.flush_outbox` every OUTBOX_FLUSH_SECONDS, from the worker's own timer;
a pool process runs it like any other task. With several email workers the
flush runs once per worker and interval, which is harmless: a flush hands over
only rows no other flush has just marked.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import bootsteps, signature
from django.conf import settings

logger = logging.getLogger(__name__)

EMAIL_QUEUE = "email"  # CELERY_TASK_ROUTES: "outbox.*"


class FlushTimer(bootsteps.StartStopStep):
    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.entry: Any = None

    def start(self, parent: Any) -> None:
        if EMAIL_QUEUE in {queue.name for queue in parent.task_consumer.queues}:
            self.entry = parent.timer.call_repeatedly(settings.OUTBOX_FLUSH_SECONDS, queue_flush)

    def stop(self, parent: Any) -> None:
        if self.entry is not None:
            self.entry.cancel()
            self.entry = None


def queue_flush() -> None:
    # Imported here: zen.celery imports this module before Django has loaded its models.
    from zen.outbox.services import FLUSH_TASK

    try:
        signature(FLUSH_TASK).apply_async(retry=False)
    except Exception as error:  # the broker is down: the consumer is reconnecting, the next tick tries again
        logger.warning("Could not queue the outbox flush (%s).", error)
