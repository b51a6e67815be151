"""An application's logo is private until the application is accepted; partners' logos are public.

The private logo lives in its own storage (PRIVATE_MEDIA_ROOT, or private/ in the bucket),
which no URL serves; the admin streams it to program staff and the Chantier's own
coordinators. tests/integration/test_media.py checks the same over HTTP under gunicorn.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse

from partners import services
from partners.images import clean_logo
from partners.models import Organisation, PartnerApplication
from tests.partners.conftest import application_data, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(laval, post):
    data = application_data(logo=image_file(size=(300, 200)))
    response = post(reverse("partners:apply-to", args=["laval-zen"]), data)
    assert response.status_code == 302
    return PartnerApplication.objects.get()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_submitted_logo_is_stored_in_the_private_storage_and_no_public_url_reaches_it(application, client):
    name = application.logo.name
    assert application.logo.storage is storages["private"]
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/../{Path(settings.PRIVATE_MEDIA_ROOT).name}/{name}").status_code == 404


def test_the_chantiers_reviewers_see_the_logo_and_no_one_else_does(application, owner, colleague, outsider):
    url = reverse("admin:partners_partnerapplication_logo", args=[application.pk])
    for reviewer in (owner, colleague):
        response = signed_in(reviewer).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert response.getvalue().startswith(b"\x89PNG")
    assert signed_in(outsider).get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_program_staff_see_every_applications_logo(application, program_staff):
    url = reverse("admin:partners_partnerapplication_logo", args=[application.pk])
    assert signed_in(program_staff).get(url).status_code == 200


def test_the_application_page_shows_the_logo_through_the_checked_view(application, owner):
    page = signed_in(owner).get(reverse("admin:partners_partnerapplication_change", args=[application.pk]))
    html = page.content.decode()
    assert reverse("admin:partners_partnerapplication_logo", args=[application.pk]) in html
    assert application.logo.name not in html  # no path that could be tried elsewhere


def test_a_rejected_applications_logo_stays_private(application, owner, client):
    services.application_reject(application=application, reviewer=owner)
    assert client.get(f"/media/{application.logo.name}").status_code == 404
    assert not Organisation.objects.filter(name="Vélo Québec").exists()


def test_accepting_publishes_a_thumbnail_as_the_partners_logo_which_anyone_can_load(application, owner, client):
    services.application_accept(application=application, reviewer=owner)
    organisation = Organisation.objects.get(name="Vélo Québec")
    assert organisation.logo.path.startswith(str(settings.MEDIA_ROOT))
    page = client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()
    assert organisation.logo.url in page and organisation.logo.url.startswith("/media/organisations/logos/")
    response = client.get(organisation.logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    # The application's own copy stays where it was, private.
    assert client.get(f"/media/{application.logo.name}").status_code == 404


def test_public_media_serves_images_only_and_nothing_outside_media_root(client):
    public = storages["default"]
    png = public.save("chantiers/covers/cover.png", clean_logo(image_file()))
    text = public.save("notes/readme.txt", ContentFile(b"not an image"))
    assert client.get(f"/media/{png}").status_code == 200
    assert client.get(f"/media/{text}").status_code == 404
    assert client.get("/media/../zen/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/manage.py").status_code == 404
    assert client.post(f"/media/{png}").status_code == 405


def test_the_migration_moves_logos_already_uploaded_out_of_the_public_folder(laval):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("partners.migrations.0003_application_logos_are_private")
    public, private = storages["default"], storages["private"]
    name = public.save("applications/logos/logo.png", clean_logo(image_file()))
    application = PartnerApplication.objects.create(
        chantier=laval,
        organisation_name="Ancienne",
        organisation_kind="nonprofit",
        contact_name="C",
        contact_email="c@example.org",
        motivation="M",
        consent_privacy=True,
        logo=name,
    )
    migration.move_logos_to_private_storage(apps, None)
    application.refresh_from_db()
    assert not public.exists(name)
    assert application.logo.name and private.exists(application.logo.name)
