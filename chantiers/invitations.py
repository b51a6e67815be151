"""Inviting a person to coordinate a Chantier: an account, its group, and a link to choose a password."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from chantiers.models import Chantier, Coordinator
from chantiers.roles import ensure_groups
from zen.outbox.services import Email, emails_enqueue


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
