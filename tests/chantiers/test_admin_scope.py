"""Coordinators edit their own Chantier only: the owner and a colleague alike, never an outsider."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from chantiers.models import Chantier, Region, RoadmapAction, Theme
from chantiers.permissions import editable_chantiers

NOT_THERE = "n’existe pas"  # the admin's message when a row is outside the user's Chantiers


def assert_sent_back_to_the_admin_index(response) -> None:
    """The admin answered "no such object" and showed its index, nothing of the object."""
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assertContains(response, NOT_THERE)
    assertContains(response, "<h1>Gestion des Chantiers</h1>", html=True)


def test_editable_chantiers_for_each_coordinator_and_program_staff(
    laval, lachine, owner, colleague, outsider, program_staff
):
    assert list(editable_chantiers(owner)) == [laval]
    assert list(editable_chantiers(colleague)) == [laval]
    assert list(editable_chantiers(outsider)) == [lachine]
    assert editable_chantiers(program_staff).count() == Chantier.objects.count()


def test_a_coordinator_sees_only_their_chantier_in_the_admin(client, laval_coordinator, laval, lachine):
    client.force_login(laval_coordinator)
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assertContains(response, "Sélectionnez l’objet Chantier à changer")
    assertContains(response, f">{laval.name}</a>")
    assertNotContains(response, lachine.name)
    assert list(response.context["cl"].queryset) == [laval]


def test_the_outsider_sees_their_chantier_and_not_laval(client, outsider, laval, lachine):
    client.force_login(outsider)
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assertContains(response, "Sélectionnez l’objet Chantier à changer")
    assertContains(response, f">{lachine.name}</a>")
    assertNotContains(response, laval.name)


def test_laval_coordinators_open_and_change_laval_actions(client, laval_coordinator, laval):
    action = laval.actions.first()
    client.force_login(laval_coordinator)
    change_url = reverse("admin:chantiers_roadmapaction_change", args=[action.pk])
    page = client.get(change_url)
    assertContains(page, "Modification de action de la feuille de route")
    assertContains(page, action.title)
    data = {
        "chantier": laval.pk,
        "theme": action.theme_id,
        "title_fr": "Renommée",
        "status": action.status,
        "progress": 40,
        "order": action.order,
        "is_published": "on",
    }
    response = client.post(change_url, data, follow=True)
    assertContains(response, "Renommée")  # the list's success message names the action
    action.refresh_from_db()
    assert (action.title, action.progress) == ("Renommée", 40)


def test_the_outsider_can_neither_open_nor_change_laval_actions(client, outsider, laval):
    action = laval.actions.first()
    client.force_login(outsider)
    change_url = reverse("admin:chantiers_roadmapaction_change", args=[action.pk])
    page = client.get(change_url, follow=True)
    assert_sent_back_to_the_admin_index(page)
    assertNotContains(page, action.title)
    client.post(change_url, {"title_fr": "Piraté", "progress": 99})
    action.refresh_from_db()
    assert action.title != "Piraté"


def test_laval_coordinators_add_actions_to_laval(client, laval_coordinator, laval):
    client.force_login(laval_coordinator)
    theme = Theme.objects.current()[0]
    response = client.post(
        reverse("admin:chantiers_roadmapaction_add"),
        {
            "chantier": laval.pk,
            "theme": theme.pk,
            "title_fr": "Nouvelle",
            "status": "proposed",
            "progress": 0,
            "order": 0,
        },
        follow=True,
    )
    assertContains(response, "Nouvelle")
    assert RoadmapAction.objects.get(title_fr="Nouvelle").chantier == laval


def test_the_outsider_cannot_add_an_action_to_laval(client, outsider, laval):
    client.force_login(outsider)
    theme = Theme.objects.current()[0]
    response = client.post(
        reverse("admin:chantiers_roadmapaction_add"),
        {
            "chantier": laval.pk,
            "theme": theme.pk,
            "title_fr": "Intrus",
            "status": "proposed",
            "progress": 0,
            "order": 0,
        },
    )
    assertContains(response, "Ajout de action de la feuille de route")  # the form comes back…
    assertContains(response, "Sélectionnez un choix valide")  # …saying why
    assert not RoadmapAction.objects.filter(title_fr="Intrus").exists()


@pytest.mark.parametrize("coordinator", ["owner", "colleague", "outsider"])
def test_no_coordinator_creates_chantiers_or_coordinators(client, request, coordinator):
    client.force_login(request.getfixturevalue(coordinator))
    for name in ["admin:chantiers_chantier_add", "admin:chantiers_coordinator_add"]:
        assertContains(client.get(reverse(name)), "Accès refusé", status_code=403)


def test_an_anonymous_visitor_is_sent_to_login(client, seeded):
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_program_staff_create_a_chantier_that_gets_the_four_default_phases(client, program_staff, seeded):
    client.force_login(program_staff)
    data = {
        "name": "Chantier ZéN de l’Estrie",
        "slug": "estrie",
        "status": "candidate",
        "cohort": 2,
        "phases-TOTAL_FORMS": 0,
        "phases-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        "theme_estimates-TOTAL_FORMS": 0,
        "theme_estimates-INITIAL_FORMS": 0,
    }
    data["regions"] = [Region.objects.get(code="05").pk]
    response = client.post(reverse("admin:chantiers_chantier_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    estrie = Chantier.objects.get(slug="estrie")
    assert estrie.phases.count() == 4
    assert all(phase.is_proposed for phase in estrie.phases.all())


@pytest.mark.django_db
def test_demo_accounts_log_in_to_the_admin(client, settings, seeded):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    assert "coordination.laval@zen.example.org / demo-zen-2026" in out.getvalue()
    settings.DEBUG = False
    assert client.login(username="coordination.laval@zen.example.org", password="demo-zen-2026")
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assert [c.slug for c in response.context["cl"].queryset] == ["laval-zen"]


def test_demo_accounts_are_refused_outside_debug(seeded, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("demo_accounts", stdout=io.StringIO())


def phase_data(chantier, statuses: list[str]) -> dict:
    data = {
        "name": chantier.name,
        "short_name": chantier.short_name,
        "summary_fr": chantier.summary_fr,
        "summary_en": chantier.summary_en,
        "description_fr": chantier.description_fr,
        "description_en": chantier.description_en,
        "territory_fr": chantier.territory_fr,
        "territory_en": chantier.territory_en,
        "contact_email": chantier.contact_email,
        "latitude": chantier.latitude,
        "longitude": chantier.longitude,
        "regions": [r.pk for r in chantier.regions.all()],
        "phases-TOTAL_FORMS": 4,
        "phases-INITIAL_FORMS": 4,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        "theme_estimates-TOTAL_FORMS": 0,
        "theme_estimates-INITIAL_FORMS": 0,
    }
    for n, (phase, status) in enumerate(zip(chantier.phases.order_by("order"), statuses, strict=True)):
        data |= {
            f"phases-{n}-id": phase.pk,
            f"phases-{n}-chantier": chantier.pk,
            f"phases-{n}-order": phase.order,
            f"phases-{n}-name_fr": phase.name_fr,
            f"phases-{n}-name_en": phase.name_en,
            f"phases-{n}-status": status,
            f"phases-{n}-description_fr": phase.description_fr,
            f"phases-{n}-description_en": phase.description_en,
        }
    return data


def test_a_coordinator_moves_the_current_phase_in_one_save(client, laval_coordinator, laval):
    client.force_login(laval_coordinator)
    response = client.post(
        reverse("admin:chantiers_chantier_change", args=[laval.pk]),
        phase_data(laval, ["done", "current", "upcoming", "upcoming"]),
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert list(laval.phases.order_by("order").values_list("status", flat=True)) == [
        "done",
        "current",
        "upcoming",
        "upcoming",
    ]


def test_two_current_phases_are_refused_with_a_message(client, owner, laval):
    client.force_login(owner)
    response = client.post(
        reverse("admin:chantiers_chantier_change", args=[laval.pk]),
        phase_data(laval, ["current", "current", "upcoming", "upcoming"]),
    )
    assert response.status_code == 200
    assert "qu’une seule phase en cours" in response.content.decode()
    assert laval.phases.filter(status="current").count() == 1


def test_the_outsider_cannot_move_laval_phases(client, outsider, laval):
    client.force_login(outsider)
    response = client.post(
        reverse("admin:chantiers_chantier_change", args=[laval.pk]),
        phase_data(laval, ["done", "current", "upcoming", "upcoming"]),
        follow=True,
    )
    assert_sent_back_to_the_admin_index(response)
    assert list(laval.phases.order_by("order").values_list("status", flat=True)) == [
        "current",
        "upcoming",
        "upcoming",
        "upcoming",
    ]
