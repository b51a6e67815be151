"""Every admin and account page a coordinator reaches speaks one language: no English on French pages, no
French interface on English ones.

The words that betray the other language come from the catalogues themselves: a word of the English source
strings (Django's admin, allauth, simple-history) that no French translation uses is English; a word of our
French source strings that no English translation uses is French. Words of the data (names of Chantiers,
organisations, actions…) are content, not interface, and are left out.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import pytest
import simple_history
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from chantiers.models import Chantier
from partners.models import Organisation, Partnership
from tests.conftest import make_application

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"[a-zà-ÿœ]{3,}", re.IGNORECASE)


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def catalogues(language: str) -> list[polib.POFile]:
    found = [
        Path(django.__file__).parent / "conf" / "locale",
        Path(django.__file__).parent / "contrib" / "admin" / "locale",
        Path(django.__file__).parent / "contrib" / "auth" / "locale",
        Path(allauth.__file__).parent / "locale",
        Path(simple_history.__file__).parent / "locale",
        ROOT / "locale",
    ]
    return [polib.pofile(str(p)) for base in found if (p := base / language / "LC_MESSAGES" / "django.po").exists()]


def _entry_text(entry: polib.POEntry, side: str) -> str:
    if side == "msgid":
        return f"{entry.msgid} {entry.msgid_plural}"
    return " ".join([entry.msgstr, *entry.msgstr_plural.values()])


def vocabulary() -> tuple[set[str], set[str]]:
    """(English-only words, French-only words) of the interface."""
    theirs_fr = catalogues("fr")  # English source, French translations (Django, allauth, simple-history, ours)
    ours_en = polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"))  # French source, English
    french = set().union(*(words(_entry_text(e, "msgstr")) for po in theirs_fr for e in po))
    french |= set().union(*(words(_entry_text(e, "msgid")) for e in ours_en))
    english = set().union(*(words(_entry_text(e, "msgid")) for po in theirs_fr for e in po if not _ours(po)))
    english |= set().union(*(words(_entry_text(e, "msgstr")) for e in ours_en))
    # Placeholders and markup are not words of either language.
    markup = {"strong", "href", "url", "name", "count", "counter", "email", "date", "time", "html", "span", "https"}
    return english - french - markup, french - english - markup


def _ours(po: polib.POFile) -> bool:
    return Path(po.fpath).is_relative_to(ROOT / "locale")


def data_words() -> set[str]:
    """Every word stored in the content tables and user names: content, whatever its language."""
    found: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"chantiers", "diagnostic", "partners", "auth"} or model._meta.label.startswith(
            "auth.Perm"
        ):
            continue
        text_fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values_list(*text_fields):
            found |= words(" ".join(str(value) for value in row if value))
    return found


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a person reads or hears in the page's language: text nodes and labels in attributes.

    Scripts and styles are left out, and so is what is marked as another language (`lang`):
    the link to the French page is "Français" on every English page, and says so.
    """

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").split("-")[0]
        # Code (spreadsheet column names, the authenticator secret) is an identifier, not prose.
        hidden = self.hidden or tag in {"script", "style", "template", "code"} or bool(lang and lang != self.language)
        if tag not in VOID:
            self.stack.append((tag, hidden))
        if hidden:
            return
        for name in ("title", "alt", "placeholder", "aria-label"):
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_words(html: str, language: str) -> set[str]:
    parser = VisibleText(language)
    parser.feed(html)
    return words(" ".join(parser.parts))


def coordinator_pages(client, owner, laval) -> list[str]:
    """Every admin page the coordinator's own admin index leads to, and the account pages."""
    request = RequestFactory().get("/admin/")
    request.user = owner
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for app in admin.site.get_app_list(request):
        for model in app["models"]:
            changelist = model["admin_url"]
            pages.append(changelist)
            if model.get("add_url"):
                pages.append(model["add_url"])
            response = client.get(changelist)
            assert response.status_code == 200, changelist
            rows = list(response.context["cl"].result_list[:1])
            if rows:
                opts = model["model"]._meta
                pk = rows[0].pk
                pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
                history = f"admin:{opts.app_label}_{opts.model_name}_history"
                pages.append(reverse(history, args=[pk]))
    pages += [
        reverse("admin:chantiers_chantier_roadmap", args=[laval.pk]),
        reverse("admin:chantiers_chantier_roadmap_import", args=[laval.pk]),
        reverse("mfa_index"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_generate_recovery_codes"),
        reverse("mfa_deactivate_totp"),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("account_logout"),
    ]
    return pages


@pytest.fixture
def coordinator_client(client, owner, laval):
    owner.first_name = "Camille"
    owner.save()
    make_application(laval)
    Partnership.objects.create(
        chantier=laval, organisation=Organisation.objects.create(name="Verdure Laval", slug="verdure-laval")
    )
    client.force_login(owner)
    # A sign-in of the last minutes: the account pages open without asking for the password again.
    session = client.session
    session["zen_signed_in_at"] = time.time()
    session.save()
    client.post(reverse("mfa_generate_recovery_codes"))
    return client


def test_every_page_a_coordinator_reaches_speaks_french_or_english_only(coordinator_client, owner, laval):
    english_only, french_only = vocabulary()
    content = data_words()
    pages = coordinator_pages(coordinator_client, owner, laval)
    assert len(pages) > 25  # the admin index, each model's list, add, change and history pages, account pages
    problems = {}
    for path in pages:
        for language, foreign in [("fr", english_only), ("en", french_only)]:
            url = path if language == "fr" else "/en" + path
            response = coordinator_client.get(url)
            assert response.status_code == 200, url
            found = (visible_words(response.content.decode(), language) & foreign) - content
            if found:
                problems[url] = sorted(found)
    assert problems == {}, "\n".join(f"{url}: {', '.join(found)}" for url, found in problems.items())


def test_the_welcome_and_the_authenticator_pages_are_translated(coordinator_client, laval):
    with translation.override("en"):
        roadmap = reverse("admin:chantiers_chantier_roadmap", args=[laval.pk])
    assert roadmap.startswith("/en/admin/")
    assert "Roadmap of Laval ZéN" in coordinator_client.get(roadmap).content.decode()


def test_the_chantier_is_reached_in_english_from_the_english_admin(coordinator_client, laval):
    page = coordinator_client.get("/en" + reverse("admin:chantiers_chantier_change", args=[laval.pk])).content.decode()
    assert 'lang="en"' in page and "Save" in page
    assert "Chantier" in page and isinstance(laval, Chantier)


@pytest.mark.parametrize(
    ("prefix", "says", "never"),
    [
        ("", ["Authentification à deux facteurs", "Facteurs d’authentification"], ["MFA", "Authenticators"]),
        ("/en", ["Two-factor authentication", "Authentication factors"], ["MFA", "Authentificat"]),
    ],
)
def test_staff_admin_index_names_the_second_factor_in_the_staff_language(client, program_staff, prefix, says, never):
    client.force_login(program_staff)
    response = client.get(prefix + reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gestion des Chantiers" in html or "Chantier management" in html  # the admin index, not a sign-in page
    for text in says:
        assert text in html
    for text in never:
        assert f">{text}<" not in html and f"{text}</a>" not in html
