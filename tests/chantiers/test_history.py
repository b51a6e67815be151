"""Everything a coordinator edits keeps its history, and the admin shows it in words."""

import re

from django.urls import reverse

from partners.models import Partnership
from tests.admin_forms import admin_form_data


def history(client, model: str, pk: int) -> str:
    page = client.get(reverse(f"admin:{model}_history", args=[pk]))
    assert page.status_code == 200
    return re.sub(r"\s+", " ", page.content.decode())


def test_an_action_s_history_speaks_in_labels_not_codes(client, owner, laval):
    action = laval.actions.get(title="Cartographier les bois et corridors écologiques à protéger")
    client.force_login(owner)
    change = reverse("admin:chantiers_roadmapaction_change", args=[action.pk])
    data = admin_form_data(client.get(change))
    data.update(status="in_progress", progress="25", target_date="")
    assert client.post(change, data).status_code == 302

    page = history(client, "chantiers_roadmapaction", action.pk)
    assert "<strong>Statut</strong> : Planifiée → En cours" in page
    assert "<strong>Avancement</strong> : 10 % → 25 %" in page
    assert "owner@example.org" in page
    for code in ["planned", "in_progress", "None", "Changes", "CHANGES"]:
        assert code not in page


def test_the_chantier_s_own_texts_keep_their_history(client, owner, laval):
    client.force_login(owner)
    change = reverse("admin:chantiers_chantier_change", args=[laval.pk])
    data = admin_form_data(client.get(change))
    data.update(summary_fr="Un résumé revu par la coordination.", website="")
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    page = history(client, "chantiers_chantier", laval.pk)
    assert "<strong>Résumé [fr]</strong> :" in page and "→ Un résumé revu par la coordination." in page
    assert "<strong>Résumé</strong> :" not in page  # the plain column behind the two languages
    assert "owner@example.org" in page


def test_events_and_partnerships_keep_their_history_too(client, owner, laval):
    client.force_login(owner)
    event = laval.events.first()
    change = reverse("admin:chantiers_event_change", args=[event.pk])
    data = admin_form_data(client.get(change))
    data.update(place_fr="Centre communautaire", start_date="2026-06-01", end_date="2026-06-07")
    assert client.post(change, data).status_code == 302
    page = history(client, "chantiers_event", event.pk)
    assert "<strong>Lieu [fr]</strong> : — → Centre communautaire" in page
    assert "<strong>Début</strong> : — → 1er juin 2026" in page

    partnership = Partnership.objects.filter(chantier=laval, role="initial_partner").first()
    change = reverse("admin:partners_partnership_change", args=[partnership.pk])
    data = admin_form_data(client.get(change))
    data.update(role="partner")
    data.pop("is_public", None)
    assert client.post(change, data).status_code == 302
    page = history(client, "partners_partnership", partnership.pk)
    assert "<strong>Rôle</strong> : Partenaire initial → Partenaire" in page
    assert "<strong>Nommée publiquement</strong> : oui → non" in page


def test_the_history_reads_english_in_english(client, owner, laval):
    action = laval.actions.get(title="Cartographier les bois et corridors écologiques à protéger")
    client.force_login(owner)
    change = reverse("admin:chantiers_roadmapaction_change", args=[action.pk])
    data = admin_form_data(client.get(change))
    data.update(status="done", progress="100")
    client.post(change, data)
    page = client.get("/en" + reverse("admin:chantiers_roadmapaction_history", args=[action.pk]))
    text = re.sub(r"\s+", " ", page.content.decode())
    assert "<strong>Status</strong>: Planned → Done" in text
    assert "<strong>Progress</strong>: 10% → 100%" in text


def test_another_chantier_s_history_stays_closed(client, outsider, laval):
    client.force_login(outsider)
    assert client.get(reverse("admin:chantiers_chantier_history", args=[laval.pk])).status_code in {403, 404}
    event = laval.events.first()
    assert client.get(reverse("admin:chantiers_event_history", args=[event.pk])).status_code in {403, 404}
