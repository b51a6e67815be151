"""Coordinators enter and import their own Chantier's values: all at once, or nothing, with clear messages."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pytest_django.asserts import assertContains

from chantiers.diagnostic.models import Value

HEADER = "indicateur,secteur,annee,nature,source,valeur\n"


def upload(text: str, name: str = "valeurs.csv"):
    file = io.BytesIO(text.encode())
    file.name = name
    return file


@pytest.fixture
def laval_source(laval):
    return laval.indicator_values.first().source


def as_posted(formset) -> dict:
    """What the browser sends back for the screen as shown."""
    data = {formset.management_form.add_prefix(k): v for k, v in formset.management_form.initial.items()}
    for row in formset.forms:
        for name, field in row.fields.items():
            if name == "DELETE" or field.disabled:
                continue
            value = row[name].value()
            data[row.add_prefix(name)] = "" if value is None else value
    return data


def entry_url(chantier, indicator="ges-total"):
    return reverse("admin:diagnostic_value_entry", args=[chantier.pk]) + f"?indicator={indicator}"


def test_the_entry_screen_shows_one_indicators_values_and_saves_them_at_once(client, owner, laval, laval_source):
    client.force_login(owner)
    response = client.get(entry_url(laval))
    assertContains(response, "Valeurs de Laval ZéN : Émissions totales de GES")
    formset = response.context["formset"]
    data = as_posted(formset)
    rows = list(formset.forms)
    existing = [row for row in rows if row.instance.pk]
    data["values-0-value"] = "1800000"
    new = len(existing)
    data |= {f"values-{new}-year": 2022, f"values-{new}-kind": "measured"}
    data |= {f"values-{new}-source": laval_source.pk, f"values-{new}-value": "1750000"}
    response = client.post(entry_url(laval), data)
    assert response.status_code == 302, response.context["formset"].errors
    assert Value.objects.get(pk=existing[0].instance.pk).value == 1_800_000
    added = Value.objects.get(chantier=laval, indicator__code="ges-total", year=2022)
    assert added.history.first().history_user == owner  # who, when, what


def test_the_entry_screen_saves_nothing_when_one_row_is_wrong(client, owner, laval, laval_source):
    client.force_login(owner)
    data = as_posted(client.get(entry_url(laval)).context["formset"])
    data["values-0-value"] = "1"
    data["values-1-year"] = "1800"
    before = sorted(Value.objects.filter(chantier=laval).values_list("value", flat=True))
    response = client.post(entry_url(laval), data)
    assertContains(response, "rien n’a été enregistré", status_code=400)
    assertContains(response, "1990", status_code=400)
    assert sorted(Value.objects.filter(chantier=laval).values_list("value", flat=True)) == before


def test_the_outsider_cannot_open_enter_import_or_export_laval(client, outsider, laval):
    client.force_login(outsider)
    for name, args in [
        ("entry", [laval.pk]),
        ("import", [laval.pk]),
        ("export", [laval.pk, "csv"]),
        ("export", [laval.pk, "xlsx"]),
    ]:
        assert client.get(reverse(f"admin:diagnostic_value_{name}", args=args)).status_code == 404
    before = Value.objects.filter(chantier=laval).count()
    client.post(
        reverse("admin:diagnostic_value_import", args=[laval.pk]),
        {"file": upload(HEADER + "ges-total,,2030,cible,1,5\n")},
    )
    assert Value.objects.filter(chantier=laval).count() == before


def test_import_by_names_then_export_gives_the_same_values(client, owner, laval, laval_source):
    client.force_login(owner)
    text = (
        HEADER
        + f'Émissions de GES par secteur,Transport,2024,mesure,{laval_source.pk},"12 345,5"\n'
        + f'ges-secteur,utcatf,2024,measured,"{laval_source.title_fr}",-300\n'
        + f"Population,,2024,Mesure,{laval_source.pk},440000\n"
    )
    response = client.post(reverse("admin:diagnostic_value_import", args=[laval.pk]), {"file": upload(text)})
    assert response.status_code == 302
    transport = Value.objects.get(chantier=laval, year=2024, sector__code="transport")
    assert str(transport.value) == "12345.500"
    export = client.get(reverse("admin:diagnostic_value_export", args=[laval.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["indicateur", "secteur", "annee", "nature", "source", "valeur"]
    assert ["ges-secteur", "utcatf", 2024, "measured", laval_source.pk, -300] in rows


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "ges-total,,1800,mesure,{source},5",
            "Ligne 2, colonne « annee » : Assurez-vous que cette valeur est supérieure ou égale à 1990.",
        ),
        ("ges-total,,2024,mesure,{source},beaucoup", "Ligne 2, colonne « valeur » : « beaucoup » n’est pas un nombre."),
        (
            "ges-total,,2024,mesure,{source},-5",
            "Ligne 2, colonne « valeur » : Cet indicateur ne peut pas être négatif.",
        ),
        (
            "ges-total,transport,2024,mesure,{source},5",
            "Ligne 2, colonne « secteur » : Cet indicateur ne se décompose pas",
        ),
        ("inconnu,,2024,mesure,{source},5", "Ligne 2, colonne « indicateur » : indicateur inconnu : « inconnu »."),
        ("ges-secteur,,2024,mesure,{source},5", "Ligne 2, colonne « secteur » : cet indicateur se donne par secteur"),
        ("ges-total,,2024,mesure,9999,5", "Ligne 2, colonne « source » : source inconnue"),
        ("ges-total,,2024,mesure,{source},5\nges-total,,2024,mesure,{source},6", "Ligne 3, colonne « valeur » : même"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(client, owner, laval, laval_source, line, message):
    client.force_login(owner)
    good = f"population,,2024,mesure,{laval_source.pk},1000\n"
    text = HEADER + line.format(source=laval_source.pk) + "\n" + good
    before = Value.objects.filter(chantier=laval).count()
    response = client.post(reverse("admin:diagnostic_value_import", args=[laval.pk]), {"file": upload(text)})
    assertContains(response, "Rien n’a été importé", status_code=400)
    assertContains(response, message, status_code=400)
    assert Value.objects.filter(chantier=laval).count() == before


def test_import_errors_speak_english_in_the_english_admin(client, owner, laval, laval_source):
    client.force_login(owner)
    text = HEADER + f"ges-total,,2024,mesure,{laval_source.pk},lots\n"
    response = client.post("/en" + reverse("admin:diagnostic_value_import", args=[laval.pk]), {"file": upload(text)})
    assertContains(response, "Row 2, column “valeur”: “lots” is not a number.", status_code=400)


def test_an_exported_formula_comes_back_as_text_not_run(laval):
    from chantiers.diagnostic import spreadsheets

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    from zen.web.exports import xlsx_append

    xlsx_append(sheet, ['=HYPERLINK("x")'])
    assert sheet["A1"].data_type == "s"
    assert spreadsheets.to_csv([["=1+1"]]).decode().strip().endswith("'=1+1")


def test_a_value_a_coordinator_corrects_is_no_longer_an_example(client, owner, laval):
    client.force_login(owner)
    data = as_posted(client.get(entry_url(laval)).context["formset"])
    corrected = client.get(entry_url(laval)).context["formset"].forms[0].instance
    data["values-0-value"] = "1999999"
    assert client.post(entry_url(laval), data).status_code == 302
    corrected.refresh_from_db()
    assert corrected.value == 1_999_999 and corrected.is_example is False
    untouched = Value.objects.filter(chantier=laval, indicator__code="ges-total").exclude(pk=corrected.pk)
    assert all(value.is_example for value in untouched)
