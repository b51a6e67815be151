"""Log lines as text or JSON, each with a request id carried from a web request into the tasks it enqueued.

The middleware takes the proxy's `X-Request-ID` when it is a plain token (so one id
follows a request from the proxy's log to ours), or makes one, and returns it in
the response. `RequestIdFilter` puts it on every log record as `request_id`; `text_formatter` and
`json_formatter` (python-json-logger, LOG_FORMAT=json) write it.
zen/celery.py hands it to the tasks a request enqueues (a message header) and
restores it in the worker while the task runs.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.json import JsonFormatter

HEADER = "X-Request-ID"
# What we accept from outside: short, and nothing a log reader could be fooled by.
ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")

current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted(value: str | None) -> str:
    """`value` if it is an id we may log as it is, else a fresh one."""
    return value if value and ACCEPTED.fullmatch(value) else new_request_id()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted(request.headers.get(HEADER))
        token = current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request or a task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get() or "-"
        return True


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "request_id", "message"]


def text_formatter() -> logging.Formatter:
    return logging.Formatter(TEXT_FORMAT)


def json_formatter() -> logging.Formatter:
    """One JSON object a line: time, level, logger, request_id, message, and any `extra` fields."""
    return JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"})


FORMATTERS = {"text": text_formatter, "json": json_formatter}
