from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# The admin in each language (it lives under i18n_patterns, like the rest of the site).
ADMIN_PREFIXES = ("/admin/", "/en/admin/")
ALLOWED_WITHOUT_TOTP = ("/admin/logout/", "/admin/jsi18n/", "/en/admin/logout/", "/en/admin/jsi18n/")


class AdminRequiresTwoFactor:
    """Staff reach the admin only once a TOTP authenticator protects their account."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if (
            request.path.startswith(ADMIN_PREFIXES)
            and not request.path.startswith(ALLOWED_WITHOUT_TOTP)
            and user.is_authenticated
            and user.is_staff
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                _("Protégez votre compte par une application d’authentification avant d’ouvrir l’administration."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user: AbstractBaseUser) -> bool:
    from allauth.mfa.models import Authenticator

    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())
