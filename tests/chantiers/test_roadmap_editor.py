"""Coordinators edit their whole feuille de route on one screen, and only their own."""

from collections.abc import Sequence

from django.urls import reverse
from pytest_django.asserts import assertContains

from chantiers.models import RoadmapAction, Theme


def roadmap_url(chantier):
    return reverse("admin:chantiers_chantier_roadmap", args=[chantier.pk])


def form_data(chantier, changes: dict[int, dict], new: Sequence[dict] = ()) -> dict:
    """The screen as the browser would send it back, with `changes` applied by action id."""
    actions = list(chantier.actions.order_by("theme__order", "order", "pk"))
    data = {"actions-TOTAL_FORMS": len(actions) + len(new), "actions-INITIAL_FORMS": len(actions)}
    rows = [
        {
            "id": a.pk,
            "theme": a.theme_id,
            "title_fr": a.title_fr,
            "title_en": a.title_en or "",
            "status": a.status,
            "progress": a.progress,
            "target_date": a.target_date.isoformat() if a.target_date else "",
            "order": a.order,
            "is_published": "on" if a.is_published else "",
        }
        | changes.get(a.pk, {})
        for a in actions
    ]
    for n, row in enumerate([*rows, *new]):
        data |= {f"actions-{n}-{key}": value for key, value in row.items() if value != ""}
    return data


def test_the_screen_shows_the_roadmap_grouped_by_theme(client, owner, laval):
    client.force_login(owner)
    page = client.get(roadmap_url(laval)).content.decode()
    assert "13. Gouvernance et démocratie participative" in page
    assert "Former le comité de pilotage partenarial" in page
    assert "Nouvelles actions" in page


def test_many_actions_change_in_one_save_and_history_says_who(client, laval_coordinator, laval):
    first, second = laval.actions.order_by("pk")[:2]
    client.force_login(laval_coordinator)
    response = client.post(
        roadmap_url(laval),
        form_data(laval, {first.pk: {"progress": 75, "status": "in_progress"}, second.pk: {"is_published": ""}}),
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.progress, first.status) == (75, "in_progress")
    assert second.is_published is False  # back to draft
    latest = first.history.first()
    assert latest.history_user == laval_coordinator and latest.progress == 75
    untouched = laval.actions.exclude(pk__in=[first.pk, second.pk]).first()
    assert untouched.history.count() == 1  # unchanged rows are not saved again


def test_a_new_action_is_added_to_the_chantier(client, owner, laval):
    client.force_login(owner)
    theme = Theme.objects.get(slug="batiment")
    new = [{"theme": theme.pk, "title_fr": "Rénover les écoles", "status": "planned", "progress": 0, "order": 1}]
    assert client.post(roadmap_url(laval), form_data(laval, {}, new)).status_code == 302
    action = RoadmapAction.objects.get(title_fr="Rénover les écoles")
    assert action.chantier == laval and action.theme == theme and not action.is_published


def test_bad_values_are_explained_and_nothing_is_saved(client, owner, laval):
    first = laval.actions.order_by("pk").first()
    other = laval.actions.order_by("pk").last()
    client.force_login(owner)
    response = client.post(
        roadmap_url(laval), form_data(laval, {first.pk: {"progress": 150}, other.pk: {"progress": 42}})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "rien n’a été enregistré" in page
    assert "inférieure ou égale à 100" in page
    other.refresh_from_db()
    assert other.progress != 42


def test_another_chantiers_coordinator_gets_nothing(client, outsider, laval):
    client.force_login(outsider)
    assertContains(client.get(roadmap_url(laval)), "Page introuvable", status_code=404)
    first = laval.actions.first()
    response = client.post(roadmap_url(laval), form_data(laval, {first.pk: {"progress": 99}}))
    assertContains(response, "Page introuvable", status_code=404)
    first.refresh_from_db()
    assert first.progress != 99


def test_an_action_of_another_chantier_cannot_be_slipped_into_the_form(client, owner, laval, lachine):
    intruder = lachine.actions.first()
    client.force_login(owner)
    data = form_data(laval, {})
    data |= {"actions-0-id": intruder.pk, "actions-0-progress": 1}
    client.post(roadmap_url(laval), data)
    intruder.refresh_from_db()
    assert intruder.progress != 1 and intruder.chantier == lachine


def test_anonymous_visitors_are_sent_to_login(client, laval):
    response = client.get(roadmap_url(laval))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
