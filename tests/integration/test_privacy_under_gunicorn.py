"""The admin's second factor holds under gunicorn, wherever the site is mounted.

The site runs as production runs it (gunicorn, sync workers, DJANGO_DEBUG=0) on the
test database, mounted under /p/ in the two ways a deployment does it: a proxy that
sends the prefix in a SCRIPT_NAME header (believed from the proxy FORWARDED_ALLOW_IPS
names, gunicorn.conf.py), and FORCE_SCRIPT_NAME behind a proxy that strips it.
"""

from __future__ import annotations

import http.client
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from chantiers.models import Chantier, Coordinator, RoadmapAction
from chantiers.roles import ensure_groups
from tests.conftest import with_totp
from tests.servers import Gunicorn, production_environment

PREFIX = "/p"


def site_environment(**extra: str) -> dict[str, str]:
    db = connection.settings_dict
    return production_environment(
        DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        DATABASE_CONN_MAX_AGE="0",
        # The sessions this test signs in with are signed with the test run's key.
        SECRET_KEY=settings.SECRET_KEY,
        **extra,
    )


@pytest.fixture(scope="module")
def behind_a_proxy_sending_script_name(django_db_setup):
    # gunicorn.conf.py believes SCRIPT_NAME from the proxy it is told of, here one on loopback.
    server = Gunicorn(site_environment(FORWARDED_ALLOW_IPS="127.0.0.1"), workers=1).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def with_force_script_name(django_db_setup):
    server = Gunicorn(site_environment(FORCE_SCRIPT_NAME=PREFIX), workers=1).start()
    yield server
    server.stop()


@pytest.fixture
def laval(transactional_db) -> Chantier:
    call_command("load_seed", "--examples", stdout=io.StringIO())
    return Chantier.objects.get(slug="laval-zen")


def coordinator_of(chantier: Chantier, email: str):
    coordinators, _ = ensure_groups()
    user = get_user_model().objects.create_user(username=email, email=email, password="password", is_staff=True)
    user.groups.add(coordinators)
    Coordinator.objects.create(user=user, chantier=chantier)
    return user


def session_cookie(user) -> str:
    """A signed-in session, stored in the database the server reads."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def get(server: Gunicorn, path: str, cookie: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request over HTTP, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, **headers})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def admin_pages(chantier: Chantier) -> dict[str, bytes]:
    """Admin pages (paths inside the mount) and something each says when it opens."""
    action = RoadmapAction.objects.filter(chantier=chantier).first()
    return {
        reverse("admin:index"): b"Gestion des Chantiers",
        reverse("admin:partners_partnerapplication_changelist"): b"candidature",
        reverse("admin:chantiers_chantier_roadmap_export", args=[chantier.pk, "csv"]): action.title.encode(),
    }


MOUNTS = [
    # (server fixture, the path the server receives for a path inside the mount, extra headers)
    ("behind_a_proxy_sending_script_name", lambda path: PREFIX + path, {"SCRIPT_NAME": PREFIX}),
    ("with_force_script_name", lambda path: path, {}),
]


@pytest.mark.parametrize(("server_fixture", "received", "headers"), MOUNTS, ids=["SCRIPT_NAME", "FORCE_SCRIPT_NAME"])
def test_staff_without_a_second_factor_are_sent_to_set_one_up_wherever_the_site_is_mounted(
    request, laval, server_fixture, received, headers
):
    server = request.getfixturevalue(server_fixture)
    cookie = session_cookie(coordinator_of(laval, "sans-totp@example.org"))
    for path in admin_pages(laval):
        status, response_headers, _body = get(server, received(path), cookie, **headers)
        assert status == 302, f"{path} opened with a password alone"
        assert response_headers["Location"] == PREFIX + reverse("mfa_activate_totp"), path


@pytest.mark.parametrize(("server_fixture", "received", "headers"), MOUNTS, ids=["SCRIPT_NAME", "FORCE_SCRIPT_NAME"])
def test_staff_with_a_second_factor_open_the_admin_wherever_the_site_is_mounted(
    request, laval, server_fixture, received, headers
):
    server = request.getfixturevalue(server_fixture)
    cookie = session_cookie(with_totp(coordinator_of(laval, "avec-totp@example.org")))
    for path, says in admin_pages(laval).items():
        status, _headers, body = get(server, received(path), cookie, **headers)
        assert status == 200, path
        assert says in body, path
