from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _


class SecondFactor(Authenticator):
    """allauth's authenticators (TOTP app, recovery codes) under a name staff read in their language.

    allauth's model has no translated verbose name, so the admin index said "Authenticators" on French
    pages; this proxy changes no table, only the words.
    """

    class Meta:
        proxy = True
        verbose_name = _("facteur d’authentification")
        verbose_name_plural = _("facteurs d’authentification")
