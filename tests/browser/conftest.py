"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import io
import os

import pytest
from django.core.management import call_command

from tests.browser_launch import CHROMIUM, launch
from tests.requirements import require

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require(os.path.exists(CHROMIUM), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server, settings):
    """The live server with the program's content and its examples."""
    settings.MAP_TILE_URL = ""  # no tile server in tests: the map must stand on its own
    call_command("load_seed", "--examples", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-CA")
    page = context.new_page()
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.dialogs = dialogs
    yield page
    context.close()


def sign_in(page, site: str, email: str, password: str, totp_secret: str, next_path: str = "/admin/") -> None:
    """Sign in the way staff do: email and password, then the authenticator app's code."""
    from zen.accounts import totp_code

    page.goto(site + next_path)  # the admin sends to allauth's sign-in page
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.locator("input[name=code]").fill(totp_code(totp_secret))
    page.locator("main form button[type=submit]").first.click()  # the other one cancels
