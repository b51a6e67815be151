"""An organisation applies through the public form."""

import re

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from chantiers.models import Theme
from partners.models import PartnerApplication
from tests.conftest import make_coordinator
from tests.partners.conftest import application_data, image_file
from zen.outbox.models import OutboxEmail


def apply_url(slug="laval-zen"):
    return reverse("partners:apply-to", args=[slug])


def test_the_form_is_offered_for_one_chantier_and_for_any(client, seeded):
    page = client.get(apply_url()).content.decode()
    assert "Devenir partenaire du Chantier Laval ZéN" in page
    assert 'name="chantier"' not in page
    general = client.get(reverse("partners:apply")).content.decode()
    assert 'name="chantier"' in general
    assert general.index('name="chantier"') < general.index('name="organisation_name"')  # asked first
    assert "Outaouais" in general  # candidates welcome partners too


def test_a_submission_is_stored_and_both_emails_go_out(client, post, owner, laval):
    themes = list(Theme.objects.current()[:2].values_list("pk", flat=True))
    response = post(apply_url(), application_data(themes=themes))
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:thanks") + "?chantier=laval-zen"
    application = PartnerApplication.objects.get()
    assert application.chantier == laval
    assert application.status == "pending"
    assert application.language == "fr"
    assert application.themes.count() == 2
    assert set(OutboxEmail.objects.values_list("to", "status")) == {
        ("owner@example.org", "sent"),
        ("camille@example.org", "sent"),
    }
    coordinators = next(m for m in mail.outbox if m.to == ["owner@example.org"])
    assert "Vélo Québec" in coordinators.subject
    assert f"/admin/partners/partnerapplication/{application.pk}/change/" in coordinators.body
    applicant = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert applicant.subject == "Nous avons bien reçu votre demande — Laval ZéN"
    assert isinstance(applicant, EmailMultiAlternatives)
    assert "text/html" in [mimetype for _content, mimetype in applicant.alternatives]
    thanks = client.get(response["Location"]).content.decode()
    assert "Merci, votre demande est envoyée" in thanks
    assert "camille@example.org" not in thanks


def test_only_active_coordinators_with_an_address_hear_of_an_application(post, owner, colleague, laval):
    gone = make_coordinator("gone@example.org", laval)
    gone.is_active = False
    gone.save()
    no_address = make_coordinator("noaddress@example.org", laval)
    no_address.email = ""
    no_address.save()
    post(apply_url(), application_data())
    told = set(OutboxEmail.objects.filter(kind="application-new").values_list("to", flat=True))
    assert told == {"owner@example.org", "colleague@example.org"}


def test_without_coordinators_the_chantier_contact_then_the_program_team_hear_of_it(post, laval, settings):
    laval.contact_email = "info@laval.example.org"
    laval.save()
    post(apply_url(), application_data())
    laval.contact_email = ""
    laval.save()
    post(apply_url(), application_data(contact_email="other@example.org"))
    told = list(OutboxEmail.objects.filter(kind="application-new").order_by("pk").values_list("to", flat=True))
    assert told == ["info@laval.example.org", settings.PROGRAM_STAFF_EMAIL]


def test_an_applicant_in_english_gets_english_emails(post, seeded):
    with translation.override("en"):
        url = apply_url()
    post(url, application_data(contact_email="sam@example.org"))
    application = PartnerApplication.objects.get()
    assert application.language == "en"
    acknowledgement = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert acknowledgement.subject == "We have received your application — Laval ZéN"


def test_without_coordinators_the_chantier_contact_address_is_told(post, seeded):
    post(apply_url("climaction-lachine"), application_data())
    assert ["climactionlachine@pourlatransitionenergetique.org"] in [m.to for m in mail.outbox]


def test_the_general_form_asks_which_chantier(client, seeded):
    response = client.post(reverse("partners:apply"), application_data())
    assert response.status_code == 200
    assert "Chantier que vous voulez rejoindre" in response.content.decode()
    response = client.post(reverse("partners:apply"), application_data(chantier=_pk("outaouais")))
    assert response.status_code == 302
    assert PartnerApplication.objects.get().chantier.slug == "outaouais"


def _pk(slug):
    from chantiers.models import Chantier

    return Chantier.objects.get(slug=slug).pk


def test_missing_fields_are_named_and_what_was_typed_is_kept(client, seeded):
    response = client.post(apply_url(), application_data(contact_email="", consent_privacy=None, organisation_kind=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 champs sont à corriger" in page
    assert "Cochez cette case pour envoyer la demande" in page
    assert 'value="Vélo Québec"' in page
    assert "Nous voulons aider à développer le réseau cyclable." in page
    assert not PartnerApplication.objects.exists()
    assert not OutboxEmail.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("neq", "12345", "Le NEQ compte exactement 10 chiffres."),
        ("neq", "ABCDEFGHIJ", "Le NEQ compte exactement 10 chiffres."),
        ("contact_phone", "appelez-moi", "Entrez un numéro de téléphone"),
        ("contact_email", "pas-un-courriel", "Saisissez une adresse de courriel valide."),
        ("website", "javascript:alert(1)", "Saisissez une URL valide."),
        ("motivation", "x" * 5001, "au plus 5000 caractères"),
    ],
)
def test_bad_values_get_a_clear_message(client, seeded, field, value, message):
    response = client.post(apply_url(), application_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PartnerApplication.objects.exists()


def test_neq_and_phone_are_normalised(client, seeded):
    client.post(apply_url(), application_data(neq="1234 567-890", contact_phone="+1 (418) 555-0123 poste 12"))
    application = PartnerApplication.objects.get()
    assert application.neq == "1234567890"
    assert application.contact_phone == "+1 (418) 555-0123 poste 12"


def test_the_honeypot_stops_a_robot(client, seeded):
    response = client.post(apply_url(), application_data(fax_number="555-0000"))
    assert response.status_code == 200
    assert not PartnerApplication.objects.exists()


def test_a_form_sent_too_fast_is_refused_and_kept(client, seeded, settings):
    settings.APPLICATION_MIN_SECONDS = 3
    response = client.post(apply_url(), application_data())
    page = response.content.decode()
    assert "envoyé très vite" in page
    assert 'value="Vélo Québec"' in page
    assert not PartnerApplication.objects.exists()


def test_a_tampered_or_expired_form_says_so(client, seeded):
    response = client.post(apply_url(), application_data(started="1700000000.0:forged"))
    assert "Ce formulaire a expiré" in response.content.decode()
    token = re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(apply_url(), application_data(started=token)).status_code in {200, 302}


def test_too_many_submissions_from_one_address_are_refused(client, seeded, settings):
    settings.APPLICATION_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(apply_url(), application_data()).status_code == 302
    response = client.post(apply_url(), application_data())
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert 'value="Vélo Québec"' in response.content.decode()
    assert PartnerApplication.objects.count() == 2


def test_an_oversized_request_is_refused_before_it_is_read(client, seeded):
    response = client.post(
        apply_url(),
        application_data(),
        CONTENT_LENGTH=str(10 * 1024 * 1024),
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert "2 Mo au plus" in response.content.decode()


def test_a_missing_csrf_token_gets_a_page_that_explains(seeded):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(apply_url(), application_data())
    assert response.status_code == 403
    assert "Ce formulaire doit être rechargé" in response.content.decode()


def test_a_closed_or_unknown_chantier_has_no_form(client, laval):
    from chantiers.models import Chantier

    Chantier.objects.filter(pk=laval.pk).update(status="closed")
    assert client.get(apply_url()).status_code == 404
    assert client.get(apply_url("nulle-part")).status_code == 404


@pytest.mark.parametrize(
    ("is_published", "status", "open_to_applications"),
    [(True, "active", True), (True, "candidate", True), (True, "closed", False), (False, "active", False)],
)
def test_only_a_published_chantier_not_yet_closed_takes_applications(
    client, post, laval, is_published, status, open_to_applications
):
    from chantiers.models import Chantier

    Chantier.objects.filter(pk=laval.pk).update(is_published=is_published, status=status)
    laval.refresh_from_db()
    # The page's rule (one row) and the general form's list (a queryset) say the same.
    assert laval.accepts_applications is open_to_applications
    assert Chantier.objects.accepting_applications().filter(pk=laval.pk).exists() is open_to_applications
    assert client.get(apply_url()).status_code == (200 if open_to_applications else 404)
    general = client.get(reverse("partners:apply")).content.decode()
    assert (f'<option value="{laval.pk}"' in general) is open_to_applications
    response = client.post(apply_url(), application_data())
    assert response.status_code == (302 if open_to_applications else 404)
    response = client.post(reverse("partners:apply"), application_data(chantier=laval.pk))
    assert response.status_code == (302 if open_to_applications else 200)
    assert PartnerApplication.objects.count() == (2 if open_to_applications else 0)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_good_logo_is_kept_re_encoded(client, seeded, fmt):
    response = client.post(apply_url(), application_data(logo=image_file(fmt)))
    assert response.status_code == 302
    application = PartnerApplication.objects.get()
    with application.logo.open("rb") as stored:
        assert stored.read(8) == b"\x89PNG\r\n\x1a\n"
