"""Privacy and the second factor hold under gunicorn, as production serves the site.

- The public page cache never serves a page made for one person (a coordinator's
  "signed in" message) to anyone else.
- The admin's second factor holds wherever the site is mounted.
- Every image uploaded is served re-encoded, without its metadata, and a pending
  application's logo has no public address at all.

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
from PIL import Image

from chantiers.models import Chantier, Coordinator, RoadmapAction
from chantiers.roles import ensure_groups
from partners.models import PartnerApplication
from tests.conftest import TOTP_SECRET, with_totp
from tests.integration.conftest import PASSWORD, staff_account
from tests.integration.visit import Visitor, png
from tests.servers import Gunicorn, production_environment
from zen.accounts import totp_code

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


# --- The public page cache, with Redis as production has it ----------------------------


@pytest.fixture
def cached_site(laval, redis_server):
    server = Gunicorn(site_environment(REDIS_URL=redis_server.url), workers=1).start()
    yield server
    server.stop()


def test_a_coordinators_sign_in_message_on_a_public_page_is_not_served_to_an_anonymous_visitor(cached_site):
    staff_account("coordination@example.org", chantier=Chantier.objects.get(slug="laval-zen"))
    page = "/chantiers/laval-zen/"
    coordinator = Visitor(cached_site.url)
    login = coordinator.get(f"/comptes/login/?next={page}")
    second_factor = coordinator.post_form(
        login.url, {"login": "coordination@example.org", "password": PASSWORD}, page=login.text
    )
    landed = coordinator.post_form(second_factor.url, {"code": totp_code(TOTP_SECRET)}, page=second_factor.text)
    assert landed.url == cached_site.url + page
    assert "Connexion avec coordination@example.org réussie." in landed.text  # their own page says it

    for expected in (None, "hit"):  # rendered for the visitor, then served from Redis
        seen = Visitor(cached_site.url).get(page)
        assert seen.headers.get("X-Page-Cache") == expected
        assert "réussie" not in seen.text


# --- Uploaded images, served as production serves them --------------------------------


@pytest.fixture
def media_site(transactional_db, tmp_path, settings):
    """The site with its media on the filesystem (the default), in this test's folders."""
    public, private = tmp_path / "media", tmp_path / "private-media"
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = public, private
    call_command("load_seed", stdout=io.StringIO())
    server = Gunicorn(
        site_environment(
            MEDIA_ROOT=str(public),
            PRIVATE_MEDIA_ROOT=str(private),
            EMAIL_URL="console://",
            APPLICATION_MIN_SECONDS="1",
        ),
        workers=1,
    ).start()
    yield server
    server.stop()


def jpeg_with_a_position() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "Rue secrète, 45.5017 N"  # ImageDescription
    exif[GPS_IFD] = {1: "N", 2: (45.0, 30.0, 6.12), 3: "W", 4: (73.0, 34.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#1b6e3a").save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"private")
    return buffer.getvalue()


GPS_IFD = 0x8825


def test_a_cover_image_uploaded_in_the_admin_is_served_without_its_position_or_comment(media_site):
    laval = Chantier.objects.get(slug="laval-zen")
    staff_account("coordination@example.org", chantier=laval)
    visitor = Visitor(media_site.url)
    visitor.sign_in_to_admin("coordination@example.org", PASSWORD)
    original = jpeg_with_a_position()

    saved = visitor.change(
        reverse("admin:chantiers_chantier_change", args=[laval.pk]),
        "chantier_form",
        {},
        files={"cover_image": ("photo.jpg", original, "image/jpeg")},
    )

    assert saved.status_code == 200 and "a été modifié" in saved.text, saved.text[-2000:]
    laval.refresh_from_db()
    served = Visitor(media_site.url).get(laval.cover_image.url)  # an anonymous visitor
    assert served.status_code == 200
    assert served.headers["Content-Type"].startswith("image/")
    assert b"Rue secr" not in served.content and b"private" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert not image.getexif(), "the served image still carries EXIF"
        assert "comment" not in image.info and "exif" not in image.info


def test_a_pending_applications_logo_has_no_public_address_and_reaches_its_reviewers_only(media_site):
    laval, lachine = Chantier.objects.get(slug="laval-zen"), Chantier.objects.get(slug="climaction-lachine")
    staff_account("owner@example.org", chantier=laval)
    staff_account("outsider@example.org", chantier=lachine)
    logo = png()

    sent = Visitor(media_site.url).apply("laval-zen", email="camille@example.org", organisation="Vélo Laval", logo=logo)

    assert sent.status_code == 200 and "merci" in sent.url, sent.url
    application = PartnerApplication.objects.get(organisation_name="Vélo Laval")
    stored = application.logo.name
    anonymous = Visitor(media_site.url)
    for guess in (f"/media/{stored}", f"/media/{stored.rsplit('/', 1)[-1]}", f"/private-media/{stored}"):
        assert anonymous.get(guess).status_code == 404, guess
    for page in ("/chantiers/laval-zen/", "/partenaires/"):
        assert stored.rsplit("/", 1)[-1] not in anonymous.get(page).text
    logo_url = reverse("admin:partners_partnerapplication_logo", args=[application.pk])

    owner = Visitor(media_site.url)
    owner.sign_in_to_admin("owner@example.org", PASSWORD)
    seen = owner.get(logo_url)
    assert seen.status_code == 200 and seen.headers["Content-Type"] == "image/png"
    assert "no-store" in seen.headers["Cache-Control"]
    outsider = Visitor(media_site.url)
    outsider.sign_in_to_admin("outsider@example.org", PASSWORD)
    assert outsider.get(logo_url).status_code == 404
    assert anonymous.get(logo_url, allow_redirects=False).status_code == 302  # to the sign-in page
