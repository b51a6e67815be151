"""Errors to Sentry (only when SENTRY_DSN is set), without the personal data Loi 25 protects.

What an event could carry about a person, and where it goes:
- the signed-in user (id, email, address): not collected (`data_collection`), `user` dropped;
- form bodies, where applicants' names, emails and phone numbers are: never collected and
  dropped if present;
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
# Header and query-string names whose values are never collected (partial, case-insensitive).
SENSITIVE_TERMS = [
    *("cookie", "authorization", "csrf", "token", "session", "forwarded", "-ip", "remote-", "via", "-user"),
    *("email", "courriel", "phone", "name", "password"),
]
DROPPED_HEADERS = {"cookie", "authorization", "x-csrftoken", "x-forwarded-for", "x-real-ip"}


def sentry_init(dsn: str, *, environment: str, **options: Any) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # What the integrations collect at all (sentry-sdk's `data_collection`, which replaced
        # `send_default_pii`): no user, no cookies, no bodies, no local variables, no SQL
        # parameters, no task arguments; headers and query strings without what names someone.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "denylist", "terms": SENSITIVE_TERMS}},
            "http_bodies": [],
            "url_query_params": {"mode": "denylist", "terms": SENSITIVE_TERMS},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
            "gen_ai": {"inputs": False, "outputs": False},
            "graphql": {"document": False, "variables": False},
        },
        traces_sample_rate=0.0,  # errors only: no performance data, which would carry URLs and queries
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
