"""The public page cache never stores or serves a response made for one person.

A page is cached only when rendered for an anonymous request (no session cookie, no
pending message) whose response sets no cookie; a request that carries a session
cookie (a signed-in coordinator, or any session) is rendered fresh and kept nowhere.
"""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import TOTP_SECRET
from zen.accounts import totp_code

PAGE = "/chantiers/laval-zen/"
SIGNED_IN = "Connexion avec owner@example.org réussie."
SIGNED_OUT = "Vous êtes déconnecté(e)."


def sign_in(client: Client, user, next_url: str):
    """Email and password, then the second factor, as a coordinator does; returns the last redirect."""
    EmailAddress.objects.get_or_create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(f"{reverse('account_login')}?next={next_url}", {"login": user.email, "password": "password"})
    assert response["Location"] == reverse("mfa_authenticate"), response
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 302 and response["Location"] == next_url, response
    return response


def test_the_sign_in_message_on_a_public_page_is_never_served_to_anyone_else(owner):
    coordinator = Client()
    sign_in(coordinator, owner, PAGE)
    assert SIGNED_IN in coordinator.get(PAGE).content.decode()  # their own page says it

    for _ in range(2):  # rendered for the visitor, then from the cache: neither says it
        assert SIGNED_IN not in Client().get(PAGE).content.decode()


def test_the_sign_out_message_on_a_public_page_is_never_served_to_anyone_else(owner):
    coordinator = Client()
    sign_in(coordinator, owner, PAGE)
    response = coordinator.post(reverse("account_logout"), {"next": PAGE})
    assert response["Location"] == PAGE
    assert SIGNED_OUT in coordinator.get(PAGE).content.decode()

    for _ in range(2):
        assert SIGNED_OUT not in Client().get(PAGE).content.decode()
    assert Client().get(PAGE)["X-Page-Cache"] == "hit"  # the clean page is the one kept


def test_a_signed_in_visitor_is_neither_served_from_the_cache_nor_stored(owner):
    coordinator = Client()
    coordinator.force_login(owner)
    assert "X-Page-Cache" not in coordinator.get(PAGE)
    assert "X-Page-Cache" not in Client().get(PAGE)  # nothing was kept from the coordinator's visit

    assert Client().get(PAGE)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in coordinator.get(PAGE)  # the cached page is for anonymous visitors


def test_a_request_with_a_session_cookie_is_rendered_fresh_and_kept_nowhere(laval):
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-their-own"
    assert "X-Page-Cache" not in visitor.get(PAGE)
    assert "X-Page-Cache" not in Client().get(PAGE)
    assert "X-Page-Cache" not in visitor.get(PAGE)


@pytest.mark.parametrize("cookie", [settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME])
def test_a_csrf_or_language_cookie_in_the_request_changes_nothing_and_is_served_from_the_cache(laval, cookie):
    Client().get(PAGE)
    visitor = Client()
    visitor.cookies[cookie] = "en" if cookie == settings.LANGUAGE_COOKIE_NAME else "x" * 32
    response = visitor.get(PAGE)
    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies


@pytest.mark.urls("tests.zen.page_cache_urls")
@pytest.mark.parametrize(
    ("path", "cookie"),
    [
        ("/formulaire/", settings.CSRF_COOKIE_NAME),
        ("/message/", "messages"),
        ("/langue/", settings.LANGUAGE_COOKIE_NAME),
    ],
    ids=["CSRF token", "message", "language cookie"],
)
def test_a_response_that_sets_a_cookie_is_never_stored(db, path, cookie):
    first = Client().get(path)
    assert cookie in first.cookies
    second = Client().get(path)
    assert "X-Page-Cache" not in second
    assert cookie in second.cookies  # rendered again, for this visitor


def test_the_system_check_refuses_the_cache_middleware_after_one_that_sets_cookies(settings):
    from zen.web.cache import MIDDLEWARE_PATH, check_middleware

    assert check_middleware() == []
    moved = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE_PATH]
    settings.MIDDLEWARE = [*moved, MIDDLEWARE_PATH]
    assert [message.id for message in check_middleware()] == ["web.E001"]
    settings.MIDDLEWARE = moved
    assert [message.id for message in check_middleware()] == ["web.W001"]
