"""What the Chantiers' emails' templates read, loaded by the worker when it sends them."""

from __future__ import annotations

from chantiers.models import Chantier
from zen.outbox.rendering import email_loader


@email_loader("coordinator-invitation")
def invitation_context(context: dict) -> dict:
    return context | {"chantier": Chantier.objects.get(pk=context["chantier"])}
