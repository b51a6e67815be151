"""Logs as text or JSON, each line with the request id; the id travels into the tasks a request enqueues.

tests/integration/test_production.py follows one id from a request served by gunicorn to
the worker process that sent its emails.
"""

import json
import logging

import pytest
from django.urls import reverse

from tests.zen.test_settings import PRODUCTION, manage
from zen.celery import REQUEST_ID_HEADER, carry_request_id, restore_request_id
from zen.web import logs


def test_every_response_names_its_request_id_and_a_proxys_id_is_kept(client):
    made = client.get(reverse("robots"))["X-Request-ID"]
    assert len(made) == 32 and made != client.get(reverse("robots"))["X-Request-ID"]
    assert client.get(reverse("robots"), HTTP_X_REQUEST_ID="proxy-4f2a9c1e")["X-Request-ID"] == "proxy-4f2a9c1e"


@pytest.mark.parametrize("sent", ["short", "a b c d e f g h", "x" * 65, "inject\\nFAKE ERROR", "<script>alert(1)"])
def test_an_id_that_could_fool_a_log_reader_is_replaced(client, sent):
    got = client.get(reverse("robots"), HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert got != sent and len(got) == 32


def record(message: str) -> logging.LogRecord:
    entry = logging.LogRecord("zen.test", logging.WARNING, __file__, 1, message, (), None)
    logs.RequestIdFilter().filter(entry)
    return entry


def test_json_lines_carry_the_time_level_logger_request_id_and_message():
    token = logs.current.set("abc123def456")
    try:
        line = json.loads(logs.json_formatter().format(record("Broker unreachable")))
    finally:
        logs.current.reset(token)
    assert line["level"] == "WARNING" and line["logger"] == "zen.test"
    assert line["request_id"] == "abc123def456" and line["message"] == "Broker unreachable"
    assert "time" in line


def test_text_lines_carry_the_request_id_too():
    assert "[-] Broker unreachable" in logs.text_formatter().format(record("Broker unreachable"))


def test_a_task_enqueued_during_a_request_carries_its_id_into_the_worker():
    token = logs.current.set("request-0a1b2c3d")
    headers: dict = {}
    try:
        carry_request_id(headers=headers)
    finally:
        logs.current.reset(token)
    assert headers == {REQUEST_ID_HEADER: "request-0a1b2c3d"}

    class Task:
        class request:  # what Celery's task context holds of the message's headers
            zen_request_id = "request-0a1b2c3d"

    restore_request_id(task_id="9f0e-task", task=Task)
    assert logs.current.get() == "request-0a1b2c3d"

    class Scheduled:
        class request:
            pass

    restore_request_id(task_id="5c1d6e2f-0000-4000-8000-000000000000", task=Scheduled)
    assert logs.current.get() == "5c1d6e2f-0000-4000-8000-000000000000"  # beat's tasks: their own id
    logs.current.set("")


def test_log_format_is_text_or_json_and_nothing_else():
    result = manage("check", **PRODUCTION, LOG_FORMAT="xml")
    assert result.returncode != 0 and "LOG_FORMAT must be text or json" in result.stderr
    shown = manage("shell", "-v0", "-c", "import logging; logging.getLogger('zen').warning('hello')", **PRODUCTION)
    assert "[-] hello" in shown.stderr
    as_json = manage(
        "shell",
        "-v0",
        "-c",
        "import logging; logging.getLogger('zen').warning('hello')",
        **PRODUCTION,
        LOG_FORMAT="json",
    )
    assert json.loads(as_json.stderr.strip().splitlines()[-1])["message"] == "hello"
