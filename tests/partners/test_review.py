"""Coordinators accept or reject applications; accepted partners appear on the public page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from partners import services
from partners.models import Organisation, PartnerApplication, Partnership
from zen.outbox.models import OutboxEmail


def submit(chantier, **overrides) -> PartnerApplication:
    fields = {
        "chantier": chantier,
        "organisation_name": "Vélo Québec",
        "organisation_kind": "nonprofit",
        "contact_name": "Camille Tremblay",
        "contact_email": "camille@example.org",
        "contact_phone": "514 555-0123",
        "motivation": "Développer le réseau cyclable.",
        "language": "fr",
        "consent_privacy": True,
        "consent_public_listing": True,
    }
    return services.application_submit(**(fields | overrides))


@pytest.fixture
def application(laval, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return submit(laval)


def test_accepting_creates_the_organisation_and_partnership_and_tells_the_applicant(
    client, application, owner, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(application=application, reviewer=owner, note="Au plaisir !")
    application.refresh_from_db()
    assert application.status == "accepted" and application.reviewer == owner and application.decided_at
    partnership = Partnership.objects.get(organisation__name="Vélo Québec", chantier=application.chantier)
    assert partnership.role == "partner" and partnership.is_public
    (decision,) = mail.outbox
    assert decision.to == ["camille@example.org"]
    assert decision.subject == "Bienvenue parmi les partenaires de Laval ZéN"
    assert "Au plaisir !" in decision.body
    page = client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()
    assert "Vélo Québec" in page
    for secret in ["Camille Tremblay", "camille@example.org", "514 555-0123"]:
        assert secret not in page


def test_an_existing_organisation_is_linked_not_duplicated(application, owner):
    existing = Organisation.objects.create(name="vélo québec", slug="velo-quebec", kind="nonprofit")
    services.application_accept(application=application, reviewer=owner)
    assert Organisation.objects.filter(name__iexact="vélo québec").count() == 1
    application.refresh_from_db()
    assert application.organisation == existing


def test_without_consent_the_partner_is_not_named_publicly(client, laval, owner):
    application = submit(laval, consent_public_listing=False)
    services.application_accept(application=application, reviewer=owner)
    assert Partnership.objects.get(organisation__name="Vélo Québec").is_public is False
    assert "Vélo Québec" not in client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()
    assert "Vélo Québec" not in client.get(reverse("partners:directory")).content.decode()


def test_rejecting_keeps_no_partnership_and_sends_the_note(application, owner, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=application, reviewer=owner, note="Territoire hors Laval.")
    assert not Partnership.objects.filter(organisation__name="Vélo Québec").exists()
    assert "Territoire hors Laval." in mail.outbox[0].body
    assert "ne peut pas y donner suite" in mail.outbox[0].body


def test_a_decision_cannot_be_taken_twice(application, owner):
    services.application_accept(application=application, reviewer=owner)
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.application_reject(application=application, reviewer=owner)
    assert PartnerApplication.objects.get().status == "accepted"


def test_each_coordinator_of_the_chantier_decides_in_the_admin(
    client, application, laval_coordinator, django_capture_on_commit_callbacks
):
    client.force_login(laval_coordinator)
    change = client.get(reverse("admin:partners_partnerapplication_change", args=[application.pk]))
    assertContains(change, "Enregistrer la décision")
    assertContains(change, "Vélo Québec")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:partners_partnerapplication_decision", args=[application.pk]),
            {"decision": "accept", "note": ""},
            follow=True,
        )
    assertContains(response, "Décision enregistrée ; l’organisation en est avisée par courriel.")
    application.refresh_from_db()
    assert application.status == "accepted" and application.reviewer == laval_coordinator


def test_a_decision_without_a_choice_is_explained(client, application, owner):
    client.force_login(owner)
    response = client.post(reverse("admin:partners_partnerapplication_decision", args=[application.pk]), {"note": "?"})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    assert PartnerApplication.objects.get().status == "pending"


def test_another_chantiers_coordinator_cannot_see_or_decide(client, application, outsider, lachine):
    own = submit(lachine, organisation_name="Voisins de Lachine")
    client.force_login(outsider)
    change = client.get(reverse("admin:partners_partnerapplication_change", args=[application.pk]), follow=True)
    assertContains(change, "n’existe pas")
    assertNotContains(change, "Vélo Québec")
    response = client.post(
        reverse("admin:partners_partnerapplication_decision", args=[application.pk]), {"decision": "accept"}
    )
    assertContains(response, "Page introuvable", status_code=404)
    application.refresh_from_db()
    assert application.status == "pending"
    changelist = client.get(reverse("admin:partners_partnerapplication_changelist"))
    assertContains(changelist, "Sélectionnez l’objet candidature de partenaire à changer")
    assertContains(changelist, "Voisins de Lachine")
    assertNotContains(changelist, "Vélo Québec")
    assert list(changelist.context["cl"].queryset) == [own]


def test_personal_data_is_erased_after_the_retention_delay(laval, owner, settings):
    old_rejected = submit(laval, contact_email="old@example.org")
    services.application_reject(application=old_rejected, reviewer=owner)
    abandoned = submit(laval, organisation_name="Oubliée", contact_email="gone@example.org")
    recent = submit(laval, organisation_name="Récente", contact_email="recent@example.org")
    services.application_reject(application=recent, reviewer=owner)
    accepted = submit(laval, organisation_name="Acceptée", contact_email="yes@example.org")
    services.application_accept(application=accepted, reviewer=owner)
    long_ago = timezone.now() - timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)
    PartnerApplication.objects.filter(pk=old_rejected.pk).update(decided_at=long_ago)
    PartnerApplication.objects.filter(pk=abandoned.pk).update(created_at=long_ago)

    assert services.applications_erase_personal_data() == 2
    for erased in [old_rejected, abandoned]:
        erased.refresh_from_db()
        assert erased.contact_email == erased.contact_name == erased.contact_phone == erased.motivation == ""
        assert erased.personal_data_erased_at is not None
        assert not OutboxEmail.objects.filter(reference=f"application:{erased.pk}").exists()
    recent.refresh_from_db()
    accepted.refresh_from_db()
    assert recent.contact_email == "recent@example.org"
    assert accepted.contact_email == "yes@example.org"
    assert services.applications_erase_personal_data() == 0  # nothing left to do
