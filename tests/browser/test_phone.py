"""On a phone (390 × 844): the header leaves the screen to the page, the roadmap screen fits its width."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from chantiers.models import Chantier
from tests.conftest import TOTP_SECRET, make_coordinator
from zen.accounts import totp_code

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-CA", device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/", "/chantiers/laval-zen/", "/en/chantiers/laval-zen/", "/programme/"])
def test_the_header_takes_at_most_a_fifth_of_the_first_screen(site, phone, path):
    phone.goto(site + path)
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 5, f"{path}: header is {header['height']:.0f} px high"


def test_the_roadmap_screen_fits_a_phone_without_scrolling_the_page_sideways(site, phone):
    laval = Chantier.objects.get(slug="laval-zen")
    coordinator = make_coordinator("phone@example.org", laval)
    coordinator.set_password("mot-de-passe-solide")
    coordinator.save()
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    phone.goto(site + reverse("account_login"))
    phone.locator("input[name=login]").fill(coordinator.email)
    phone.locator("input[name=password]").fill("mot-de-passe-solide")
    phone.locator("main form button[type=submit]").first.click()
    phone.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url("**/admin/")

    phone.goto(site + reverse("admin:chantiers_chantier_roadmap", args=[laval.pk]))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"
    # Usable: each field of an action can be reached and changed on the phone.
    progress = phone.locator("input[name$='-progress']").first
    progress.scroll_into_view_if_needed()
    progress.fill("35")
    phone.get_by_role("button", name="Enregistrer la feuille de route").click()
    assert "1 action enregistrée" in phone.locator(".messagelist").inner_text()
