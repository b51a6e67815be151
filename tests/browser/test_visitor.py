"""A visitor reads the site the way people do: with a mouse, a keyboard, in two languages."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_a_visitor_filters_opens_laval_reads_its_roadmap_and_compares_a_theme(site, page):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Imaginer un avenir viable")
    page.get_by_role("link", name="Découvrir les Chantiers").click()

    page.get_by_label("Région").select_option(label="Laval")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"/chantiers/\?.*region=laval"))
    expect(page.locator(".chantier-card")).to_have_count(1)
    page.get_by_role("link", name="Laval ZéN").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Laval ZéN")
    phases = page.locator(".timeline__step")
    expect(phases).to_have_count(4)
    expect(page.locator('[aria-current="step"]')).to_contain_text("Rassembler les forces vives")
    roadmap = page.locator("#feuille-de-route")
    expect(roadmap.get_by_role("heading", name="Gouvernance et démocratie participative")).to_be_visible()
    expect(roadmap.get_by_text("Former le comité de pilotage partenarial")).to_be_visible()
    expect(roadmap.locator(".badge--example").first).to_have_text("Exemple")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/chantiers/laval-zen/")
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    expect(page.get_by_role("heading", name="Where the Chantier stands")).to_be_visible()

    page.locator("#theme-gouvernance-et-democratie-participative-titre a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Governance and participatory democracy")
    columns = page.locator(".compare__column")
    expect(columns).to_have_count(4)
    for name in ["Laval ZéN", "ClimAction Lachine", "Le Grand dialogue régional"]:
        expect(columns.get_by_role("link", name=name)).to_be_visible()
    assert page.dialogs == []


def test_the_keyboard_alone_reaches_content_filters_and_the_language_switcher(site, page):
    page.goto(site + "/chantiers/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link must show a visible focus ring"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))

    region = page.get_by_label("Région")
    region.focus()
    page.keyboard.press("ArrowDown")  # first real choice after "Toutes les régions"
    status = page.get_by_label("Statut")
    status.focus()
    status.select_option("active")
    page.get_by_role("button", name="Filtrer").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"status=active"))
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()

    english = page.get_by_role("link", name="English")
    english.focus()
    expect(english).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    expect(page).to_have_url(re.compile(r"/en/chantiers/\?.*status=active"))


def test_a_chantier_page_makes_no_third_party_request_and_weighs_little(site, page):
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(site + "/chantiers/laval-zen/", wait_until="networkidle")
    origin = urlsplit(site).netloc
    assert {urlsplit(r.url).netloc for r in requests} == {origin}
    weight = 0
    for request in requests:
        if request.resource_type in {"document", "stylesheet", "script", "font"}:
            response = request.response()
            weight += len(response.body()) if response else 0
    assert weight < 100_000, f"{weight} bytes of HTML, CSS and JS"


def test_the_map_shows_every_chantier_even_without_tiles(site, page):
    page.goto(site + "/carte/")
    expect(page.locator(".map-list__item")).to_have_count(8)
    page.locator(".leaflet-marker-icon").first.wait_for()
    singles = page.locator(".leaflet-marker-icon:not(.map-marker--cluster)").count()
    clustered = sum(int(text) for text in page.locator(".map-marker--cluster").all_inner_texts())
    titles = page.locator(".leaflet-marker-icon").evaluate_all("els => els.map(e => e.className + '|' + e.title)")
    assert singles + clustered == 8, titles
    page.locator(".leaflet-marker-icon:not(.map-marker--cluster)").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()


def test_markers_are_large_targets_and_those_around_montreal_cluster_then_part(site, page):
    page.goto(site + "/carte/")
    cluster = page.locator(".map-marker--cluster").first
    expect(cluster).to_have_attribute("title", re.compile(r"Chantiers proches : .*ClimAction Lachine"))
    box = page.locator(".leaflet-marker-icon").first.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    for _ in range(4):  # each click zooms in on the cluster, until its Chantiers stand apart
        if not page.locator(".map-marker--cluster").count():
            break
        page.locator(".map-marker--cluster").first.click()
        page.wait_for_timeout(400)  # the zoom's animation, not a timing assertion
    expect(page.locator(".leaflet-marker-icon[title='ClimAction Lachine']")).to_be_visible()
