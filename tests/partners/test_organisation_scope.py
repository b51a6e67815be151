"""The admin shows a coordinator nothing outside their scope: drafts, organisations, what they may change.

Owner and colleague coordinate Laval ZéN; the outsider coordinates ClimAction Lachine.
"""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from chantiers.models import Chantier
from partners import services
from partners.models import Organisation, Partnership
from tests.conftest import make_application

GRAME = "Groupe de recommandations et d’actions pour un meilleur environnement"  # a public partner of Lachine


@pytest.fixture
def draft(seeded) -> Chantier:
    """Another Chantier, not published yet: coordinators of Laval must not learn it exists."""
    return Chantier.objects.create(name="Chantier secret de l’Estrie", slug="estrie-en-preparation", status="candidate")


def view_on_site(obj) -> str:
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_view_on_site_is_a_404_for_a_chantier_outside_the_coordinators_scope(client, owner, draft):
    client.force_login(owner)
    response = client.get(view_on_site(draft))
    assert response.status_code == 404
    assert "estrie-en-preparation" not in response.content.decode()
    assert "Location" not in response


def test_view_on_site_still_takes_a_coordinator_to_their_own_chantier(client, owner, laval):
    client.force_login(owner)
    response = client.get(view_on_site(laval))
    assert response.status_code == 302 and response["Location"].endswith("/chantiers/laval-zen/")


def test_view_on_site_takes_program_staff_anywhere(client, program_staff, draft):
    client.force_login(program_staff)
    response = client.get(view_on_site(draft))
    assert response.status_code == 302 and response["Location"].endswith("/chantiers/estrie-en-preparation/")


@pytest.fixture
def private_partner(lachine) -> Organisation:
    """A partner of Lachine that did not agree to be named publicly."""
    organisation = Organisation.objects.create(name="Fondation discrète", slug="fondation-discrete")
    Partnership.objects.create(organisation=organisation, chantier=lachine, is_public=False)
    return organisation


@pytest.fixture
def own_private_partner(laval) -> Organisation:
    organisation = Organisation.objects.create(name="Voisins discrets de Laval", slug="voisins-discrets")
    Partnership.objects.create(organisation=organisation, chantier=laval, is_public=False)
    return organisation


def organisation_names(client) -> set[str]:
    response = client.get(reverse("admin:partners_organisation_changelist"))
    assert response.status_code == 200
    return {organisation.name for organisation in response.context["cl"].result_list}


def autocomplete(client, term: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "chantiers", "model_name": "roadmapaction", "field_name": "lead_organisations", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("coordinator", ["owner", "colleague"])
def test_a_coordinator_lists_public_organisations_and_their_own_partners_only(
    request, client, coordinator, private_partner, own_private_partner
):
    client.force_login(request.getfixturevalue(coordinator))
    names = organisation_names(client)
    assert {GRAME, "Voisins discrets de Laval", "Laval en transition"} <= names  # public elsewhere; their own
    assert "Fondation discrète" not in names
    assert autocomplete(client, "discr") == ["Voisins discrets de Laval"]
    assert autocomplete(client, "GRAME") == [GRAME]


def test_the_outsider_does_not_see_laval_s_private_partner(client, outsider, own_private_partner, private_partner):
    client.force_login(outsider)
    names = organisation_names(client)
    assert "Voisins discrets de Laval" not in names and "Fondation discrète" in names


def test_program_staff_list_every_organisation(client, program_staff, private_partner, own_private_partner):
    client.force_login(program_staff)
    assert {"Fondation discrète", "Voisins discrets de Laval"} <= organisation_names(client)


def test_a_coordinator_cannot_open_or_pick_an_organisation_outside_their_scope(client, owner, laval, private_partner):
    client.force_login(owner)
    page = client.get(reverse("admin:partners_organisation_change", args=[private_partner.pk]), follow=True)
    assert "Fondation discrète" not in page.content.decode()
    response = client.post(
        reverse("admin:partners_partnership_add"),
        {"organisation": private_partner.pk, "chantier": laval.pk, "role": "partner", "order": 0},
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not Partnership.objects.filter(organisation=private_partner, chantier=laval).exists()


def organisation_form(organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "website": organisation.website,
        "description": organisation.description,
    }
    return data | changes


@pytest.mark.parametrize("coordinator", ["owner", "colleague"])
def test_a_coordinator_changes_an_organisation_that_partners_only_their_chantier(request, client, laval, coordinator):
    client.force_login(request.getfixturevalue(coordinator))
    organisation = Organisation.objects.get(slug="laval-en-transition")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    response = client.post(url, organisation_form(organisation, website="https://lavalentransition.example.org"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.website == "https://lavalentransition.example.org"


@pytest.fixture
def shared(laval, lachine) -> Organisation:
    """Partners both Laval and Lachine."""
    organisation = Organisation.objects.get(slug="laval-en-transition")
    Partnership.objects.create(organisation=organisation, chantier=lachine)
    return organisation


def test_an_organisation_partnering_several_chantiers_is_changed_only_by_program_staff(
    client, owner, program_staff, shared
):
    url = reverse("admin:partners_organisation_change", args=[shared.pk])
    client.force_login(owner)
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # shown read-only
    assert client.post(url, organisation_form(shared, name="Renommée")).status_code == 403
    shared.refresh_from_db()
    assert shared.name == "Laval en transition"
    client.force_login(program_staff)
    assert client.post(url, organisation_form(shared, name="Renommée")).status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Renommée"


def test_the_outsider_cannot_change_laval_s_organisations(client, outsider):
    organisation = Organisation.objects.get(slug="laval-en-transition")
    client.force_login(outsider)
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    assert client.post(url, organisation_form(organisation, name="Piratée")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Laval en transition"


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_accepting_an_application_never_alters_an_existing_organisation(laval, owner):
    existing = Organisation.objects.get(slug="canopee")
    existing.website = "https://canopee.example.org"
    existing.logo.save("logo.png", ContentFile(png("green")), save=False)
    existing.save()
    before = (existing.name, existing.short_name, existing.website, existing.logo.name, existing.logo.read())
    application = make_application(
        laval, organisation_name=existing.name.upper(), website="https://imposteur.example.org"
    )
    application.logo.save("logo.png", ContentFile(png("red")), save=True)
    services.application_accept(application=application, reviewer=owner)
    existing.refresh_from_db()
    assert (existing.name, existing.short_name, existing.website, existing.logo.name, existing.logo.read()) == before
    application.refresh_from_db()
    assert application.organisation == existing


def test_a_coordinator_adds_an_organisation_then_makes_it_a_partner_of_their_chantier(client, owner, laval):
    client.force_login(owner)
    response = client.post(
        reverse("admin:partners_organisation_add"),
        {"name": "Atelier vélo", "slug": "atelier-velo", "kind": "nonprofit"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="atelier-velo")
    assert autocomplete(client, "Atelier") == ["Atelier vélo"]  # attached to nothing yet: they can link it
    response = client.post(
        reverse("admin:partners_partnership_add"),
        {"organisation": organisation.pk, "chantier": laval.pk, "role": "partner", "order": 0, "is_public": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Partnership.objects.filter(organisation=organisation, chantier=laval).exists()
