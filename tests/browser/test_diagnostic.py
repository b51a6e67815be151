"""The diagnostic's pages in Chromium: no accessibility violation in French or English, charts that read."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
PAGES = [
    "/chantiers/laval-zen/",
    "/chantiers/grand-dialogue-saguenay-lac-saint-jean/",
    "/diagnostic/comparer/",
    "/diagnostic/comparer/?indicator=ges-secteur&sector=utcatf&per=total",
    "/diagnostic/comparer/?indicator=aires-protegees",
    "/diagnostic/comparer/?year=abc",
    "/themes/transport-et-mobilite/",
]


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_diagnostic_pages_have_no_accessibility_violation(site, page, language):
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


def test_the_charts_are_images_with_a_name_and_draw_within_their_box(site, page):
    page.goto(site + "/chantiers/laval-zen/")
    charts = page.locator("#diagnostic svg[role=img]")
    assert charts.count() == 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("aria-labelledby")
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
    # The patterns are there, so the sectors read without colour.
    assert page.locator("#diagnostic rect[fill^='url(#dg-pattern-']").count() > 10
    # No error on the page: the CSP let every chart through.
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.reload()
    assert errors == []


def test_a_visitor_compares_the_territories_from_the_home_page(site, page):
    page.goto(site + "/")
    page.get_by_role("link", name="Comparer les émissions de GES des territoires").click()
    page.get_by_label("Rapporté à").select_option("total")
    page.get_by_role("button", name="Comparer").click()
    assert "per=total" in page.url
    first = page.locator("#dg-comparaison-table").locator("xpath=..").locator("tbody tr").first
    assert "Région de Québec" in first.inner_text()  # the largest in absolute terms; per inhabitant it is not
