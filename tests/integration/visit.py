"""A person driving the site over real HTTP (requests): filling the application form, signing in to the admin.

Used by the integration tests that run the site under gunicorn. Nothing here knows
Django's internals: it reads the pages as a browser would (forms, hidden fields,
redirects), so it goes through the same middleware, proxy trust and second factor
as a person.
"""

from __future__ import annotations

import html
import html.parser
import io
import re
import time
from urllib.parse import urljoin

import requests
from PIL import Image

from tests.conftest import TOTP_SECRET
from zen.accounts import totp_code

HIDDEN = re.compile(r'<input type="hidden" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)"')


def png(size=(240, 120), colour="#1b6e3a") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def hidden_fields(page: str) -> dict[str, str]:
    return {match["name"]: html.unescape(match["value"]) for match in HIDDEN.finditer(page)}


class _FormReader(html.parser.HTMLParser):
    """What a browser would send for one form as it stands: its inputs, selects and text areas."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "button", "file", "image"}:
            if attributes.get("type") in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.fields.append((self.select, attributes.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    reader = _FormReader(form_id)
    reader.feed(page)
    return reader.fields


class LoopbackCookies(requests.cookies.RequestsCookieJar):
    """Send `Secure` cookies back to 127.0.0.1 over plain HTTP, as browsers do for loopback addresses.

    The site marks its session and CSRF cookies Secure (debug is off); Chromium and Firefox
    treat http://127.0.0.1 as a secure context and send them back, where Python's cookie
    jar would not.
    """

    def set_cookie(self, cookie, *args, **kwargs):
        if cookie.domain in {"127.0.0.1", "localhost", "localhost.local"}:
            cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class Visitor:
    """One browser: its own cookies, on one site (`base` is the server's address)."""

    def __init__(self, base: str, *, address: str | None = None) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.cookies = LoopbackCookies()
        if address:  # the client's address, as the trusted proxy reports it (BEHIND_PROXY=1)
            self.session.headers["X-Forwarded-For"] = address

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.url(path), timeout=30, **kwargs)

    def post_form(self, path: str, fields: dict, *, files=None, headers=None, page: str | None = None):
        """Submit the form on `path` (fetched first, unless its `page` is given) with its hidden fields."""
        if page is None:
            page = self.get(path).text
        data = hidden_fields(page) | fields
        return self.session.post(self.url(path), data=data, files=files, headers=headers or {}, timeout=30)

    def change(self, path: str, form_id: str, changes: dict[str, str], *, files=None) -> requests.Response:
        """Open an admin change form, change some fields (and upload `files`), save it as it stands otherwise."""
        page = self.get(path).text
        fields = [(name, value) for name, value in form_fields(page, form_id) if name not in changes]
        data = [*fields, *changes.items(), ("_save", "1")]
        return self.session.post(self.url(path), data=data, files=files, timeout=30)

    def apply(self, chantier: str, *, email: str, organisation: str, logo: bytes | None = None, headers=None):
        """Fill in the partner application form of one Chantier and send it."""
        path = f"/chantiers/{chantier}/devenir-partenaire/"
        page = self.get(path).text
        time.sleep(1.05)  # APPLICATION_MIN_SECONDS=1 on the servers under test: a person takes longer
        fields = {
            "organisation_name": organisation,
            "organisation_kind": "nonprofit",
            "contact_name": "Camille Tremblay",
            "contact_email": email,
            "contact_phone": "514 555-0123",
            "motivation": "Nous voulons aider à développer le réseau cyclable.",
            "consent_public_listing": "on",
            "consent_privacy": "on",
        }
        files = {"logo": ("logo.png", logo, "image/png")} if logo else None
        return self.post_form(path, fields, files=files, headers=headers, page=page)

    def sign_in_to_admin(self, email: str, password: str, secret: str = TOTP_SECRET) -> requests.Response:
        """Email and password, then the second factor, as staff do; returns the admin's index."""
        login = self.get("/admin/")
        assert "/comptes/login/" in login.url, login.url
        response = self.post_form(login.url, {"login": email, "password": password}, page=login.text)
        assert "/2fa/authenticate/" in response.url, f"no second factor asked: {response.url}"
        response = self.post_form(response.url, {"code": totp_code(secret)}, page=response.text)
        assert response.url.rstrip("/").endswith("/admin"), f"the admin did not open: {response.url}"
        return response
