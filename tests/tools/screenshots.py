"""Screenshots of the running site for the README: `make screenshots`.

Takes full-page shots of a few pages, on desktop and phone widths, from the
server at BASE_URL (default http://127.0.0.1:8000).
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser_launch import launch

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "chantier": "/chantiers/laval-zen/",
    "theme": "/themes/gouvernance-et-democratie-participative/",
    "chantiers": "/chantiers/",
    "map": "/carte/",
    "chantier-en": "/en/chantiers/climaction-lachine/",
    "apply": "/chantiers/laval-zen/devenir-partenaire/",
    "events": "/evenements/",
    "follow": "/chantiers/laval-zen/suivre/",
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Parts of a page, shot alone: (path, CSS selector of the part).
PARTS = {
    "diagnostic": ("/chantiers/laval-zen/", "#diagnostic"),
    "comparison": ("/diagnostic/comparer/", "main"),
    "comparison-en": ("/en/diagnostic/comparer/?indicator=ges-secteur&sector=utcatf&per=total", "main"),
}


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for size_name, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            for name, path in PAGES.items():
                if names and name not in names:
                    continue
                page.goto(BASE_URL + path, wait_until="networkidle")
                target = OUT / f"{name}-{size_name}.png"
                page.screenshot(path=target, full_page=True)
                print(target.relative_to(OUT.parents[1]))
            for name, (path, selector) in PARTS.items():
                if names and name not in names:
                    continue
                page.goto(BASE_URL + path, wait_until="networkidle")
                target = OUT / f"{name}-{size_name}.png"
                page.locator(selector).screenshot(path=target)
                print(target.relative_to(OUT.parents[1]))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
