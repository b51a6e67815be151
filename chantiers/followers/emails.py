"""What the followers' emails' templates read, loaded by the worker when it sends them."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chantiers.followers.models import Follower
from zen.outbox.rendering import email_loader


@email_loader("follower-confirm", label=_("Confirmation d’abonnement à un Chantier"))
def confirmation_context(context: dict) -> dict:
    follower = Follower.objects.select_related("chantier").get(pk=context["follower"])
    return context | {"chantier": follower.chantier, "days": settings.FOLLOW_CONFIRM_DAYS}
