"""Inviting a person to coordinate a Chantier: an account, its group, and a link to choose a password."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from chantiers.models import Chantier, Coordinator
from chantiers.roles import ensure_groups
from zen.outbox.services import Email, emails_enqueue

# Set in the session once an invited person's account is protected: their Chantier's
# admin page then greets them once (ChantierAdmin.change_view).
WELCOME_SESSION_KEY = "zen_welcome"


def invitation_link(user, language: str) -> str:
    """The page where `user` chooses a password, in `language`; valid PASSWORD_RESET_TIMEOUT seconds."""
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
        )
    return settings.SITE_URL + path


@transaction.atomic
def coordinator_invite(
    *,
    email: str,
    chantier: Chantier,
    invited_by=None,
    first_name: str = "",
    last_name: str = "",
    language: str = settings.LANGUAGE_CODE,
):
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
    expires = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    context = {
        "chantier": chantier.pk,
        "user": user.pk,
        "invited_by": invited_by.pk if invited_by is not None else None,
        "link": invitation_link(user, language),
        "expires": expires.isoformat(),
    }
    emails_enqueue([Email("coordinator-invitation", user.email, language, context, f"invitation:{user.pk}")])
    return user
