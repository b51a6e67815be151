"""axe-core finds no WCAG 2.1 AA violation on any public page, in French and in English,
nor on the sign-in and second-factor pages and a coordinator's admin screens."""

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe

from chantiers.models import Chantier
from tests.browser.conftest import sign_in
from tests.conftest import TOTP_SECRET, make_application, make_coordinator
from tests.pages import public_pages

# The search results with hits (Chantiers, actions), without, and with a message.
SEARCHES = ["/chantiers/?q=quebec", "/chantiers/?q=verdir", "/chantiers/?q=zzzzzz", "/chantiers/?q=%3F%21"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def violations(page) -> list:
    results = Axe().run(page, options=WCAG_AA)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_public_page_has_no_accessibility_violation(site, page, language):
    failures = {}
    for path in public_pages() + SEARCHES:
        page.goto(site + language + path)
        if found := violations(page):
            failures[language + path] = found
    assert failures == {}


def test_the_application_form_with_errors_has_no_accessibility_violation(site, page):
    page.goto(site + "/devenir-partenaire/")
    page.get_by_role("button", name="Envoyer la demande").click()
    assert violations(page) == []


def test_the_map_with_its_markers_opened_has_no_accessibility_violation(site, page):
    page.goto(site + "/carte/")
    page.locator(".map-marker").first.wait_for()
    page.locator(".map-marker").first.click()
    assert violations(page) == []


@pytest.mark.parametrize("language", ["", "/en"])
def test_sign_in_second_factor_and_the_coordinator_s_screens_have_no_violation(site, page, language):
    laval = Chantier.objects.get(slug="laval-zen")
    coordinator = make_coordinator("coordination@laval.example.org", laval)
    coordinator.set_password("mot-de-passe-solide")
    coordinator.save()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    application = make_application(laval)
    failures = {}

    page.goto(f"{site}{language}/comptes/login/")
    if found := violations(page):
        failures["sign-in"] = found
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill("mot-de-passe-solide")
    page.locator("main form button[type=submit]").first.click()
    page.locator("input[name=code]").wait_for()
    if found := violations(page):
        failures["second factor"] = found
    page.context.clear_cookies()  # start again, signing in all the way

    sign_in(page, site, coordinator.email, "mot-de-passe-solide", TOTP_SECRET, next_path=f"{language}/admin/")
    screens = {
        "admin index": f"{language}/admin/",
        "Chantier": f"{language}/admin/chantiers/chantier/{laval.pk}/change/",
        "roadmap": f"{language}/admin/chantiers/chantier/{laval.pk}/feuille-de-route/",
        "roadmap import": f"{language}/admin/chantiers/chantier/{laval.pk}/feuille-de-route/importer/",
        "applications": f"{language}/admin/partners/partnerapplication/",
        "application": f"{language}/admin/partners/partnerapplication/{application.pk}/change/",
    }
    for name, path in screens.items():
        page.goto(site + path)
        if found := violations(page):
            failures[name] = found
    assert failures == {}
