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
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()
