"""An organisation applies in the browser; whatever it types comes back as text, never as code."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from partners import services
from partners.models import PartnerApplication
from tests.browser.conftest import sign_in
from tests.conftest import TOTP_SECRET, with_totp

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_an_application_with_markup_in_every_field_is_shown_as_text_everywhere(site, page, settings):
    settings.APPLICATION_MIN_SECONDS = 0
    page.goto(site + "/chantiers/laval-zen/")
    page.get_by_role("link", name="Devenir partenaire de ce Chantier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Devenir partenaire du Chantier Laval ZéN")

    page.get_by_label("Nom de l’organisation").fill("Coop " + HOSTILE)
    page.get_by_label("Type d’organisation").select_option("cooperative")
    page.get_by_label("Secteur d’activité (facultatif)").fill(HOSTILE)
    page.get_by_label("Personne-ressource").fill(HOSTILE)
    page.get_by_label("Courriel").fill("coop@example.org")
    page.get_by_label("Pourquoi voulez-vous devenir partenaire ?").fill(HOSTILE)
    page.get_by_label("Énergie").check()
    page.get_by_label("Si notre demande est acceptée").check()
    page.get_by_role("button", name="Envoyer la demande").click()

    # A missing consent comes back as a clear message, with everything typed still there.
    expect(page.get_by_role("alert")).to_contain_text("champ est à corriger")
    expect(page.get_by_label("Nom de l’organisation")).to_have_value("Coop " + HOSTILE)
    page.get_by_label("J’ai lu l’avis de confidentialité").check()
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre demande est envoyée")

    application = PartnerApplication.objects.get()
    assert application.organisation_name == "Coop " + HOSTILE
    reviewer = with_totp(
        get_user_model().objects.create_superuser("staff@example.org", "staff@example.org", "mot-de-passe-1")
    )
    EmailAddress.objects.create(user=reviewer, email=reviewer.email, verified=True, primary=True)
    services.application_accept(application=application, reviewer=reviewer)

    page.goto(site + "/chantiers/laval-zen/")
    expect(page.locator("#participants")).to_contain_text("Coop " + HOSTILE)
    page.goto(site + "/partenaires/")
    expect(page.get_by_text("Coop " + HOSTILE)).to_be_visible()
    sign_in(page, site, "staff@example.org", "mot-de-passe-1", TOTP_SECRET)
    page.goto(f"{site}/admin/partners/partnerapplication/{application.pk}/change/")
    expect(page.locator("#content")).to_contain_text("Coop " + HOSTILE)
    assert page.dialogs == [], "a script from the form ran in the browser"
