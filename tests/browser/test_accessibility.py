"""axe-core finds no WCAG 2.1 AA violation on any public page, in French and in English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "/",
    "/chantiers/",
    "/chantiers/?region=atlantide",
    "/chantiers/laval-zen/",
    "/chantiers/outaouais/",
    "/chantiers/laval-zen/contact/",
    "/chantiers/laval-zen/devenir-partenaire/",
    "/devenir-partenaire/",
    "/devenir-partenaire/merci/?chantier=laval-zen",
    "/themes/gouvernance-et-democratie-participative/",
    "/carte/",
    "/partenaires/",
    "/programme/",
    "/donnees/",
    "/accessibilite/",
    "/confidentialite/",
    "/comptes/login/",
    "/comptes/password/reset/",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_public_page_has_no_accessibility_violation(site, page, language):
    axe = Axe()
    failures = {}
    for path in PAGES:
        page.goto(site + language + path)
        results = axe.run(page, options=WCAG_AA)
        if results.violations_count:
            failures[language + path] = [
                (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
    assert failures == {}


def test_the_application_form_with_errors_has_no_accessibility_violation(site, page):
    page.goto(site + "/devenir-partenaire/")
    page.get_by_role("button", name="Envoyer la demande").click()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, [v["id"] for v in results.response["violations"]]
