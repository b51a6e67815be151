"""What the partner application emails' templates read, loaded by the worker when it sends them.

The outbox row stores ids only; the application itself is the one copy of the
applicant's answers (and erasing it deletes its pending emails).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chantiers.events import event_when
from chantiers.models import Chantier, Event, Phase, RoadmapAction
from partners.models import PartnerApplication
from zen.outbox.rendering import email_loader


def _admin(name: str, pk: int) -> str:
    """An admin page on SITE_URL, in the language the email is rendered in."""
    return settings.SITE_URL + reverse(name, args=[pk])


def admin_url(application_pk: int) -> str:
    return _admin("admin:partners_partnerapplication_change", application_pk)


def _application(context: dict) -> dict:
    """What every application email reads: the application and its Chantier."""
    application = PartnerApplication.objects.select_related("chantier").get(pk=context["application"])
    return {"application": application, "chantier": application.chantier}


@email_loader("application-new", label=_("Nouvelle demande de partenariat (coordination)"))
def new_application(context: dict) -> dict:
    loaded = _application(context)
    application = loaded["application"]
    return loaded | {"themes": list(application.themes.all()), "admin_url": admin_url(application.pk)}


@email_loader("application-received", label=_("Accusé de réception de la demande"))
def application_received(context: dict) -> dict:
    return _application(context)


@email_loader("application-decision", label=_("Décision sur la demande"))
def application_decision(context: dict) -> dict:
    loaded = _application(context)
    application = loaded["application"]
    return loaded | {
        "accepted": application.status == PartnerApplication.Status.ACCEPTED,
        "chantier_url": settings.SITE_URL + application.chantier.get_absolute_url(),
    }


@email_loader("coordinators-digest", label=_("Rappel hebdomadaire de la coordination"))
def coordinators_digest(context: dict) -> dict:
    chantier = Chantier.objects.get(pk=context["chantier"])
    applications = PartnerApplication.objects.filter(pk__in=context["applications"]).order_by("created_at")
    actions = RoadmapAction.objects.filter(pk__in=context["stale_actions"]).select_related("theme")
    phases = Phase.objects.filter(pk__in=context["overdue_phases"])
    events = Event.objects.filter(pk__in=context["upcoming_events"]).with_days().order_by(F("first_day"), "starts_at")
    chantier_url = _admin("admin:chantiers_chantier_change", chantier.pk)
    return {
        "chantier": chantier,
        "applications": [(application, admin_url(application.pk)) for application in applications],
        "actions": [(action, _admin("admin:chantiers_roadmapaction_change", action.pk)) for action in actions],
        "phases": [(phase, chantier_url) for phase in phases],
        "events": [(event, event_when(event), _admin("admin:chantiers_event_change", event.pk)) for event in events],
        "roadmap_url": _admin("admin:chantiers_chantier_roadmap", chantier.pk),
        "weeks": settings.DIGEST_STALE_ACTION_WEEKS,
    }
