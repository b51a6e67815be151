"""A visitor switches a Chantier page between French and English, with and without an English text."""

from playwright.sync_api import expect

from chantiers.models import Chantier


def language_of(locator) -> str:
    """The language the browser reads an element in: its own `lang`, or the nearest ancestor's."""
    return locator.evaluate("element => element.closest('[lang]').getAttribute('lang')")


def test_switching_language_on_a_chantier_with_an_english_text(site, page, tmp_path):
    page.goto(site + "/chantiers/laval-zen/")
    lead = page.locator(".page-head .lead")
    expect(lead).to_have_text(
        "Mobiliser les forces vives et la population lavalloises autour d’un plan d’action collectif vers la "
        "carboneutralité."
    )
    assert language_of(lead) == "fr-CA"

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/chantiers/laval-zen/")
    expect(lead).to_have_text(
        "Mobilising Laval’s key players and residents around a collective action plan toward carbon neutrality."
    )
    assert language_of(lead) == "en-CA"
    expect(page.locator(".timeline__name").first).to_have_text("Bring the territory’s key players together")
    expect(page.locator("#feuille-de-route").get_by_text("Form the partnership steering committee")).to_be_visible()
    expect(page.locator("#translation-note")).to_contain_text("our translation of the French original")
    page.screenshot(path=tmp_path / "laval-en.png", full_page=True)

    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(site + "/chantiers/laval-zen/")
    expect(lead).to_contain_text("Mobiliser les forces vives")
    expect(page.locator("#translation-note")).to_have_count(0)


def test_switching_language_on_a_chantier_without_an_english_text(site, page):
    lachine = Chantier.objects.get(slug="climaction-lachine")
    lachine.summary_en = ""
    lachine.description_en = ""
    lachine.save()

    page.goto(site + "/chantiers/climaction-lachine/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/chantiers/climaction-lachine/")
    lead = page.locator(".page-head .lead")
    # The French text, said to be French, inside an English page.
    expect(lead).to_have_text(
        "Une démarche locale et structurée de transition juste vers la carboneutralité à Lachine."
    )
    assert language_of(lead) == "fr"
    presentation = page.locator("#presentation p").first
    expect(presentation).to_contain_text("ClimAction Lachine est porté par le GRAME")
    assert language_of(presentation) == "fr"
    expect(page.get_by_role("heading", name="Who takes part")).to_be_visible()
    # What does have its English beside it is read as English.
    territory = page.locator(".facts--inline dd").first
    expect(territory).to_have_text("Borough of Lachine, Montréal")
    assert language_of(territory) == "en-CA"

    page.get_by_role("link", name="Français").click()
    expect(lead).to_have_text(
        "Une démarche locale et structurée de transition juste vers la carboneutralité à Lachine."
    )
    assert language_of(lead) == "fr-CA"
