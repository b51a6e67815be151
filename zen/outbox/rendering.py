"""One email = a kind, three templates and, if it needs one, a loader.

templates/emails/<kind>-subject.txt, <kind>-body.txt and <kind>-body.html are
rendered in the recipient's language when the email is sent, by the worker:
the request that causes an email only stores its kind, recipient, language and
a small JSON context (ids). Each kind registers a loader (`@email_loader`)
that turns that context into what its templates read, and the words the
outbox's admin names it with; a kind rendered elsewhere (allauth's) registers
its words alone (`email_kind`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

Loader = Callable[[dict[str, Any]], dict[str, Any]]
_loaders: dict[str, Loader] = {}
_labels: dict[str, str | Promise] = {}


def email_loader(kind: str, *, label: str | Promise) -> Callable[[Loader], Loader]:
    """Register the function that builds the template context of `kind` from its stored JSON.

    `label` names the kind in the admin, in words (a lazy translation).
    """

    def register(loader: Loader) -> Loader:
        _loaders[kind] = loader
        _labels[kind] = label
        return loader

    return register


def email_kind(kind: str, *, label: str | Promise) -> None:
    """Name a kind whose emails arrive rendered (allauth's), for the admin."""
    _labels[kind] = label


def kind_label(kind: str) -> str:
    """The words for `kind`; its code when no app named it."""
    return str(_labels.get(kind, kind))


def kind_choices() -> list[tuple[str, str]]:
    return sorted(((kind, str(label)) for kind, label in _labels.items()), key=lambda choice: choice[1])


def render_email(kind: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Return (subject, text body, HTML body)."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "LANGUAGE_CODE": language, **_loaders[kind](context)}
        subject = " ".join(render_to_string(f"emails/{kind}-subject.txt", context).split())
        text = render_to_string(f"emails/{kind}-body.txt", context)
        html = render_to_string(f"emails/{kind}-body.html", context | {"subject": subject})
    return subject, text, html
