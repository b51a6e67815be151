"""What the Chantiers' emails' templates read, loaded by the worker when it sends them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier
from zen.outbox.rendering import email_loader


@email_loader("coordinator-invitation", label=_("Invitation à coordonner un Chantier"))
def invitation_context(context: dict) -> dict:
    users = get_user_model().objects.in_bulk([context["user"], context.get("invited_by")])
    inviter = users.get(context.get("invited_by"))
    return context | {
        "chantier": Chantier.objects.get(pk=context["chantier"]),
        "person": users[context["user"]],
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
        "expires": parse_datetime(context["expires"]),
    }
