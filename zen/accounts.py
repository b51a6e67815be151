"""Staff accounts: allauth configured for a back office, with its emails sent through our outbox."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language

from chantiers.models import Chantier, Coordinator
from zen.emails import email_loader
from zen.outbox import Email, emails_enqueue, rendered_email_enqueue
from zen.roles import ensure_groups


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


@transaction.atomic
def coordinator_invite(*, email: str, chantier: Chantier, first_name: str = "", last_name: str = ""):
    """Give `email` an account that coordinates `chantier`, and send a link to choose a password."""
    coordinators, _staff = ensure_groups()
    user, created = get_user_model().objects.get_or_create(
        username=email.lower(),
        defaults={"email": email.lower(), "first_name": first_name, "last_name": last_name, "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(coordinators)
    Coordinator.objects.get_or_create(user=user, chantier=chantier)
    # Program staff vouch for the address; only its owner receives the link.
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    link = settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    emails_enqueue(
        [
            Email(
                "coordinator-invitation",
                user.email,
                settings.LANGUAGE_CODE,
                {"chantier": chantier.pk, "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400},
                f"invitation:{user.pk}",
            )
        ]
    )
    return user


@email_loader("coordinator-invitation")
def invitation_context(context: dict) -> dict:
    return context | {"chantier": Chantier.objects.get(pk=context["chantier"])}
