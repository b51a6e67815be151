"""Partner applications: submit, accept, reject, remind, forget; the coordinators' weekly digest. Each one transaction.

Emails are written to the outbox inside the same transaction as the change
that causes them, and handed to Celery once it commits (zen/outbox/).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.text import slugify

from chantiers.models import ActionStatus, Chantier, Coordinator, Event, PhaseStatus, Theme
from partners.images import thumbnail
from partners.models import Organisation, PartnerApplication, Partnership
from zen.outbox.services import Email, email_enqueue, emails_enqueue, emails_forget


class ApplicationAlreadyDecided(Exception):
    pass


def _reference(application: PartnerApplication) -> str:
    return f"application:{application.pk}"


def coordinator_addresses(chantier: Chantier) -> list[str]:
    """Who hears about a Chantier's applications: its coordinators, else its own contact address."""
    # Filtered here rather than in SQL: a filter on the join costs more to build than the few rows it drops.
    rows = Coordinator.objects.filter(chantier=chantier).values_list("user__email", "user__is_active")
    emails = sorted({email for email, is_active in rows if is_active and email})
    if emails:
        return emails
    return [chantier.contact_email] if chantier.contact_email else [settings.PROGRAM_STAFF_EMAIL]


def application_submit(
    *,
    chantier: Chantier,
    organisation_name: str,
    organisation_kind: str,
    contact_name: str,
    contact_email: str,
    motivation: str,
    language: str,
    consent_privacy: bool,
    consent_public_listing: bool = False,
    sector: str = "",
    website: str = "",
    neq: str = "",
    contact_phone: str = "",
    themes: Collection[Theme] = (),
    logo: ContentFile | None = None,
) -> PartnerApplication:
    application = PartnerApplication(
        chantier=chantier,
        organisation_name=organisation_name,
        organisation_kind=organisation_kind,
        sector=sector,
        website=website,
        neq=neq,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        motivation=motivation,
        consent_privacy=consent_privacy,
        consent_public_listing=consent_public_listing,
        language=language,
    )
    if logo is not None:
        application.logo.save(logo.name or "logo.png", logo, save=False)
    try:
        return _application_save(application, themes)
    except DatabaseError:
        # The database lost the row (an outage mid-transaction): the stored logo goes too.
        if application.logo:
            application.logo.delete(save=False)
        raise


@transaction.atomic
def _application_save(application: PartnerApplication, themes: Collection[Theme]) -> PartnerApplication:
    """The application, its themes and its emails: one transaction."""
    application.save()
    if themes:
        application.themes.set(themes)
    chantier = application.chantier
    reference = _reference(application)
    context = {"application": application.pk}
    emails_enqueue(
        [
            *(
                Email("application-new", address, settings.LANGUAGE_CODE, context, reference)
                for address in coordinator_addresses(chantier)
            ),
            Email("application-received", application.contact_email, application.language, context, reference),
        ]
    )
    return application


def _lock_pending(application: PartnerApplication) -> PartnerApplication:
    locked = PartnerApplication.objects.select_for_update().select_related("chantier").get(pk=application.pk)
    if locked.status != PartnerApplication.Status.PENDING:
        raise ApplicationAlreadyDecided(locked.get_status_display())
    return locked


def _organisation_for(application: PartnerApplication) -> Organisation:
    """The organisation of that name, whatever its case ("CANOPÉE" is Canopée), else a new one."""
    # Compared in Python: SQLite's LOWER (and a C-locale PostgreSQL's) folds ASCII letters only,
    # so `name__iexact` would take "RÉSEAU" for another name than "réseau" there.
    name = application.organisation_name
    same_length = Organisation.objects.alias(name_length=Length("name")).filter(name_length=len(name))
    existing = next((o for o in same_length if o.name.casefold() == name.casefold()), None)
    if existing is not None:
        return existing
    base = slugify(application.organisation_name)[:90] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    organisation = Organisation(
        name=application.organisation_name,
        slug=slug,
        kind=application.organisation_kind,
        website=application.website,
    )
    if application.logo:
        organisation.logo.save("logo.png", thumbnail(application.logo), save=False)
    organisation.save()
    return organisation


@transaction.atomic
def application_accept(*, application: PartnerApplication, reviewer, note: str = "") -> PartnerApplication:
    """Accept: create or link the Organisation and its Partnership, and tell the applicant."""
    application = _lock_pending(application)
    organisation = _organisation_for(application)
    Partnership.objects.get_or_create(
        organisation=organisation,
        chantier=application.chantier,
        defaults={
            "role": Partnership.Role.PARTNER,
            "joined_on": timezone.localdate(),
            "is_public": application.consent_public_listing,
        },
    )
    application.status = PartnerApplication.Status.ACCEPTED
    application.organisation = organisation
    return _decide(application, reviewer, note)


@transaction.atomic
def application_reject(*, application: PartnerApplication, reviewer, note: str = "") -> PartnerApplication:
    application = _lock_pending(application)
    application.status = PartnerApplication.Status.REJECTED
    return _decide(application, reviewer, note)


def _decide(application: PartnerApplication, reviewer, note: str) -> PartnerApplication:
    application.reviewer = reviewer
    application.decided_at = timezone.now()
    application.decision_note = note
    application.save(update_fields=["status", "organisation", "reviewer", "decided_at", "decision_note"])
    email_enqueue(
        kind="application-decision",
        to=application.contact_email,
        language=application.language,
        context={"application": application.pk},
        reference=_reference(application),
    )
    return application


def _digest_items(chantier: Chantier, *, today, stale_before) -> dict[str, list[int]]:
    """What a Chantier's coordinators should look at this week, as lists of ids (JSON for the outbox)."""
    open_statuses = [ActionStatus.PROPOSED, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]
    return {
        "applications": list(
            PartnerApplication.objects.filter(
                chantier=chantier, status=PartnerApplication.Status.PENDING, personal_data_erased_at=None
            ).values_list("pk", flat=True)
        ),
        "stale_actions": list(
            chantier.actions.filter(status__in=open_statuses, updated_at__lt=stale_before).values_list("pk", flat=True)
        ),
        # Dates passed while the phase says otherwise: ended but not done, or begun but still upcoming.
        "overdue_phases": list(
            chantier.phases.filter(
                Q(end_date__lt=today) & ~Q(status=PhaseStatus.DONE)
                | Q(start_date__lt=today, status=PhaseStatus.UPCOMING)
            ).values_list("pk", flat=True)
        ),
        "upcoming_events": list(
            Event.objects.filter(chantier=chantier)
            .starting_between(today, today + timedelta(days=settings.DIGEST_UPCOMING_EVENT_DAYS))
            .exclude(status=Event.Status.CANCELLED)
            .values_list("pk", flat=True)
        ),
    }


@transaction.atomic
def coordinators_send_digest(*, now=None) -> int:
    """Each Chantier's coordinators' weekly digest; returns the emails queued.

    Pending applications, actions not updated for DIGEST_STALE_ACTION_WEEKS, phases whose
    dates have passed, events coming up; a Chantier with nothing to say sends nothing. A
    Chantier with no coordinator still has its pending applications reminded to the address
    that receives them (its contact, else program staff), and only those.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    stale_before = now - timedelta(weeks=settings.DIGEST_STALE_ACTION_WEEKS)
    emails = []
    for chantier in Chantier.objects.exclude(status=Chantier.Status.CLOSED):
        items = _digest_items(chantier, today=today, stale_before=stale_before)
        coordinators = Coordinator.objects.filter(chantier=chantier, user__is_active=True).exclude(user__email="")
        addresses = sorted(set(coordinators.values_list("user__email", flat=True)))
        if not addresses:
            items = {key: ids if key == "applications" else [] for key, ids in items.items()}
            addresses = coordinator_addresses(chantier) if items["applications"] else []
        if not any(items.values()):
            continue
        context = {"chantier": chantier.pk, **items}
        emails += [
            Email("coordinators-digest", address, settings.LANGUAGE_CODE, context, f"digest:{chantier.pk}")
            for address in addresses
        ]
    return len(emails_enqueue(emails)) if emails else 0


@transaction.atomic
def applications_erase_personal_data(*, now=None) -> int:
    """Forget the people behind rejected or abandoned applications once the retention delay has passed."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.APPLICATION_RETENTION_DAYS)
    expired = PartnerApplication.objects.filter(personal_data_erased_at=None).filter(
        Q(status=PartnerApplication.Status.REJECTED, decided_at__lt=limit)
        | Q(status=PartnerApplication.Status.PENDING, created_at__lt=limit)
    )
    count = 0
    for application in expired.select_for_update():
        if application.logo:
            application.logo.delete(save=False)
        application.contact_name = ""
        application.contact_email = ""
        application.contact_phone = ""
        application.motivation = ""
        application.personal_data_erased_at = now
        application.save(
            update_fields=[
                "logo",
                "contact_name",
                "contact_email",
                "contact_phone",
                "motivation",
                "personal_data_erased_at",
            ]
        )
        emails_forget(reference=_reference(application))
        count += 1
    return count
