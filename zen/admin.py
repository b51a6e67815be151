from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin

from zen.models import SecondFactor

# Staff see authenticators under a translated name (zen.models.SecondFactor), with allauth's own admin.
admin.site.unregister(Authenticator)
admin.site.register(SecondFactor, AuthenticatorAdmin)
