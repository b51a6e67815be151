"""The events pages and the follow form in a real browser: no axe violation in French or English, and the way in."""

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from chantiers.models import Chantier, Event
from tests.browser.test_accessibility import WCAG_AA


@pytest.fixture
def events(site, settings):
    settings.FOLLOW_MIN_SECONDS = 0
    laval = Chantier.objects.get(slug="laval-zen")
    soon = timezone.localdate() + timedelta(days=10)
    corvee = Event.objects.create(
        chantier=laval,
        title_fr="Corvée de verdissement",
        title_en="Greening work party",
        status="confirmed",
        start_date=soon,
        attendance="hybrid",
        place_fr="Parc des Prairies",
        online_url="https://meet.example.org/corvee",
        registration_url="https://inscription.example.org/corvee",
        registration_deadline=soon - timedelta(days=2),
    )
    Event.objects.create(chantier=laval, title_fr="Atelier annulé", status="cancelled", start_date=soon)
    Event.objects.create(chantier=laval, title_fr="Forum passé", status="confirmed", start_date=date(2025, 5, 1))
    return site, corvee


def violations(page) -> list:
    results = Axe().run(page, options=WCAG_AA)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_new_pages_have_no_accessibility_violation(events, page, language):
    site, corvee = events
    paths = [
        "/evenements/",
        "/evenements/?chantier=n-existe-pas",
        f"/evenements/{corvee.pk}/",
        "/chantiers/laval-zen/evenements/",
        "/chantiers/laval-zen/suivre/",
        "/suivre/",
    ]
    failures = {}
    for path in paths:
        page.goto(site + language + path)
        found = violations(page)
        if found:
            failures[language + path] = found
    assert failures == {}


def test_a_visitor_follows_laval_from_its_page_and_the_form_with_errors_stays_accessible(events, page):
    site, _corvee = events
    page.goto(site + "/chantiers/laval-zen/")
    page.get_by_label("Votre courriel").fill("camille@example.org")
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_label("Votre courriel").input_value() == "camille@example.org"
    page.get_by_role("button", name="M’abonner").click()  # the consent box is not ticked
    assert "Cochez cette case pour vous abonner" in page.content()
    assert violations(page) == []
    page.get_by_label("J’accepte de recevoir par courriel").check()
    page.get_by_role("button", name="M’abonner").click()
    assert page.get_by_role("heading", name="Vérifiez vos courriels").is_visible()
