"""Coordinators edit their own Chantier only (the full matrix grows with the admin)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from chantiers.models import Chantier, Region, RoadmapAction, Theme
from chantiers.permissions import editable_chantiers


def test_editable_chantiers_for_the_owner_outsider_and_program_staff(laval, lachine, owner, outsider, program_staff):
    assert list(editable_chantiers(owner)) == [laval]
    assert list(editable_chantiers(outsider)) == [lachine]
    assert editable_chantiers(program_staff).count() == Chantier.objects.count()


def test_a_coordinator_sees_only_their_chantier_in_the_admin(client, owner, laval):
    client.force_login(owner)
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [laval]


def test_a_coordinator_cannot_open_or_change_another_chantiers_action(client, owner, lachine):
    action = lachine.actions.first()
    client.force_login(owner)
    change_url = reverse("admin:chantiers_roadmapaction_change", args=[action.pk])
    assert client.get(change_url).status_code in {302, 403, 404}
    client.post(change_url, {"title": "Piraté", "progress": 99})
    action.refresh_from_db()
    assert action.title != "Piraté"


def test_a_coordinator_cannot_add_an_action_to_another_chantier(client, owner, lachine):
    client.force_login(owner)
    theme = Theme.objects.current().first()
    response = client.post(
        reverse("admin:chantiers_roadmapaction_add"),
        {"chantier": lachine.pk, "theme": theme.pk, "title": "Intrus", "status": "proposed", "progress": 0, "order": 0},
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not RoadmapAction.objects.filter(title="Intrus").exists()


def test_a_coordinator_cannot_create_chantiers_or_coordinators(client, owner):
    client.force_login(owner)
    assert client.get(reverse("admin:chantiers_chantier_add")).status_code == 403
    assert client.get(reverse("admin:chantiers_coordinator_add")).status_code == 403


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
    }
    data["regions"] = [Region.objects.get(code="05").pk]
    response = client.post(reverse("admin:chantiers_chantier_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    estrie = Chantier.objects.get(slug="estrie")
    assert estrie.phases.count() == 4


@pytest.mark.django_db
def test_demo_accounts_log_in_to_the_admin(client, settings, seeded):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    assert "coordination.laval@demo.collectiviteszen.org / demo-zen-2026" in out.getvalue()
    settings.DEBUG = False
    assert client.login(username="coordination.laval@demo.collectiviteszen.org", password="demo-zen-2026")
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
        "summary": chantier.summary,
        "description": chantier.description,
        "territory": chantier.territory,
        "contact_email": chantier.contact_email,
        "latitude": chantier.latitude,
        "longitude": chantier.longitude,
        "regions": [r.pk for r in chantier.regions.all()],
        "phases-TOTAL_FORMS": 4,
        "phases-INITIAL_FORMS": 4,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
    }
    for n, (phase, status) in enumerate(zip(chantier.phases.order_by("order"), statuses, strict=True)):
        data |= {
            f"phases-{n}-id": phase.pk,
            f"phases-{n}-chantier": chantier.pk,
            f"phases-{n}-order": phase.order,
            f"phases-{n}-name": phase.name,
            f"phases-{n}-status": status,
            f"phases-{n}-description": phase.description,
        }
    return data


def test_a_coordinator_moves_the_current_phase_in_one_save(client, owner, laval):
    client.force_login(owner)
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
