"""Staff accounts: allauth configured for a back office, with its emails sent through our outbox.

Also the second factor of accounts whose secret we know (the demo accounts, the
tests): the authenticator row stored the way allauth's documentation imports
keys, and the current code computed here (RFC 6238), not by allauth's internals.

A newly invited coordinator goes from the invitation's link to their Chantier in one go:
they choose a password (and are signed in by it, ACCOUNT_LOGIN_ON_PASSWORD_RESET), set up
their authenticator without being asked for that password again (a sign-in of the last
few minutes counts as a reauthentication, as allauth's ACCOUNT_REAUTHENTICATION_TIMEOUT
describes), and land on their Chantier's admin page with a word of welcome.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chantiers.invitations import WELCOME_SESSION_KEY
from chantiers.permissions import editable_chantiers
from zen.outbox.rendering import email_kind
from zen.outbox.services import rendered_email_enqueue

# When this session last signed in (seconds since the epoch).
SIGNED_IN_AT = "zen_signed_in_at"

# The emails allauth renders itself, as the outbox's admin names them.
email_kind("password_reset_key", label=_("Nouveau mot de passe (lien)"))
email_kind("email_confirmation", label=_("Confirmation de l’adresse"))
email_kind("email_confirmation_signup", label=_("Confirmation de l’adresse"))
email_kind("password_changed", label=_("Mot de passe modifié"))
email_kind("password_set", label=_("Mot de passe choisi"))
email_kind("totp_activated", label=_("Application d’authentification activée"))
email_kind("totp_deactivated", label=_("Application d’authentification désactivée"))
email_kind("recovery_codes_generated", label=_("Codes de récupération créés"))


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # program staff invite coordinators; nobody signs up

    def login(self, request, user) -> None:
        super().login(request, user)
        request.session[SIGNED_IN_AT] = time.time()

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Having just signed in (with the password, and the second factor when there is one)
        # is as good as signing in again: asking for the password a minute after it was
        # chosen is the stumble of a first day, and protects nothing more.
        request = self.request
        signed_in_at = request.session.get(SIGNED_IN_AT) if request is not None else None
        if signed_in_at is not None and time.time() - signed_in_at < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_reset_password_from_key_url(self, key: str) -> str:
        # On SITE_URL, like every link in every email, whatever host the request came to.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def send_mail(self, template_prefix, email, context):
        context = {"site_name": _("Collectivités ZéN"), "site_url": settings.SITE_URL, "email": email, **context}
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


def totp_activate(*, user: AbstractBaseUser, secret: str) -> Authenticator:
    """Protect `user` with a TOTP authenticator whose base32 `secret` we chose."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_mfa_adapter().encrypt(secret)}
    )


def totp_code(secret: str, at: float | None = None) -> str:
    """The RFC 6238 code of `secret` at time `at` (now by default), with allauth's period and digits."""
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    digits = getattr(settings, "MFA_TOTP_DIGITS", 6)
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    (value,) = struct.unpack(">I", digest[offset : offset + 4])
    return f"{(value & 0x7FFFFFFF) % 10**digits:0{digits}d}"


def welcome_url(user) -> str:
    """Where a person arrives once their account is protected: their Chantier, if they have one."""
    chantiers = list(editable_chantiers(user).values_list("pk", flat=True)[:2])
    if len(chantiers) == 1:
        return reverse("admin:chantiers_chantier_change", args=chantiers)
    return reverse("admin:index")


class ActivateAuthenticatorView(ActivateTOTPView):
    """allauth's TOTP set-up, ending on the person's Chantier with a welcome instead of allauth's pages.

    The recovery codes allauth generates are one link away from the welcome.
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[WELCOME_SESSION_KEY] = True
        return response

    def get_success_url(self) -> str:
        return welcome_url(self.request.user)


activate_authenticator = ActivateAuthenticatorView.as_view()
