"""Staff accounts: allauth configured for a back office, with its emails sent through our outbox.

Also the second factor of accounts whose secret we know (the demo accounts, the
tests): the authenticator row stored the way allauth's documentation imports
keys, and the current code computed here (RFC 6238), not by allauth's internals.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
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
