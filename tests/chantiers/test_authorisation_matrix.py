"""ClimAction Lachine's coordinator against Laval ZéN's objects, on every admin page: denied, unchanged.

Laval's own coordinators, the owner and a colleague alike, open the same pages;
program staff can do everything.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from chantiers.diagnostic.models import Value
from chantiers.models import Chantier, Event, Phase, RoadmapAction
from partners.models import PartnerApplication, Partnership


def chantier_objects(chantier, event_title: str, organisation_name: str) -> dict:
    """One object of each scoped model, belonging to `chantier`."""
    event = Event.objects.create(chantier=chantier, title=event_title)
    application = PartnerApplication.objects.create(
        chantier=chantier,
        organisation_name=organisation_name,
        organisation_kind="citizen_group",
        contact_name="Alex",
        contact_email="alex@example.org",
        motivation="Aider.",
        consent_privacy=True,
    )
    return {
        "chantier": chantier,
        "phase": chantier.phases.first(),
        "event": event,
        "roadmapaction": chantier.actions.first(),
        "partnership": chantier.partnerships.first(),
        "partnerapplication": application,
        "value": chantier.indicator_values.first(),  # the seed's examples
    }


@pytest.fixture
def laval_objects(laval):
    return chantier_objects(laval, "Corvée de verdissement", "Voisins de Laval")


@pytest.fixture
def lachine_objects(lachine):
    return chantier_objects(lachine, "Marche exploratoire", "Voisins de Lachine")


MODELS = {
    "chantier": ("chantiers", Chantier),
    "phase": ("chantiers", Phase),
    "event": ("chantiers", Event),
    "roadmapaction": ("chantiers", RoadmapAction),
    "partnership": ("partners", Partnership),
    "partnerapplication": ("partners", PartnerApplication),
    "value": ("diagnostic", Value),
}


def snapshot(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def admin_url(name: str, model: str, *args) -> str:
    app_label, _model = MODELS[model]
    return reverse(f"admin:{app_label}_{model}_{name}", args=args)


def assert_denied(response) -> None:
    """The page refuses (403) or says the object is not there, and shows nothing of it."""
    if response.status_code == 403:
        assertContains(response, "Accès refusé", status_code=403)
    else:
        assert response.redirect_chain[-1][0] == reverse("admin:index")
        assertContains(response, "n’existe pas")
        assertContains(response, "<h1>Gestion des Chantiers</h1>", html=True)


@pytest.mark.parametrize("model", list(MODELS))
def test_the_outsider_is_denied_every_page_of_a_laval_object(client, outsider, laval_objects, lachine_objects, model):
    obj = laval_objects[model]
    before = snapshot(obj)
    client.force_login(outsider)

    changelist = client.get(admin_url("changelist", model))
    assert changelist.status_code in {200, 403}
    if changelist.status_code == 200:  # the outsider's own list: their row, not Laval's
        assertContains(changelist, f"Sélectionnez l’objet {obj._meta.verbose_name} à changer")
        rows = {o.pk for o in changelist.context["cl"].queryset}
        assert lachine_objects[model].pk in rows and obj.pk not in rows

    for page in ["change", "delete", "history"]:
        assert_denied(client.get(admin_url(page, model, obj.pk), follow=True))
    pirate = {"title": "Piraté", "title_fr": "Piraté", "name": "Piraté", "name_fr": "Piraté", "progress": 1}
    client.post(admin_url("change", model, obj.pk), pirate)
    client.post(admin_url("delete", model, obj.pk), {"post": "yes"})
    client.post(
        admin_url("changelist", model), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )

    obj.refresh_from_db()  # still there…
    assert snapshot(obj) == before  # …and unchanged


@pytest.mark.parametrize("model", list(MODELS))
def test_laval_coordinators_open_every_page_of_a_laval_object(client, laval_coordinator, laval_objects, model):
    obj = laval_objects[model]
    client.force_login(laval_coordinator)
    assertContains(client.get(admin_url("change", model, obj.pk)), f"<title>{obj} |")
    assertContains(client.get(admin_url("history", model, obj.pk)), "<h1>Historique")  # in words: ours or Django's
    assert obj.pk in {o.pk for o in client.get(admin_url("changelist", model)).context["cl"].queryset}


@pytest.mark.parametrize("model", ["phase", "event", "roadmapaction", "partnership", "value"])
def test_the_outsider_cannot_add_a_row_to_laval(client, outsider, laval_objects, model):
    _app_label, model_class = MODELS[model]
    count = model_class._default_manager.filter(chantier=laval_objects["chantier"]).count()
    client.force_login(outsider)
    organisation = laval_objects["partnership"].organisation
    response = client.post(
        admin_url("add", model),
        {
            "chantier": laval_objects["chantier"].pk,
            "order": 9,
            "name": "Intruse",
            "name_fr": "Intruse",
            "title_fr": "Intruse",
            "status": "upcoming" if model == "phase" else "proposed",
            "progress": 0,
            "theme": laval_objects["roadmapaction"].theme_id,
            "organisation": organisation.pk,
            "role": "partner",
        },
    )
    assertContains(response, "Sélectionnez un choix valide")  # the form comes back, naming the bad Chantier
    assert model_class._default_manager.filter(chantier=laval_objects["chantier"]).count() == count


def test_a_coordinator_cannot_promote_themselves_or_appoint_coordinators(client, owner, lachine):
    client.force_login(owner)
    assertContains(client.get(reverse("admin:auth_user_changelist")), "Accès refusé", status_code=403)
    client.post(reverse("admin:auth_user_change", args=[owner.pk]), {"is_superuser": "on", "is_staff": "on"})
    owner.refresh_from_db()
    assert not owner.is_superuser
    assertContains(client.get(reverse("admin:chantiers_coordinator_changelist")), "Accès refusé", status_code=403)
    client.post(reverse("admin:chantiers_coordinator_add"), {"user": owner.pk, "chantier": lachine.pk})
    assert not owner.coordinations.filter(chantier=lachine).exists()
    assertContains(client.get(reverse("admin:outbox_outboxemail_changelist")), "Accès refusé", status_code=403)


def test_a_coordinator_reads_themes_and_regions_but_cannot_change_them(client, owner, seeded):
    from chantiers.models import Region, Theme

    client.force_login(owner)
    theme = Theme.objects.current()[0]
    themes = client.get(reverse("admin:chantiers_theme_changelist"))
    assertContains(themes, "Sélectionnez l’objet thème à afficher")  # a list to read, not to change
    assertContains(themes, theme.name)
    view = client.get(reverse("admin:chantiers_theme_change", args=[theme.pk]))
    assertContains(view, "Affichage de thème")
    assertNotContains(view, 'name="_save"')
    client.post(reverse("admin:chantiers_theme_change", args=[theme.pk]), {"name": "Changé"})
    theme.refresh_from_db()
    assert theme.name != "Changé"
    region = Region.objects.all()[0]
    client.post(reverse("admin:chantiers_region_change", args=[region.pk]), {"name": "Changée"})
    region.refresh_from_db()
    assert region.name != "Changée"


@pytest.mark.parametrize("model", list(MODELS))
def test_program_staff_open_every_chantiers_objects(client, program_staff, lachine_objects, model):
    obj = lachine_objects[model]
    client.force_login(program_staff)
    assert client.get(admin_url("change", model, obj.pk)).status_code == 200
    assert client.get(admin_url("history", model, obj.pk)).status_code == 200
    assert obj.pk in {o.pk for o in client.get(admin_url("changelist", model)).context["cl"].queryset}


def test_anonymous_visitors_are_sent_to_the_login_page_everywhere(client, lachine_objects):
    for model, obj in lachine_objects.items():
        response = client.get(admin_url("change", model, obj.pk))
        assert response.status_code == 302 and reverse("admin:login") in response["Location"], model
    assert get_user_model().objects.count() == 0


def test_autocomplete_offers_a_coordinator_nothing_beyond_their_rights(client, owner, lachine_objects):
    client.force_login(owner)
    users = client.get(
        reverse("admin:autocomplete"), {"app_label": "chantiers", "model_name": "coordinator", "field_name": "user"}
    )
    assert users.status_code == 403  # who coordinates what is for program staff
    organisations = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "chantiers", "model_name": "roadmapaction", "field_name": "lead_organisations", "term": "GRAME"},
    )
    # Organisations are public: any Chantier may name them as leads.
    assert [result["text"] for result in organisations.json()["results"]] == [
        "Groupe de recommandations et d’actions pour un meilleur environnement"
    ]


def test_a_coordinator_cannot_move_their_event_into_another_chantier(client, outsider, laval_objects, lachine_objects):
    from tests.admin_forms import admin_form_data

    event = lachine_objects["event"]
    client.force_login(outsider)
    change = reverse("admin:chantiers_event_change", args=[event.pk])
    data = admin_form_data(client.get(change))
    data.update(chantier=laval_objects["chantier"].pk, place_fr="Laval")
    assertContains(client.post(change, data), "Sélectionnez un choix valide")
    event.refresh_from_db()
    assert event.chantier == lachine_objects["chantier"]


def test_laval_coordinators_schedule_a_laval_event_and_its_history_says_so(client, laval_coordinator, laval_objects):
    from tests.admin_forms import admin_form_data

    event = laval_objects["event"]
    client.force_login(laval_coordinator)
    change = reverse("admin:chantiers_event_change", args=[event.pk])
    data = admin_form_data(client.get(change))
    data.update(
        status="confirmed", year="2027", start_date="2027-05-01", attendance="in_person", place_fr="Centre de la nature"
    )
    assert client.post(change, data).status_code == 302
    event.refresh_from_db()
    assert (event.status, event.year, event.sequence) == ("confirmed", 2027, 1)
    history = client.get(reverse("admin:chantiers_event_history", args=[event.pk])).content.decode()
    assert "Statut</strong> : À confirmer → Confirmé" in history
