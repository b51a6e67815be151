"""A coordinator signs in with a password and an authenticator code, updates the roadmap, and the public sees it."""

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from chantiers.models import Chantier
from tests.browser.conftest import sign_in
from tests.conftest import TOTP_SECRET, make_coordinator


def test_a_coordinator_updates_an_action_and_the_public_page_and_history_show_it(site, page):
    laval = Chantier.objects.get(slug="laval-zen")
    coordinator = make_coordinator("coordination@laval.example.org", laval)
    coordinator.set_password("mot-de-passe-solide")
    coordinator.save()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)

    sign_in(page, site, coordinator.email, "mot-de-passe-solide", TOTP_SECRET)
    expect(page.locator("#content")).to_contain_text("Gestion des Chantiers")

    page.goto(f"{site}/admin/chantiers/chantier/{laval.pk}/change/")
    page.locator(".object-tools").get_by_role("link", name="Feuille de route").click()
    expect(page.get_by_role("heading", name="13. Gouvernance et démocratie participative")).to_be_visible()
    row = page.locator("tr", has=page.locator("input[value='Former le comité de pilotage partenarial']"))
    row.locator("input[name$='-progress']").fill("90")
    page.get_by_role("button", name="Enregistrer la feuille de route").click()
    expect(page.locator(".messagelist")).to_contain_text("1 action enregistrée")

    page.goto(site + "/chantiers/laval-zen/")
    expect(page.locator("#feuille-de-route")).to_contain_text("90\u00a0% réalisé")

    action = laval.actions.get(title="Former le comité de pilotage partenarial")
    page.goto(f"{site}/admin/chantiers/roadmapaction/{action.pk}/history/")
    expect(page.locator("#content")).to_contain_text("coordination@laval.example.org")
    assert page.dialogs == []
