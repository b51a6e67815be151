"""A coordinator of Laval ZéN against ClimAction Lachine's objects, on every admin page: denied, unchanged.

Program staff, on the same pages, can do everything.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from chantiers.models import Chantier, Event, Phase, RoadmapAction
from partners.models import PartnerApplication, Partnership

DENIED = {302, 403, 404}


@pytest.fixture
def lachine_objects(lachine):
    event = Event.objects.create(chantier=lachine, title="Corvée de verdissement")
    application = PartnerApplication.objects.create(
        chantier=lachine,
        organisation_name="Voisins de Lachine",
        organisation_kind="citizen_group",
        contact_name="Alex",
        contact_email="alex@example.org",
        motivation="Aider.",
        consent_privacy=True,
    )
    return {
        "chantier": lachine,
        "phase": lachine.phases.first(),
        "event": event,
        "roadmapaction": lachine.actions.first(),
        "partnership": lachine.partnerships.first(),
        "partnerapplication": application,
    }


MODELS = {
    "chantier": ("chantiers", Chantier),
    "phase": ("chantiers", Phase),
    "event": ("chantiers", Event),
    "roadmapaction": ("chantiers", RoadmapAction),
    "partnership": ("partners", Partnership),
    "partnerapplication": ("partners", PartnerApplication),
}


def snapshot(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def admin_url(name: str, model: str, *args) -> str:
    app_label, _model = MODELS[model]
    return reverse(f"admin:{app_label}_{model}_{name}", args=args)


@pytest.mark.parametrize("model", list(MODELS))
def test_a_coordinator_is_denied_every_page_of_another_chantiers_object(client, owner, lachine_objects, model):
    obj = lachine_objects[model]
    before = snapshot(obj)
    client.force_login(owner)

    changelist = client.get(admin_url("changelist", model))
    assert changelist.status_code in {200, 403}
    if changelist.status_code == 200:
        assert obj.pk not in {o.pk for o in changelist.context["cl"].queryset}

    for page in ["change", "delete", "history"]:
        assert client.get(admin_url(page, model, obj.pk)).status_code in DENIED, page
    client.post(admin_url("change", model, obj.pk), {"title": "Piraté", "name": "Piraté", "progress": 1})
    client.post(admin_url("delete", model, obj.pk), {"post": "yes"})
    client.post(
        admin_url("changelist", model), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )

    obj.refresh_from_db()  # still there…
    assert snapshot(obj) == before  # …and unchanged


@pytest.mark.parametrize("model", ["phase", "event", "roadmapaction", "partnership"])
def test_a_coordinator_cannot_add_a_row_to_another_chantier(client, owner, lachine_objects, model):
    _app_label, model_class = MODELS[model]
    count = model_class._default_manager.filter(chantier=lachine_objects["chantier"]).count()
    client.force_login(owner)
    organisation = lachine_objects["partnership"].organisation
    client.post(
        admin_url("add", model),
        {
            "chantier": lachine_objects["chantier"].pk,
            "order": 9,
            "name": "Intruse",
            "title": "Intruse",
            "status": "upcoming" if model == "phase" else "proposed",
            "progress": 0,
            "theme": lachine_objects["roadmapaction"].theme_id,
            "organisation": organisation.pk,
            "role": "partner",
        },
    )
    assert model_class._default_manager.filter(chantier=lachine_objects["chantier"]).count() == count


def test_a_coordinator_cannot_promote_themselves_or_appoint_coordinators(client, owner, lachine):
    client.force_login(owner)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    client.post(reverse("admin:auth_user_change", args=[owner.pk]), {"is_superuser": "on", "is_staff": "on"})
    owner.refresh_from_db()
    assert not owner.is_superuser
    assert client.get(reverse("admin:chantiers_coordinator_changelist")).status_code == 403
    client.post(reverse("admin:chantiers_coordinator_add"), {"user": owner.pk, "chantier": lachine.pk})
    assert not owner.coordinations.filter(chantier=lachine).exists()
    assert client.get(reverse("admin:outbox_outboxemail_changelist")).status_code == 403


def test_a_coordinator_reads_themes_and_regions_but_cannot_change_them(client, owner, seeded):
    from chantiers.models import Region, Theme

    client.force_login(owner)
    theme = Theme.objects.current().first()
    assert client.get(reverse("admin:chantiers_theme_changelist")).status_code == 200
    client.post(reverse("admin:chantiers_theme_change", args=[theme.pk]), {"name": "Changé"})
    theme.refresh_from_db()
    assert theme.name != "Changé"
    region = Region.objects.first()
    client.post(reverse("admin:chantiers_region_change", args=[region.pk]), {"name": "Changée"})
    region.refresh_from_db()
    assert region.name != "Changée"


def test_the_coordinators_own_chantier_is_open_to_them(client, owner, laval):
    client.force_login(owner)
    assert client.get(reverse("admin:chantiers_chantier_change", args=[laval.pk])).status_code == 200
    action = laval.actions.first()
    assert client.get(reverse("admin:chantiers_roadmapaction_change", args=[action.pk])).status_code == 200
    assert client.get(reverse("admin:chantiers_roadmapaction_history", args=[action.pk])).status_code == 200


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
    assert organisations.status_code == 200  # organisations are public: any Chantier may name them as leads
