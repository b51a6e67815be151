from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_NAMESPACE = "admin"
# Admin pages a staff member without an authenticator may still open, by URL name.
ALLOWED_WITHOUT_TOTP = frozenset({"logout", "jsi18n"})


class AdminRequiresTwoFactor:
    """Staff reach the admin only once a TOTP authenticator protects their account.

    "Is this the admin" is answered by URL resolution (the view's namespace), not by
    the path: wherever the site is mounted (SCRIPT_NAME from a proxy,
    FORCE_SCRIPT_NAME), the full path starts with its prefix, but the admin's views
    still resolve in the admin's namespace.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        if match is None or ADMIN_NAMESPACE not in match.namespaces or match.url_name in ALLOWED_WITHOUT_TOTP:
            return None
        user = request.user
        if user.is_authenticated and user.is_staff and not _has_totp(user):
            messages.warning(
                request,
                _("Protégez votre compte par une application d’authentification avant d’ouvrir l’administration."),
            )
            return redirect("mfa_activate_totp")
        return None


def _has_totp(user: AbstractBaseUser) -> bool:
    from allauth.mfa.models import Authenticator

    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())
