"""Errors reach Sentry without the personal data of the people involved (Loi 25).

An error is raised while an applicant's form is being handled; the event goes through
sentry-sdk's real pipeline (Django integration, logging integration, scrubber) to a
transport that keeps it, and nothing of the applicant is in it.
"""

import json
import logging

import pytest
import sentry_sdk
from django.test import Client
from django.urls import reverse
from sentry_sdk.transport import Transport

from tests.partners.conftest import application_data
from tests.zen.test_settings import PRODUCTION, manage
from zen.sentry import scrub, sentry_init

APPLICANT = {
    "contact_name": "Camille Tremblay",
    "contact_email": "camille.tremblay@example.org",
    "contact_phone": "514 555-0123",
    "motivation": "Nous voulons aider à développer le réseau cyclable de Laval.",
}


class KeptTransport(Transport):
    """Keeps every envelope instead of sending it."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self) -> list[dict]:
        return [item.payload.json for envelope in self.envelopes for item in envelope.items if item.type == "event"]


def without_source_lines(value):
    """The event without the lines of code around each frame: this test's own code names the applicant."""
    if isinstance(value, dict):
        return {
            key: without_source_lines(item)
            for key, item in value.items()
            if key not in {"pre_context", "context_line", "post_context"}
        }
    if isinstance(value, list):
        return [without_source_lines(item) for item in value]
    return value


@pytest.fixture
def sentry():
    transport = KeptTransport()
    sentry_init("https://public@sentry.example.org/1", environment="test", transport=transport)
    yield transport
    sentry_sdk.init()  # no DSN: the SDK does nothing again


@pytest.mark.django_db
def test_an_error_while_handling_an_application_reaches_sentry_without_the_applicant(laval, sentry, monkeypatch):
    def fail(**fields):
        raise RuntimeError(f"could not store the application of {fields['contact_email']} ({fields['contact_phone']})")

    monkeypatch.setattr("partners.views.application_submit", fail)
    visitor = Client(raise_request_exception=False, HTTP_AUTHORIZATION="Bearer s3cr3t-t0k3n")
    visitor.cookies["sessionid"] = "a-session-cookie-value"
    visitor.cookies["csrftoken"] = "a-csrf-cookie-value"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.APPLICATION_MIN_SECONDS", 0)
        response = visitor.post(
            reverse("partners:apply-to", args=["laval-zen"]) + "?email=camille.tremblay@example.org",
            application_data(**APPLICANT),
        )
    assert response.status_code == 500
    sentry_sdk.flush()

    events = sentry.events()
    assert events, "the error reached Sentry"
    (error,) = [event for event in events if event.get("exception")]
    assert error["exception"]["values"][-1]["type"] == "RuntimeError"
    assert "[email]" in error["exception"]["values"][-1]["value"]
    assert "[phone]" in error["exception"]["values"][-1]["value"]
    assert "devenir-partenaire" in error["transaction"]  # still useful: what failed, where
    sent = json.dumps(without_source_lines(events), ensure_ascii=False)
    for personal in [*APPLICANT.values(), "Camille", "a-session-cookie-value", "a-csrf-cookie-value", "s3cr3t-t0k3n"]:
        assert personal not in sent, (
            f"{personal!r} reached Sentry: {sent[max(0, sent.find(personal) - 300) : sent.find(personal) + 50]}"
        )
    assert "user" not in error


@pytest.mark.django_db
def test_a_logged_error_naming_someone_is_scrubbed_too(sentry):
    logging.getLogger("zen.outbox.delivery").error(
        "Email %s to %s failed for good: %s", 42, "sam@example.org", "550 no such user (call 418-555-0199)"
    )
    sentry_sdk.flush()
    sent = json.dumps(sentry.events())
    assert "failed for good" in sent
    assert "sam@example.org" not in sent and "418-555-0199" not in sent


def test_the_scrubber_drops_every_place_a_person_can_hide():
    event = {
        "user": {"id": 3, "email": "staff@example.org", "ip_address": "192.0.2.7", "username": "staff"},
        "request": {
            "url": "https://zen.example.org/chantiers/laval-zen/devenir-partenaire/?courriel=a@b.org",
            "data": {"contact_name": "Camille", "motivation": "…"},
            "cookies": {"sessionid": "x"},
            "headers": {"Cookie": "sessionid=x", "User-Agent": "Firefox", "X-Forwarded-For": "192.0.2.7"},
        },
        "extra": {"contact_name": "Camille Tremblay", "first_name": "Camille", "count": 3},
        "contexts": {"application": {"contact_email": "a@b.org", "status": "pending"}, "os": {"name": "Linux"}},
        "breadcrumbs": {"values": [{"message": "sent to c@d.org", "data": {"email": "c@d.org", "id": 9}}]},
        "logentry": {"message": "call %s", "params": ["+1 514 555 0123"]},
        "tags": {"celery_task_name": "outbox.send_emails"},
    }
    scrubbed = scrub(event)
    assert "user" not in scrubbed
    assert "data" not in scrubbed["request"] and "cookies" not in scrubbed["request"]
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert scrubbed["request"]["url"].endswith("?courriel=[email]")
    assert scrubbed["extra"] == {"count": 3}
    assert scrubbed["contexts"] == {"application": {"status": "pending"}, "os": {"name": "Linux"}}
    assert scrubbed["breadcrumbs"]["values"] == [{"message": "sent to [email]", "data": {"id": 9}}]
    assert scrubbed["logentry"]["params"] == ["[phone]"]
    assert scrubbed["tags"] == {"celery_task_name": "outbox.send_emails"}  # what ran stays known


def test_sentry_is_on_only_when_a_dsn_is_set():
    code = (
        "import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), (c.options.get('data_collection') or {}).get('user_info'))"
    )
    assert manage("shell", "-v0", "-c", code, **PRODUCTION).stdout.split()[0] == "False"
    with_dsn = manage("shell", "-v0", "-c", code, **PRODUCTION, SENTRY_DSN="https://public@sentry.example.org/1")
    assert with_dsn.stdout.split() == ["True", "False"], with_dsn.stderr
