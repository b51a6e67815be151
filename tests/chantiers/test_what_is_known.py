"""Public pages say what is known, and mark what the platform only proposes."""

import io
import re

from django.core.management import call_command
from django.urls import reverse

from chantiers.models import Chantier, DefaultPhase, Phase, Theme, ThemeProgress
from tests.admin_forms import admin_form_data, change_in_admin


def page(client, name: str, *args) -> str:
    return re.sub(r"\s+", " ", client.get(reverse(name, args=args)).content.decode())


def test_a_candidate_s_page_leaves_out_what_it_does_not_have(client, seeded):
    outaouais = page(client, "chantiers:detail", "outaouais")
    assert "Qui participe" not in outaouais  # no partner yet: no empty heading
    assert "Mis à jour le" not in outaouais  # nobody has changed it since the seed
    assert "Devenir partenaire" in outaouais  # what it has: the way to join


def test_updated_on_is_the_date_of_a_person_s_last_change(client, laval, owner):
    assert "Mis à jour le" not in page(client, "chantiers:detail", "laval-zen")
    change_in_admin(client, owner, laval.events.first(), place="Place Bell")
    assert "Mis à jour le" in page(client, "chantiers:detail", "laval-zen")


def test_phases_given_by_default_are_shown_as_proposed_until_the_coordinators_confirm_them(client, laval, lachine):
    lachine_page = page(client, "chantiers:detail", "climaction-lachine")
    assert "Phases proposées" in lachine_page
    assert "la coordination de ce Chantier ne les a pas encore confirmées" in lachine_page
    # Laval's four phases are the program's own description of Laval: facts.
    assert "Phases proposées" not in page(client, "chantiers:detail", "laval-zen")

    assert lachine.phases.get(order=1).is_proposed


def test_editing_a_proposed_phase_confirms_it(client, lachine, outsider):
    client.force_login(outsider)
    url = reverse("admin:chantiers_chantier_change", args=[lachine.pk])
    data = admin_form_data(client.get(url))
    first = next(
        key for key, value in data.items() if key.endswith("-order") and value == "1" and key.startswith("phases")
    )
    prefix = first.removesuffix("-order")
    data[f"{prefix}-status"] = "current"
    data.pop("website", None)
    assert client.post(url, data).status_code == 302
    first_phase = lachine.phases.get(order=1)
    assert not first_phase.is_proposed and first_phase.status == "current"
    assert lachine.phases.filter(is_proposed=True).count() == 3


def test_themes_beyond_those_the_program_names_are_a_working_list(client, seeded, program_staff):
    named = set(Theme.objects.current().filter(is_confirmed=True).values_list("slug", flat=True))
    assert named == {
        "territoires-et-biodiversite",
        "transport-et-mobilite",
        "agriculture-et-alimentation",
        "dechets-et-economie-circulaire",
    }
    program = page(client, "program")
    assert program.count("liste de travail</small>") == 10
    assert "en nomme quelques-uns" in program
    energy = page(client, "chantiers:theme", "energie")
    assert "Ce thème fait partie de notre" in energy
    assert "Ce thème fait partie de notre" not in page(client, "chantiers:theme", "transport-et-mobilite")

    # Program staff confirm the official list, with the themes' admin action.
    client.force_login(program_staff)
    themes = list(Theme.objects.current().values_list("pk", flat=True))
    client.post(reverse("admin:chantiers_theme_changelist"), {"action": "confirm", "_selected_action": themes})
    client.logout()
    program = page(client, "program")
    assert "liste de travail" not in program and "en nomme quelques-uns" not in program


def test_loading_the_seed_again_never_unconfirms_a_theme(seeded):
    Theme.objects.update(is_confirmed=True)
    call_command("load_seed", stdout=io.StringIO())
    assert not Theme.objects.filter(is_confirmed=False).exists()


def test_the_program_page_gives_the_default_phases_as_laval_s_and_proposed(client, seeded):
    program = page(client, "program")
    assert "Laval ZéN décrit sa démarche en quatre grandes phases" in program
    assert "Quatre phases dans chaque Chantier" not in program
    second = DefaultPhase.objects.get(order=2)
    second.name = "Diagnostic climatique"
    second.save()
    assert "Diagnostic climatique" in page(client, "program")


def test_new_chantiers_get_the_default_phases_staff_keep_in_the_admin(db, seeded):
    DefaultPhase.objects.filter(order=4).delete()
    DefaultPhase.objects.create(order=4, name="Évaluer", description="")
    estrie = Chantier.objects.create(name="Estrie ZéN", slug="estrie")
    estrie.add_default_phases()
    assert list(estrie.phases.values_list("name", "is_proposed")) == [
        ("Rassembler les forces vives", True),
        ("Diagnostic 360°", True),
        ("Coconstruire le plan d’action", True),
        ("Évaluer", True),
    ]
    assert Phase.objects.filter(chantier=estrie).count() == 4


def test_staff_s_estimate_shows_beside_the_computed_figure(client, laval):
    theme = Theme.objects.get(slug="energie")
    ThemeProgress.objects.create(chantier=laval, theme=theme, progress=40, note="Des travaux hors plateforme.")
    detail = page(client, "chantiers:detail", "laval-zen")
    row = re.search(r'<tr class="theme-energie">.*?</tr>', detail).group(0)
    assert "5 %" in row  # the actions' average, still shown
    assert "40 % estimé par l’équipe" in row
    assert "« Estimé par l’équipe »" in detail


def test_coordinators_see_but_cannot_change_staff_s_estimate(client, owner, laval):
    ThemeProgress.objects.create(chantier=laval, theme=Theme.objects.get(slug="energie"), progress=40)
    client.force_login(owner)
    response = client.get(reverse("admin:chantiers_chantier_change", args=[laval.pk]))
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is ThemeProgress)
    assert not formset.has_change_permission and not formset.has_add_permission
    assert "40" in response.content.decode()


def test_the_program_s_addresses_come_from_the_settings(client, seeded, settings):
    settings.PRIVACY_OFFICER_EMAIL = "vie-privee@zen.example.org"
    assert "vie-privee@zen.example.org" in page(client, "privacy")
    assert "vie-privee@zen.example.org" in page(client, "accessibility")
