"""404, 403, 400 and 500 pages are the site's own, in both languages, even with the database down.

Served as in production: DEBUG off, and the test client answers with the error
page instead of raising the view's exception.
"""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from zen import views


@pytest.fixture
def visitor(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def page(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert '<header class="site-header">' in html and '<footer class="site-footer">' in html  # the site's layout
    return html


def lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)">', html).group(1)


@pytest.mark.parametrize("path", ["/chantiers/nulle-part/", "/nulle-part/"])
def test_a_missing_page_says_so_in_french_with_a_way_home(visitor, seeded, path):
    html = page(visitor.get(path), 404)
    assert lang(html) == "fr-CA"
    assert "<h1>Page introuvable</h1>" in html
    assert '<a class="button" href="/">Retour à l’accueil</a>' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("path", ["/en/chantiers/nulle-part/", "/en/nulle-part/"])
def test_a_missing_page_says_so_in_english_with_a_way_home(visitor, seeded, path):
    html = page(visitor.get(path), 404)
    assert lang(html) == "en-CA"
    assert "<h1>Page not found</h1>" in html
    assert '<a class="button" href="/en/">Back to the home page</a>' in html


def test_a_forbidden_page_is_the_sites_own(visitor, owner):
    visitor.force_login(owner)
    html = page(visitor.get(reverse("admin:chantiers_chantier_add")), 403)
    assert lang(html) == "fr-CA" and "<h1>Accès refusé</h1>" in html
    with translation.override("en"):
        response = views.permission_denied(RequestFactory().get("/en/"), PermissionDenied())
    html = page(response, 403)
    assert lang(html) == "en-CA" and "<h1>Access denied</h1>" in html


@pytest.mark.parametrize(
    ("path", "language", "title"), [("/", "fr-CA", "Requête invalide"), ("/en/", "en-CA", "Bad request")]
)
def test_a_bad_request_gets_the_sites_own_page(visitor, seeded, path, language, title):
    html = page(visitor.get(path, headers={"host": "evil.example.org"}), 400)  # a host we do not serve
    assert lang(html) == language and f"<h1>{title}</h1>" in html
    assert "evil.example.org" not in html


@pytest.mark.parametrize(
    ("path", "language", "title", "home"),
    [("/", "fr-CA", "Un problème est survenu", 'href="/"'), ("/en/", "en-CA", "Something went wrong", 'href="/en/"')],
)
def test_the_server_error_page_renders_with_the_database_down(
    visitor, seeded, owner, django_db_blocker, path, language, title, home
):
    visitor.force_login(owner)  # a session cookie: the error page must not read the session or the user
    with django_db_blocker.block():
        html = page(visitor.get(path), 500)
    assert lang(html) == language and f"<h1>{title}</h1>" in html
    assert f'<a class="button" {home}>' in html
    assert "Traceback" not in html


def test_a_missing_page_renders_with_the_database_down(visitor, seeded, owner, django_db_blocker):
    visitor.force_login(owner)
    with django_db_blocker.block():
        html = page(visitor.get("/en/nulle-part/"), 404)
    assert "<h1>Page not found</h1>" in html
