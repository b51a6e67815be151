"""Staff accounts: allauth configured for a back office, with its emails sent through our outbox."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language

from zen.outbox.services import rendered_email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # program staff invite coordinators; nobody signs up

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
        with transaction.atomic():
            rendered_email_enqueue(
                kind=template_prefix.rsplit("/", 1)[-1],
                to=email,
                language=get_language() or settings.LANGUAGE_CODE,
                subject=message.subject,
                text=message.body,
                html=html,
            )
