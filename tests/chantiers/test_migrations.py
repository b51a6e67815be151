"""The migration to two languages keeps every text: what was written so far becomes the French."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("chantiers", "0005_the_programs_four_default_phases"), ("partners", "0003_application_logos_are_private")]
AFTER = [
    ("chantiers", "0006_content_in_french_and_english"),
    ("partners", "0004_organisation_description_in_french_and_english"),
]


def migrate_to_latest() -> None:
    """Leave the database as the other tests expect it."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_texts_become_the_french_ones_and_theme_english_is_kept():
    old = migrate(BEFORE)
    version = old.get_model("chantiers", "RoadmapVersion").objects.create(name="v", slug="v", is_current=True)
    theme = old.get_model("chantiers", "Theme").objects.create(
        version=version,
        order=1,
        name="Énergie",
        slug="energie",
        colour="#b04000",
        name_en="Energy",
        description="Sortir",
    )
    chantier = old.get_model("chantiers", "Chantier").objects.create(
        name="Laval ZéN", slug="laval", summary="Résumé", description="Description", territory="Laval"
    )
    phase = old.get_model("chantiers", "Phase").objects.create(chantier=chantier, order=1, name="Rassembler")
    old.get_model("chantiers", "HistoricalPhase").objects.create(
        id=phase.pk,
        chantier_id=chantier.pk,
        order=1,
        name="Rassembler",
        status="upcoming",
        history_type="+",
        history_date="2026-01-01T00:00:00Z",
    )
    old.get_model("chantiers", "Event").objects.create(chantier=chantier, title="Semaine", place="Parc")
    old.get_model("chantiers", "RoadmapAction").objects.create(chantier=chantier, theme=theme, title="Verdir")
    old.get_model("partners", "Organisation").objects.create(name="GRAME", slug="grame", description="Un OBNL")
    # Seeded by migration 0005, unless a transactional test emptied the tables since.
    old.get_model("chantiers", "DefaultPhase").objects.get_or_create(order=2, defaults={"name": "Diagnostic 360°"})

    new = migrate(AFTER)
    theme = new.get_model("chantiers", "Theme").objects.get()
    assert (theme.name_fr, theme.name_en, theme.description_fr) == ("Énergie", "Energy", "Sortir")
    chantier = new.get_model("chantiers", "Chantier").objects.get()
    assert (chantier.summary_fr, chantier.description_fr, chantier.territory_fr) == ("Résumé", "Description", "Laval")
    assert chantier.summary_en is None
    assert new.get_model("chantiers", "Phase").objects.get().name_fr == "Rassembler"
    assert new.get_model("chantiers", "HistoricalPhase").objects.get().name_fr == "Rassembler"
    event = new.get_model("chantiers", "Event").objects.get()
    assert (event.title_fr, event.place_fr) == ("Semaine", "Parc")
    assert new.get_model("chantiers", "RoadmapAction").objects.get().title_fr == "Verdir"
    assert new.get_model("partners", "Organisation").objects.get().description_fr == "Un OBNL"
    default = new.get_model("chantiers", "DefaultPhase").objects.get(name="Diagnostic 360°")
    assert (default.name_fr, default.name_en) == ("Diagnostic 360°", "360° diagnostic")

    # And back: the original columns were never touched.
    old = migrate(BEFORE)
    assert old.get_model("chantiers", "Theme").objects.get().name_en == "Energy"
    assert old.get_model("chantiers", "Chantier").objects.get().summary == "Résumé"
    migrate_to_latest()


EVENTS_BEFORE = [("chantiers", "0006_content_in_french_and_english")]
EVENTS_AFTER = [("chantiers", "0008_events_rules")]


@pytest.mark.django_db(transaction=True)
def test_existing_events_keep_their_texts_dates_and_places():
    old = migrate(EVENTS_BEFORE)
    chantier = old.get_model("chantiers", "Chantier").objects.create(name="Laval ZéN", slug="laval", summary_fr="R")
    Event = old.get_model("chantiers", "Event")
    Event.objects.create(
        chantier=chantier,
        title_fr="Semaine",
        title_en="Week",
        place_fr="Parc",
        start_date="2025-06-01",
        end_date="2025-06-07",
        is_recurring_yearly=True,
    )
    Event.objects.create(chantier=chantier, title_fr="Plus tard", is_recurring_yearly=True)

    new = migrate(EVENTS_AFTER)
    dated, undated = new.get_model("chantiers", "Event").objects.order_by("pk")
    assert (dated.title_fr, dated.title_en, dated.place_fr) == ("Semaine", "Week", "Parc")
    assert (dated.start_date.isoformat(), dated.end_date.isoformat(), dated.year) == ("2025-06-01", "2025-06-07", 2025)
    assert (dated.status, dated.attendance, dated.all_day) == ("confirmed", "in_person", True)
    assert (undated.status, undated.attendance, undated.start_date) == ("tentative", "", None)
    migrate_to_latest()
