"""What the partner application emails' templates read, loaded by the worker when it sends them.

The outbox row stores ids only; the application itself is the one copy of the
applicant's answers (and erasing it deletes its pending emails).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from chantiers.models import Chantier
from partners.models import PartnerApplication
from zen.outbox.rendering import email_loader


def admin_url(application_pk: int) -> str:
    return settings.SITE_URL + reverse("admin:partners_partnerapplication_change", args=[application_pk])


def _application(context: dict) -> dict:
    """What every application email reads: the application and its Chantier."""
    application = PartnerApplication.objects.select_related("chantier").get(pk=context["application"])
    return {"application": application, "chantier": application.chantier}


@email_loader("application-new")
def new_application(context: dict) -> dict:
    loaded = _application(context)
    application = loaded["application"]
    return loaded | {"themes": list(application.themes.all()), "admin_url": admin_url(application.pk)}


@email_loader("application-received")
def application_received(context: dict) -> dict:
    return _application(context)


@email_loader("application-decision")
def application_decision(context: dict) -> dict:
    loaded = _application(context)
    application = loaded["application"]
    return loaded | {
        "accepted": application.status == PartnerApplication.Status.ACCEPTED,
        "chantier_url": settings.SITE_URL + application.chantier.get_absolute_url(),
    }


@email_loader("applications-digest")
def applications_digest(context: dict) -> dict:
    applications = PartnerApplication.objects.filter(pk__in=context["applications"]).order_by("created_at")
    return {
        "chantier": Chantier.objects.get(pk=context["chantier"]),
        "rows": [{"application": application, "admin_url": admin_url(application.pk)} for application in applications],
    }
