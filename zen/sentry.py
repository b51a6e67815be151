"""Errors to Sentry (only when SENTRY_DSN is set), without the personal data Loi 25 protects.

What an event could carry about a person, and where it goes:
- the signed-in user (id, email, address): removed (`send_default_pii=False`, and `user` dropped);
- form bodies, where applicants' names, emails and phone numbers are: never read
  (`max_request_body_size="never"`) and dropped if present;
- cookies and the headers that carry sessions or tokens: dropped;
- local variables of the failing frames, whose reprs can hold a whole form: not sent;
- any key that names a person's data (…name, …email, …phone…) in the request,
  the extra data, the contexts and the breadcrumbs: dropped;
- email addresses and phone numbers inside any remaining text (messages, exception
  values, URLs, log breadcrumbs): replaced by `[email]` and `[phone]`.

`before_send` hands every event to `scrub`; tests/zen/test_sentry.py captures an event through a
test transport and checks that none of it is left.
"""

from __future__ import annotations

import re
from typing import Any, cast

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.scrubber import DEFAULT_DENYLIST, DEFAULT_PII_DENYLIST, EventScrubber
from sentry_sdk.types import Event, Hint

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# North American numbers as people write them: 514 555-0123, (514) 555-0123, +1 514.555.0123, 5145550123.
PHONE = re.compile(r"(?<!\w)(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)")
PERSONAL_KEY = re.compile(
    r"^((first|last|full|contact|display|user)_?)?name$|e_?mail|courriel|phone|t[ée]l[ée]phone|mobile|address|adresse"
    r"|cookie",
    re.IGNORECASE,
)
# Where keys are ours or the request's (not the SDK's own structure, whose "name" keys are harmless).
FREE_FORM = ("request", "extra", "breadcrumbs", "tags")
SDK_CONTEXTS = {"os", "runtime", "trace", "device", "browser", "app", "culture", "cloud_resource", "response"}
DROPPED_HEADERS = {"cookie", "authorization", "x-csrftoken", "x-forwarded-for", "x-real-ip"}


def sentry_init(dsn: str, *, environment: str, **options: Any) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,  # errors only: no performance data, which would carry URLs and queries
        event_scrubber=EventScrubber(
            denylist=[*DEFAULT_DENYLIST, "contact_name", "contact_email", "contact_phone", "email", "phone"],
            pii_denylist=DEFAULT_PII_DENYLIST,
            recursive=True,
        ),
        before_send=before_send,
        **options,
    )


def before_send(event: Event, hint: Hint) -> Event | None:
    return cast(Event, scrub(dict(event)))


def scrub(event: dict[str, Any]) -> dict[str, Any]:
    """Remove personal data from an event (what `before_send` does to every event)."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        request.pop("env", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {key: value for key, value in headers.items() if key.lower() not in DROPPED_HEADERS}
    for area in FREE_FORM:
        if area in event:
            event[area] = _without_personal_keys(event[area])
    contexts = event.get("contexts")
    if isinstance(contexts, dict):
        for name, context in list(contexts.items()):
            if name not in SDK_CONTEXTS:
                contexts[name] = _without_personal_keys(context)
    return _redacted(event)


def _without_personal_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _without_personal_keys(item)
            for key, item in value.items()
            if not (isinstance(key, str) and PERSONAL_KEY.search(key))
        }
    if isinstance(value, list):
        return [_without_personal_keys(item) for item in value]
    return value


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return PHONE.sub("[phone]", EMAIL.sub("[email]", value))
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_redacted(item) for item in value)
    return value
