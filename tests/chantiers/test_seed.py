"""`load_seed` loads what the program's text states, exactly, and only once."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from chantiers.models import Chantier, Region, RoadmapAction, Theme
from partners.models import ProgramSupport

# Written from shared/seed/collectivites-zen.txt, independently of zen/seed.py.
EXPECTED = {
    "Laval ZéN": {
        "regions": ["Laval"],
        "contact": "lavalzen@pourlatransitionenergetique.org",
        "co_porteurs": {"Laval en transition", "Conseil régional de l’environnement de Laval"},
        "initial_partners": {
            "CANOPÉE, le réseau des bois de Laval",
            "Chambre de commerce et d’industrie de Laval",
            "Laval Innov",
            "Université de Montréal – Campus de Laval",
            "Ville de Laval",
        },
    },
    "ClimAction Lachine": {
        "regions": ["Montréal"],
        "contact": "climactionlachine@pourlatransitionenergetique.org",
        "co_porteurs": {
            "Groupe de recommandations et d’actions pour un meilleur environnement",
            "Imagine Lachine Est",
        },
        "initial_partners": {
            "Conseil régional de l’environnement de Montréal",
            "Concert’action Lachine",
            "Arrondissement de Lachine",
        },
    },
    "Chantier ZéN de la région de Québec": {
        "regions": ["Capitale-Nationale"],
        "contact": "zen.regionquebec@gmail.com",
        "co_porteurs": {"Transition Capitale Nationale"},
        "initial_partners": {"Voix citoyenne", "Nature Québec", "AmiEs de la Terre de Québec", "Craque-Bitume"},
    },
    "Le Grand dialogue régional pour la transition socio-écologique du Saguenay–Lac-Saint-Jean": {
        "regions": ["Saguenay–Lac-Saint-Jean"],
        "contact": "jasons@granddialogue-slsj.com",
        "co_porteurs": {"Le Grand dialogue régional pour la transition socio-écologique du Saguenay–Lac-Saint-Jean"},
        "initial_partners": set(),
    },
}

CANDIDATES = {
    "Outaouais": "Outaouais",
    "Ahuntsic-Cartierville": "Montréal",
    "MRC de L’Assomption et de D’Autray": "Lanaudière",
    "Montérégie": "Montérégie",
}


def load(*args):
    call_command("load_seed", *args, stdout=io.StringIO())


@pytest.mark.parametrize("name", EXPECTED)
def test_each_active_chantier_matches_the_program_text(seeded, name):
    expected = EXPECTED[name]
    chantier = Chantier.objects.get(name=name)
    assert chantier.status == Chantier.Status.ACTIVE
    assert chantier.is_published
    assert chantier.contact_email == expected["contact"]
    assert [r.name for r in chantier.regions.all()] == expected["regions"]
    roles: dict[str, set[str]] = {}
    for partnership in chantier.partnerships.select_related("organisation"):
        roles.setdefault(partnership.role, set()).add(partnership.organisation.name)
    assert roles.get("co_porteur", set()) == expected["co_porteurs"]
    assert roles.get("initial_partner", set()) == expected["initial_partners"]
    assert "partner" not in roles


def test_the_four_candidates_for_year_two_are_loaded(seeded):
    candidates = Chantier.objects.candidates()
    assert {c.name: c.regions.get().name for c in candidates} == CANDIDATES
    assert {c.cohort for c in candidates} == {2}
    assert Chantier.objects.active().count() == 4


def test_laval_has_its_four_phases_and_its_two_yearly_climate_action_weeks(laval):
    assert [p.name for p in laval.phases.all()] == [
        "Rassembler les forces vives",
        "Diagnostic 360°",
        "Coconstruire le plan d’action",
        "Mettre en œuvre et suivre",
    ]
    events = list(laval.events.all())
    assert len(events) == 2
    assert all("actions climatiques participatives" in e.title for e in events)
    # Dates "à venir": this year's edition, to be confirmed, with no date invented.
    assert {(e.status, e.is_dated, e.year) for e in events} == {("tentative", False, timezone.localdate().year)}


def test_every_chantier_starts_with_the_programs_four_phases(seeded):
    for chantier in Chantier.objects.all():
        assert chantier.phases.count() == 4, chantier


def test_the_program_its_operator_and_its_four_funders(seeded):
    supports = ProgramSupport.objects.select_related("organisation")
    assert [s.organisation.name for s in supports if s.role == "operator"] == [
        "Front commun pour la transition énergétique"
    ]
    assert {s.organisation.name for s in supports if s.role == "funder"} == {
        "Caisse d’économie solidaire",
        "Fondation Béati",
        "Fondation Lucie et André Chagnon",
        "Fondation familiale Trottier",
    }


def test_the_seventeen_regions_and_fourteen_themes(seeded):
    assert Region.objects.count() == 17
    themes = Theme.objects.current()
    assert themes.count() == 14
    assert list(themes.values_list("order", flat=True)) == list(range(1, 15))
    assert themes.first().name == "Territoires et biodiversité"


def test_examples_are_flagged_and_only_loaded_on_request(db):
    load()
    assert not RoadmapAction.objects.exists()
    load("--examples")
    assert RoadmapAction.objects.count() > 0
    assert not RoadmapAction.objects.filter(is_example=False).exists()
    for chantier in Chantier.objects.active():
        assert chantier.actions.count() >= 3


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"chantiers", "partners"}
    }


def test_a_second_run_changes_and_duplicates_nothing(seeded):
    before = row_counts()
    stamps = dict(Chantier.objects.values_list("slug", "updated_at"))
    output = io.StringIO()
    call_command("load_seed", "--examples", stdout=output)
    assert row_counts() == before
    assert dict(Chantier.objects.values_list("slug", "updated_at")) == stamps
    assert "already up to date" in output.getvalue()


def test_a_second_run_restores_an_edited_fact(laval):
    laval.contact_email = "typo@example.org"
    laval.save()
    load("--examples")
    laval.refresh_from_db()
    assert laval.contact_email == "lavalzen@pourlatransitionenergetique.org"


def contrast_with_white(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_theme_colours_carry_white_text_at_wcag_aa(seeded):
    colours = list(Theme.objects.current().values_list("colour", flat=True))
    assert len(set(colours)) == 14
    for colour in colours:
        assert contrast_with_white(colour) >= 4.5, colour
