"""Content in French and English: French is the source, English shows where it exists.

An English page shows a Chantier's English text where there is one, and its
French text otherwise, marked `lang="fr"`; a French page never shows English.
The history, the page cache, the admin, the roadmap spreadsheets, the open data
and the seed all carry both languages.
"""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from chantiers import spreadsheets
from chantiers.models import Chantier, Event, Phase, Region, RoadmapAction, Theme
from partners.models import Organisation
from tests.admin_forms import admin_form_data
from zen import seed


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def laval_url(language: str) -> str:
    with translation.override(language):
        return reverse("chantiers:detail", args=["laval-zen"])


def element(html: str, tag: str, text: str) -> str:
    """The opening tag of the `tag` element whose content starts with `text`."""
    match = re.search(rf"<{tag}\b[^>]*>\s*(?:<[^>]+>\s*)*{re.escape(text)}", html)
    assert match, f"no <{tag}> starting with {text!r}"
    return match.group(0).split(">", 1)[0] + ">"


# --- Public pages ----------------------------------------------------------------------------------------------


def test_an_english_page_shows_the_english_texts_where_they_exist(client, laval):
    html = page(client, laval_url("en"))
    assert element(html, "p", "Mobilising Laval’s key players") == '<p class="lead">'
    assert "Laval ZéN brings together Laval’s major regional players" in html
    assert element(html, "h3", "Bring the territory’s key players together") == '<h3 class="timeline__name">'
    assert element(html, "p", "First week of participatory climate action") == '<p class="event__title">'
    assert element(html, "h4", "Form the partnership steering committee") == '<h4 class="action__title">'
    assert "Land and biodiversity" in html
    # None of these French texts is on the page: each has its translation.
    for french in ["Mobiliser les forces vives", "Rassembler les forces vives", "Former le comité de pilotage"]:
        assert french not in html


def test_an_english_page_shows_french_marked_lang_fr_where_there_is_no_english(client, laval):
    laval.summary_en = ""
    laval.description_en = None
    laval.save()
    phase = laval.phases.get(order=2)
    phase.name_en = ""
    phase.save()
    event = laval.events.order_by("pk").first()
    event.title_en = ""
    event.save()
    action = laval.actions.get(title_fr="Former le comité de pilotage partenarial")
    action.title_en = ""
    action.save()

    html = page(client, laval_url("en"))
    assert element(html, "p", "Mobiliser les forces vives et la population") == '<p class="lead" lang="fr">'
    assert element(html, "div", "<p>Laval ZéN réunit") == '<div lang="fr">'
    assert element(html, "h3", "Diagnostic 360°") == '<h3 class="timeline__name" lang="fr">'
    assert element(html, "a", "Première semaine d’actions").endswith(' lang="fr">')
    assert element(html, "h4", "Former le comité de pilotage") == '<h4 class="action__title" lang="fr">'
    # Texts that do have their English stay unmarked beside them.
    assert element(html, "h3", "Bring the territory’s key players together") == '<h3 class="timeline__name">'
    assert 'lang="fr"' not in element(html, "a", "Second week of participatory climate action")
    # The interface around them is English, and English pages say whose translation it is.
    assert "Where the Chantier stands" in html
    assert "Their English version is our translation of the French original" in html


def test_a_french_page_never_shows_english_and_marks_nothing(client, laval):
    html = page(client, laval_url("fr"))
    assert element(html, "p", "Mobiliser les forces vives et la population") == '<p class="lead">'
    assert element(html, "h4", "Former le comité de pilotage partenarial") == '<h4 class="action__title">'
    assert "Rassembler les forces vives" in html and "Première semaine d’actions" in html
    for english in ["Mobilising Laval", "brings together", "Bring the territory", "First week", "Form the partnership"]:
        assert english not in html
    assert ' lang="fr"' not in html.split("<main", 1)[1]
    assert "notre traduction" not in html  # the translation note is for English pages


def test_a_french_page_shows_nothing_where_only_english_was_written(client, laval):
    phase = laval.phases.get(order=1)
    phase.description_fr = ""
    phase.description_en = "Only in English."
    phase.save()
    assert "Only in English." not in page(client, laval_url("fr"))
    assert "Only in English." in page(client, laval_url("en"))


def test_cards_and_theme_pages_follow_the_same_rule(client, laval):
    theme = Theme.objects.get(slug="energie")
    theme.name_en = ""
    theme.save()
    with translation.override("en"):
        list_url, theme_url = reverse("chantiers:list"), theme.get_absolute_url()
    cards = page(client, list_url)
    assert element(cards, "p", "Mobilising Laval’s key players") == '<p class="card__summary">'
    assert element(cards, "dd", "Bring the territory’s key players together") == "<dd>"
    theme_page = page(client, theme_url)
    assert '<h1 lang="fr">' in theme_page and "Énergie" in theme_page
    assert element(theme_page, "p", "Leave fossil fuels behind") == '<p class="lead">'
    assert element(theme_page, "span", "Land and biodiversity") == "<span>"


def test_the_list_search_finds_a_chantier_by_its_french_or_english_text_on_either_page(client, seeded):
    def found(language: str, words: str) -> set[str]:
        with translation.override(language):
            url = reverse("chantiers:list")
        response = client.get(url, {"q": words})
        return {chantier.slug for chantier in response.context["page"].object_list}

    for language in ["fr", "en"]:
        assert found(language, "lavalloises") == {"laval-zen"}  # French summary
        assert found(language, "Borough of Lachine") == {"climaction-lachine"}  # English territory


def test_the_fallback_lang_filter(db):
    template = Template('{% load zen %}<p{{ action|fallback_lang:"title" }}>{{ action.title }}</p>')
    translated = RoadmapAction(title_fr="Verdir", title_en="Green")
    untranslated = RoadmapAction(title_fr="Verdir", title_en=None)
    blank = RoadmapAction(title_fr="Verdir", title_en="")
    with translation.override("fr"):
        assert template.render(Context({"action": translated})) == "<p>Verdir</p>"
        assert template.render(Context({"action": untranslated})) == "<p>Verdir</p>"
    with translation.override("en"):
        assert template.render(Context({"action": translated})) == "<p>Green</p>"
        assert template.render(Context({"action": untranslated})) == '<p lang="fr">Verdir</p>'
        assert template.render(Context({"action": blank})) == '<p lang="fr">Verdir</p>'


def test_the_accessibility_statement_says_who_translates(client, seeded):
    with translation.override("en"):
        url = reverse("accessibility")
    assert "Their English version is a translation by our team" in page(client, url)


# --- History and cache -----------------------------------------------------------------------------------------


def test_the_history_keeps_both_languages(laval):
    for model in [RoadmapAction.history.model, Phase.history.model]:
        columns = {field.name for field in model._meta.fields}
        assert {"description_fr", "description_en"} <= columns
    assert {"title_fr", "title_en"} <= {f.name for f in RoadmapAction.history.model._meta.fields}
    assert {"name_fr", "name_en"} <= {f.name for f in Phase.history.model._meta.fields}

    action = laval.actions.get(title_fr="Former le comité de pilotage partenarial")
    action.title_en = "Set up the steering committee"
    action.save()
    action.title_fr = "Mettre sur pied le comité de pilotage"
    action.save()
    latest, previous, first = action.history.all()[:3]
    assert (latest.title_fr, latest.title_en) == (
        "Mettre sur pied le comité de pilotage",
        "Set up the steering committee",
    )
    assert (previous.title_fr, previous.title_en) == (
        "Former le comité de pilotage partenarial",
        "Set up the steering committee",
    )
    assert (first.title_fr, first.title_en) == (
        "Former le comité de pilotage partenarial",
        "Form the partnership steering committee",
    )
    phase = laval.phases.get(order=1)
    phase.name_en = "Gather the key players"
    phase.save()
    assert phase.history.first().name_en == "Gather the key players"
    assert phase.history.first().name_fr == "Rassembler les forces vives"


def test_an_english_edit_made_in_the_admin_shows_on_the_next_english_view(client, laval, program_staff):
    url = laval_url("en")
    assert "Mobilising Laval’s key players" in page(client, url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    staff = client.__class__()
    staff.force_login(program_staff)
    data = admin_form_data(staff.get(reverse("admin:chantiers_chantier_change", args=[laval.pk])))
    data["summary_en"] = "Laval’s key players and residents, together toward carbon neutrality."
    response = staff.post(reverse("admin:chantiers_chantier_change", args=[laval.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    response = client.get(url)
    assert response.get("X-Page-Cache") != "hit"
    assert "Laval’s key players and residents, together toward carbon neutrality." in response.content.decode()
    french_after = page(client, laval_url("fr"))
    assert "together toward carbon neutrality" not in french_after
    assert "Mobiliser les forces vives et la population" in french_after


# --- Admin -----------------------------------------------------------------------------------------------------


class Assets(HTMLParser):
    """Every address a page makes the browser load: scripts, styles, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "img", "iframe"} and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


def loaded_urls(html: str) -> list[str]:
    parser = Assets()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize(
    "name, obj",
    [
        ("chantiers_chantier_change", lambda: Chantier.objects.get(slug="laval-zen")),
        ("chantiers_roadmapaction_change", lambda: RoadmapAction.objects.order_by("pk").first()),
        ("chantiers_phase_change", lambda: Phase.objects.order_by("pk").first()),
        ("chantiers_event_change", lambda: Event.objects.order_by("pk").first()),
        ("chantiers_theme_change", lambda: Theme.objects.order_by("pk").first()),
        ("partners_organisation_change", lambda: Organisation.objects.order_by("pk").first()),
    ],
)
def test_the_admin_shows_both_languages_side_by_side_from_our_own_files(client, program_staff, seeded, name, obj):
    client.force_login(program_staff)
    response = client.get(reverse(f"admin:{name}", args=[obj().pk]))
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["adminform"].form
    translated = [field for field in form.fields if field.endswith("_fr")]
    assert translated
    for french in translated:
        english = french.removesuffix("_fr") + "_en"
        assert english in form.fields
        # On one row of the form: `<div class="form-row … field-<name>_fr field-<name>_en">`.
        assert re.search(rf'class="form-row[^"]* field-{french} field-{english}"', html), french
    assert "[fr]" in html and "[en]" in html
    urls = loaded_urls(html)
    assert urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
    assert "googleapis" not in html and "jquery-ui" not in html


def test_the_chantier_form_groups_each_text_with_its_translation(client, program_staff, laval):
    client.force_login(program_staff)
    html = page(client, reverse("admin:chantiers_chantier_change", args=[laval.pk]))
    for field in ["territory", "summary", "description"]:
        assert re.search(rf'class="form-row[^"]* field-{field}_fr field-{field}_en"', html), field
    assert re.search(r'<input[^>]*name="summary_en"[^>]*lang="en"', html)
    assert re.search(r'<textarea[^>]*name="description_fr"[^>]*lang="fr"', html)
    assert "/static/css/admin.css" in loaded_urls(html)
    assert 'name="phases-0-name_fr"' in html and 'name="phases-0-name_en"' in html
    assert 'name="events-0-title_fr"' in html and 'name="events-0-title_en"' in html


def test_french_is_required_and_english_is_not(client, program_staff, seeded):
    client.force_login(program_staff)
    data = {
        "name": "Chantier ZéN de l’Estrie",
        "slug": "estrie",
        "status": "candidate",
        "cohort": 2,
        "regions": [Region.objects.get(code="05").pk],
        "phases-TOTAL_FORMS": 0,
        "phases-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 1,
        "events-INITIAL_FORMS": 0,
        "theme_estimates-TOTAL_FORMS": 0,
        "theme_estimates-INITIAL_FORMS": 0,
        "events-0-title_en": "Only an English title",
        "events-0-is_published": "on",
        "events-0-status": "tentative",  # the form's default: no date yet
        "events-0-all_day": "on",
    }
    response = client.post(reverse("admin:chantiers_chantier_add"), data)
    assert response.status_code == 200
    assert not Chantier.objects.filter(slug="estrie").exists()
    data["events-0-title_fr"] = "Forum régional"
    del data["events-0-title_en"]
    assert client.post(reverse("admin:chantiers_chantier_add"), data).status_code == 302
    event = Event.objects.get(chantier__slug="estrie")
    assert event.title_fr == "Forum régional" and not event.title_en


def test_a_new_chantier_gets_the_default_phases_in_both_languages(seeded):
    chantier = Chantier.objects.create(name="Estrie", slug="estrie")
    chantier.add_default_phases()
    phases = list(chantier.phases.order_by("order"))
    assert [p.name_fr for p in phases][1] == "Diagnostic 360°"
    assert [p.name_en for p in phases] == [
        "Bring the territory’s key players together",
        "360° diagnostic",
        "Co-create the action plan",
        "Implement and monitor",
    ]
    assert all(p.description_fr and p.description_en for p in phases)


# --- The roadmap screen and its spreadsheets -------------------------------------------------------------------


def test_the_roadmap_screen_edits_both_titles(client, owner, laval):
    client.force_login(owner)
    url = reverse("admin:chantiers_chantier_roadmap", args=[laval.pk])
    html = page(client, url)
    assert 'value="Former le comité de pilotage partenarial"' in html
    assert 'value="Form the partnership steering committee"' in html
    assert "Action (français)" in html and "Action (anglais)" in html
    actions = list(laval.actions.order_by("theme__order", "order", "pk"))
    data: dict[str, object] = {"actions-TOTAL_FORMS": len(actions), "actions-INITIAL_FORMS": len(actions)}
    for n, a in enumerate(actions):
        data |= {
            f"actions-{n}-id": a.pk,
            f"actions-{n}-theme": a.theme_id,
            f"actions-{n}-title_fr": a.title_fr,
            f"actions-{n}-title_en": a.title_en,
            f"actions-{n}-status": a.status,
            f"actions-{n}-progress": a.progress,
            f"actions-{n}-order": a.order,
            f"actions-{n}-is_published": "on",
        }
    data["actions-0-title_en"] = "Set up the steering committee"
    assert client.post(url, data).status_code == 302
    assert laval.actions.filter(title_en="Set up the steering committee").count() == 1


def export(client, chantier, fmt: str) -> bytes:
    response = client.get(reverse("admin:chantiers_chantier_roadmap_export", args=[chantier.pk, fmt]))
    assert response.status_code == 200
    return response.content


def import_file(client, chantier, content: bytes, name: str):
    return client.post(
        reverse("admin:chantiers_chantier_roadmap_import", args=[chantier.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def csv_table(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_spreadsheets_round_trip_both_languages(client, owner, laval):
    client.force_login(owner)
    table = csv_table(export(client, laval, "csv"))
    header = table[0]
    assert header[2:6] == ["title_fr", "title_en", "description_fr", "description_en"]
    by_title = {row[header.index("title_fr")]: row for row in table[1:]}
    row = by_title["Former le comité de pilotage partenarial"]
    assert row[header.index("title_en")] == "Form the partnership steering committee"
    row[header.index("title_en")] = "Set up the steering committee"
    row[header.index("description_fr")] = "Un comité où siègent les partenaires."
    row[header.index("description_en")] = "A committee where the partners sit."
    assert import_file(client, laval, spreadsheets.to_csv(table), "roadmap.csv").status_code == 302
    action = laval.actions.get(pk=row[0])
    assert (action.title_fr, action.title_en) == (
        "Former le comité de pilotage partenarial",
        "Set up the steering committee",
    )
    assert (action.description_fr, action.description_en) == (
        "Un comité où siègent les partenaires.",
        "A committee where the partners sit.",
    )

    workbook = load_workbook(io.BytesIO(export(client, laval, "xlsx")))
    sheet = workbook.worksheets[0]
    columns = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[columns.index("id")].value == action.pk:
            cells[columns.index("title_en")].value = "Steering committee"
            cells[columns.index("description_en")].value = None  # cleared: no English any more
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_file(client, laval, buffer.getvalue(), "roadmap.xlsx").status_code == 302
    action.refresh_from_db()
    assert action.title_en == "Steering committee" and not action.description_en
    assert action.description_fr == "Un comité où siègent les partenaires."
    assert action.history.first().title_en == "Steering committee"


def test_a_file_of_the_single_language_format_imports_as_french_and_keeps_the_english(client, owner, laval):
    client.force_login(owner)
    action = laval.actions.get(title_fr="Former le comité de pilotage partenarial")
    old_columns = ["id", "theme", "title", "description", "status", "progress", "target_date", "order", "is_published"]
    rows = [
        old_columns,
        [action.pk, action.theme.slug, "Former le comité de pilotage", "", "done", "100", "", "0", "oui"],
    ]
    assert import_file(client, laval, spreadsheets.to_csv(rows), "ancien.csv").status_code == 302
    action.refresh_from_db()
    assert (action.title_fr, action.status) == ("Former le comité de pilotage", "done")
    assert action.title_en == "Form the partnership steering committee"


def test_an_english_only_row_is_refused_and_nothing_is_imported(client, owner, laval):
    client.force_login(owner)
    table = csv_table(export(client, laval, "csv"))
    header = table[0]
    table[1][header.index("title_en")] = "Changed in English"
    new = dict.fromkeys(header, "")
    new |= {"theme": "energie", "title_en": "Solar panels", "status": "planned", "progress": "0", "order": "1"}
    table.append([new[column] for column in header])
    response = import_file(client, laval, spreadsheets.to_csv(table), "roadmap.csv")
    assert response.status_code == 400
    assert f"Ligne {len(table)}, colonne « title_fr »" in response.content.decode()
    assert not laval.actions.filter(title_en__in=["Changed in English", "Solar panels"]).exists()


# --- Open data -------------------------------------------------------------------------------------------------


def test_the_api_and_csv_give_french_and_english(client, laval):
    action = laval.actions.get(title_fr="Former le comité de pilotage partenarial")
    untranslated = laval.actions.exclude(pk=action.pk).first()
    untranslated.title_en = ""
    untranslated.save()

    # The visitor's language changes nothing: `title` is French, `title_en` English or null.
    response = client.get(
        reverse("api:dataset", args=["actions"]), {"chantier": "laval-zen"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = {row["id"]: row for row in response.json()["results"]}
    assert rows[action.pk]["title"] == "Former le comité de pilotage partenarial"
    assert rows[action.pk]["title_en"] == "Form the partnership steering committee"
    assert rows[untranslated.pk]["title"] == untranslated.title_fr
    assert rows[untranslated.pk]["title_en"] is None

    chantiers = {row["slug"]: row for row in client.get(reverse("api:dataset", args=["chantiers"])).json()["results"]}
    assert chantiers["laval-zen"]["summary"].startswith("Mobiliser les forces vives")
    assert chantiers["laval-zen"]["summary_en"].startswith("Mobilising Laval’s key players")
    assert chantiers["climaction-lachine"]["territory_en"] == "Borough of Lachine, Montréal"
    phases = client.get(reverse("api:dataset", args=["phases"]), {"chantier": "laval-zen"}).json()["results"]
    assert phases[0]["name"] == "Rassembler les forces vives"
    assert phases[0]["name_en"] == "Bring the territory’s key players together"
    themes = client.get(reverse("api:dataset", args=["themes"])).json()["results"]
    assert (themes[0]["name"], themes[0]["name_en"]) == ("Territoires et biodiversité", "Land and biodiversity")

    response = client.get(reverse("csv", args=["actions"]), {"chantier": "laval-zen"})
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    csv_rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body))}
    assert csv_rows[action.pk]["title_en"] == "Form the partnership steering committee"
    assert csv_rows[untranslated.pk]["title_en"] == ""


def test_a_text_never_written_is_an_empty_string_in_french_and_null_in_english(client, seeded):
    action = RoadmapAction.objects.create(
        chantier=Chantier.objects.get(slug="laval-zen"),
        theme=Theme.objects.get(slug="energie"),
        title_fr="Sans description",
    )
    action.is_published = True
    action.save()
    rows = client.get(reverse("api:dataset", args=["actions"]), {"chantier": "laval-zen", "limit": 1000}).json()
    row = next(row for row in rows["results"] if row["id"] == action.pk)
    assert (row["description"], row["description_en"], row["title_en"]) == ("", None, None)


def test_the_openapi_description_says_how_languages_are_given(client, seeded):
    document = client.get(reverse("api:openapi")).json()
    assert "`<field>_en` its English translation or null" in document["info"]["description"]
    schemas = document["components"]["schemas"]
    assert schemas["actions"]["properties"]["title"]["description"] == "Title (French)."
    assert schemas["actions"]["properties"]["title_en"]["type"] == ["string", "null"]
    for dataset, field in [("chantiers", "summary_en"), ("chantiers", "territory_en"), ("phases", "name_en")]:
        assert schemas[dataset]["properties"][field]["type"] == ["string", "null"]


# --- Feeds -----------------------------------------------------------------------------------------------------


def test_the_english_feed_titles_actions_in_english(client, laval):
    with translation.override("en"):
        english = reverse("chantiers:feed", args=["laval-zen"])
    with translation.override("fr"):
        french = reverse("chantiers:feed", args=["laval-zen"])
    assert "Laval ZéN — Form the partnership steering committee" in page(client, english)
    assert "Laval ZéN — Former le comité de pilotage partenarial" in page(client, french)


# --- Seed ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [d for d in seed.CHANTIERS if d["status"] == "active"], ids=lambda d: d["slug"])
def test_the_seed_gives_each_active_chantier_its_english_texts(seeded, data):
    chantier = Chantier.objects.get(slug=data["slug"])
    for field in ["summary", "description", "territory"]:
        assert getattr(chantier, f"{field}_fr") == data[field]
        assert getattr(chantier, f"{field}_en") == data[f"{field}_en"]
        assert getattr(chantier, f"{field}_en") != getattr(chantier, f"{field}_fr") or field == "territory"
    # As many paragraphs in English as in French: a translation, nothing added or left out.
    assert chantier.description_en.count("\n\n") == chantier.description_fr.count("\n\n")
    assert all(phase.name_en and phase.description_en for phase in chantier.phases.all())


def test_the_seed_translates_laval_s_events_and_the_candidates(seeded):
    assert {e.title_en for e in Event.objects.filter(chantier__slug="laval-zen")} == {
        "First week of participatory climate action",
        "Second week of participatory climate action",
    }
    for candidate in Chantier.objects.candidates():
        assert candidate.summary_en == "Candidate Chantier for year 2 of Collectivités ZéN."
        assert candidate.territory_en
    assert not Theme.objects.filter(name_en="").exists()
    assert not RoadmapAction.objects.filter(title_en="").exists()


def test_a_second_seed_run_changes_nothing_in_either_language(seeded):
    stamps = dict(Chantier.objects.values_list("slug", "updated_at"))
    histories = RoadmapAction.history.count() + Phase.history.count()
    output = io.StringIO()
    with translation.override("en"):  # the active language changes nothing either
        call_command("load_seed", "--examples", stdout=output)
    assert "already up to date" in output.getvalue()
    assert dict(Chantier.objects.values_list("slug", "updated_at")) == stamps
    assert RoadmapAction.history.count() + Phase.history.count() == histories


def test_the_seed_restores_an_edited_english_text(laval):
    laval.summary_en = "Typo"
    laval.save()
    call_command("load_seed", stdout=io.StringIO())
    laval.refresh_from_db()
    assert laval.summary_en.startswith("Mobilising Laval’s key players")
