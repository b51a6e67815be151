import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, before_task_publish, task_postrun, task_prerun

from zen.outbox.worker import FlushTimer
from zen.web import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zen.settings")

app = Celery("zen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The email workers run the outbox's flush every OUTBOX_FLUSH_SECONDS, beat or no beat.
app.steps["consumer"].add(FlushTimer)

# The request id of the web request (or task) that enqueues a task travels in its message's
# headers, and is the id of the task's log lines in the worker (zen/web/logs.py).
REQUEST_ID_HEADER = "zen_request_id"


@before_task_publish.connect
def carry_request_id(headers: dict | None = None, **kwargs) -> None:
    request_id = logs.current.get()
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@task_prerun.connect
def restore_request_id(task_id: str = "", task=None, **kwargs) -> None:
    # A task nobody's request enqueued (beat's) is known by its own id, and so are the tasks it enqueues.
    request_id = getattr(task.request, REQUEST_ID_HEADER, None) if task is not None else None
    logs.current.set(logs.accepted(request_id or task_id))


@task_postrun.connect
def forget_request_id(**kwargs) -> None:
    logs.current.set("")


@after_setup_logger.connect
@after_setup_task_logger.connect
def log_like_the_site(logger, **kwargs) -> None:
    """The worker and beat write their lines as the site does (LOG_FORMAT), request id included."""
    from django.conf import settings

    for handler in logger.handlers:
        handler.setFormatter(logs.FORMATTERS[settings.LOG_FORMAT]())
        handler.addFilter(logs.RequestIdFilter())
