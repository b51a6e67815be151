"""What the followers' emails' templates read, loaded by the worker when it sends them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chantiers.followers.models import Follower
from chantiers.models import ActionStatus, EventStatus, PhaseStatus
from zen.outbox.rendering import email_loader


@email_loader("follower-confirm", label=_("Confirmation d’abonnement à un Chantier"))
def confirmation_context(context: dict) -> dict:
    follower = Follower.objects.select_related("chantier").get(pk=context["follower"])
    return context | {"chantier": follower.chantier, "days": settings.FOLLOW_CONFIRM_DAYS}


def _text(texts: dict[str, str], language: str) -> tuple[str, str | None]:
    """The text in `language`, else the French one with its language (the email marks it)."""
    if texts.get(language):
        return texts[language], None
    return texts.get("fr", ""), "fr"


@email_loader("follower-digest", label=_("Nouvelles d’un Chantier suivi"))
def digest_context(context: dict) -> dict:
    """Built from the stored context alone: no query, whatever the number of followers."""
    language = get_language()
    sections: dict[str, list[dict]] = {kind: [] for kind in DIGEST_SECTIONS}
    for change in context["changes"]:
        item = dict(change)
        for field in ("title", "name", "theme", "when"):
            if isinstance(change.get(field), dict):
                item[field], item[f"{field}_lang"] = _text(change[field], language)
        if change["kind"].startswith("action"):
            item["status"] = _labels(ActionStatus, change["status"])
        elif change["kind"] == "phase_moved":
            item["status"] = _labels(PhaseStatus, change["status"])
        elif change["kind"].startswith("event"):
            item["url"] = settings.SITE_URL.rstrip("/") + reverse("chantiers:event", args=[change["event"]])
            item["cancelled"] = change["status"] == EventStatus.CANCELLED
            item["tentative"] = change["status"] == EventStatus.TENTATIVE
        sections[change["kind"]].append(item)
    chantier = context["chantier"]
    return context | {
        "chantier_name": chantier["name"],
        "chantier_url": settings.SITE_URL.rstrip("/") + reverse("chantiers:detail", args=[chantier["slug"]]),
        "sections": [(DIGEST_SECTIONS[kind], items) for kind, items in sections.items() if items],
    }


def _labels(choices: Any, value: Any) -> Any:
    if isinstance(value, list):
        return [str(choices(code).label) for code in value]
    return str(choices(value).label)


DIGEST_SECTIONS = {
    "action_added": _("Actions ajoutées à la feuille de route"),
    "action_changed": _("Actions qui ont avancé ou changé de statut"),
    "phase_moved": _("Phases"),
    "event_added": _("Nouveaux événements"),
    "event_changed": _("Événements modifiés"),
    "partner_added": _("Nouveaux partenaires"),
    "values_added": _("Nouvelles données du diagnostic"),
}
