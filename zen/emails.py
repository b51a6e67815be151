"""One email = three templates, rendered in the recipient's language.

templates/emails/<kind>-subject.txt, <kind>-body.txt and <kind>-body.html.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_email(kind: str, context: dict, language: str) -> tuple[str, str, str]:
    """Return (subject, text body, HTML body)."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{kind}-subject.txt", context).split())
        text = render_to_string(f"emails/{kind}-body.txt", context)
        html = render_to_string(f"emails/{kind}-body.html", context | {"subject": subject})
    return subject, text, html
