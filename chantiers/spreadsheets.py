"""A Chantier's feuille de route as a spreadsheet (xlsx or CSV), out and back in.

Import is all or nothing: every row is validated first, errors name the row and
the column, and only a file without any error changes the roadmap, in one
transaction. A row with an `id` updates that action (of this Chantier only); a
row without one adds an action.

Texts come in both languages: `title_fr` (required) and `title_en`,
`description_fr` and `description_en`. A file written before there were two
languages (`title`, `description`) still imports, as French; a file without an
English column leaves the English texts as they are.

The xlsx export speaks the coordinator's language: its status and theme columns
hold the labels people see ("En cours", "In progress"), chosen from a drop-down
list, and a legend sheet gives each label's code. Import takes a code or a label
in either language, accents and case aside, so a CSV with codes still imports.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import cast

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chantiers.models import ActionStatus, Chantier, RoadmapAction, Theme
from chantiers.search import fold
from zen.web.exports import UnreadableFile, csv_cell, csv_text, read_table, xlsx_append

COLUMNS = [
    "id",
    "theme",
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "status",
    "progress",
    "target_date",
    "order",
    "is_published",
]
# Columns a file may leave out: each English text, kept as it is when its column is absent.
OPTIONAL = {"id", "title_en", "description_en"}
# The single-language columns of earlier exports, read as French.
FORMER_NAMES = {"title": "title_fr", "description": "description_fr"}
EMPTY_TEXT = {"", None}  # a text column left empty, as a cell or in the database
TRUE = {"1", "true", "oui", "yes", "vrai", "x"}
FALSE = {"0", "false", "non", "no", "faux", ""}
MAX_ROWS = 2000


def export_rows(chantier: Chantier) -> list[list]:
    actions = chantier.actions.select_related("theme").order_by("theme__order", "order", "pk")
    return [COLUMNS] + [
        [
            a.pk,
            a.theme.slug,
            a.title_fr,
            a.title_en or "",
            a.description_fr or "",
            a.description_en or "",
            a.status,
            a.progress,
            a.target_date.isoformat() if a.target_date else "",
            a.order,
            "oui" if a.is_published else "non",
        ]
        for a in actions
    ]


def to_csv(rows: list[list]) -> bytes:
    """CSV in UTF-8 with a BOM; text a spreadsheet would run as a formula is neutralised (zen.web.exports)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def roadmap_xlsx(chantier: Chantier) -> bytes:
    """The roadmap as xlsx in the current language: labels, drop-down lists, a legend sheet."""
    themes = list(Theme.objects.current())
    statuses = [(str(label), code) for code, label in ActionStatus.choices]
    theme_labels = {theme.slug: theme.label for theme in themes}
    status_labels = {code: label for label, code in statuses}
    rows = export_rows(chantier)
    for row in rows[1:]:
        row[COLUMNS.index("theme")] = theme_labels.get(row[COLUMNS.index("theme")], row[COLUMNS.index("theme")])
        row[COLUMNS.index("status")] = status_labels.get(row[COLUMNS.index("status")], row[COLUMNS.index("status")])
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = _("Feuille de route")
    for row in rows:
        xlsx_append(sheet, row)
    legend = workbook.create_sheet(_("Légende"))
    xlsx_append(legend, [_("Statut"), _("Code"), "", _("Thème"), _("Code")])
    for index in range(max(len(statuses), len(themes))):
        status = statuses[index] if index < len(statuses) else ("", "")
        theme = (themes[index].label, themes[index].slug) if index < len(themes) else ("", "")
        xlsx_append(legend, [*status, "", *theme])
    for column, letter, count in [("status", "A", len(statuses)), ("theme", "D", len(themes))]:
        choice = DataValidation(
            type="list",
            formula1=f"'{legend.title}'!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Valeur inconnue"),
            error=_("Choisissez une valeur de la liste (voir la feuille « Légende »)."),
        )
        target = get_column_letter(COLUMNS.index(column) + 1)
        choice.add(f"{target}2:{target}{MAX_ROWS + 1}")
        sheet.add_data_validation(choice)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _labels_to_codes() -> tuple[dict[str, str], dict[str, str]]:
    """Each status and theme by its code and by its label in every language, folded."""
    statuses: dict[str, str] = {}
    themes: dict[str, str] = {}
    for theme in Theme.objects.current():
        for name in [theme.slug, theme.name_fr, theme.name_en]:
            if name:
                themes[fold(name)] = theme.slug
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in ActionStatus.choices:
                statuses[fold(code)] = code
                statuses[fold(str(label))] = code
    return statuses, themes


class SpreadsheetError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_rows(upload) -> list[dict]:
    """Rows as dictionaries keyed by the header, from an xlsx or CSV file."""
    try:
        table = read_table(upload)
    except UnreadableFile as error:
        raise SpreadsheetError([str(error)]) from None
    header = [str(cell).strip() for cell in table[0]]
    header = [column if column in COLUMNS else FORMER_NAMES.get(column, column) for column in header]
    missing = [column for column in COLUMNS if column not in OPTIONAL and column not in header]
    if missing:
        raise SpreadsheetError([_("Colonnes manquantes : %(columns)s.") % {"columns": ", ".join(missing)}])
    rows = [dict(zip(header, row, strict=False)) for row in table[1:] if any(str(cell).strip() for cell in row)]
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError([_("Le fichier dépasse %(max)s lignes.") % {"max": MAX_ROWS}])
    return rows


class ImportRowForm(forms.ModelForm):
    unchanged = False  # set by import_roadmap: the row says what the action already holds
    theme = forms.ModelChoiceField(queryset=Theme.objects.current(), to_field_name="slug")
    is_published = forms.CharField(required=False)

    class Meta:
        model = RoadmapAction
        fields = [column for column in COLUMNS if column != "id"]

    def clean_is_published(self) -> bool:
        value = str(self.cleaned_data.get("is_published", "")).strip().lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise forms.ValidationError(_("Écrivez « oui » ou « non »."))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def import_roadmap(*, chantier: Chantier, rows: list[dict]) -> ImportResult:
    """Validate every row, then apply them all in one transaction; raise SpreadsheetError otherwise."""
    existing = {action.pk: action for action in chantier.actions.all()}
    present = set().union(*(row.keys() for row in rows)) if rows else set()
    fields = [name for name in ImportRowForm.Meta.fields if name not in OPTIONAL or name in present]
    row_form = cast(type[ImportRowForm], forms.modelform_factory(RoadmapAction, form=ImportRowForm, fields=fields))
    errors, forms_to_save = [], []
    status_codes, theme_slugs = _labels_to_codes()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        raw_id = str(row.get("id", "") or "").strip()
        instance = None
        if raw_id:
            try:
                instance = existing[int(float(raw_id))]
            except (ValueError, KeyError):
                errors.append(
                    _("Ligne %(row)s, colonne « id » : aucune action %(id)s dans ce Chantier.")
                    % {"row": number, "id": raw_id}
                )
                continue
        # A leading quote before a formula character is our export's neutralisation: dropped.
        data = {column: "" if row.get(column) is None else csv_text(str(row.get(column))).strip() for column in COLUMNS}
        # "En cours", "in progress", "Énergie": the labels people see, as well as the codes.
        data["status"] = status_codes.get(fold(data["status"]), data["status"])
        data["theme"] = theme_slugs.get(fold(data["theme"]), data["theme"])
        if data["target_date"][:10] and " " in data["target_date"]:  # xlsx dates come as "YYYY-MM-DD 00:00:00"
            data["target_date"] = data["target_date"][:10]
        before = {name: getattr(instance, name) for name in fields} if instance else None
        form = row_form(data, instance=instance)
        if not form.is_valid():
            for column, messages in form.errors.items():
                for message in messages:
                    errors.append(
                        _("Ligne %(row)s, colonne « %(column)s » : %(message)s")
                        % {"row": number, "column": column, "message": message}
                    )
            continue
        form.unchanged = before is not None and all(
            form.cleaned_data[name] == value or {form.cleaned_data[name], value} <= EMPTY_TEXT
            for name, value in before.items()
        )
        forms_to_save.append(form)
    if errors:
        raise SpreadsheetError(errors)
    result = ImportResult()
    with transaction.atomic():
        for form in forms_to_save:
            if form.unchanged:
                result.unchanged += 1
                continue
            action = form.save(commit=False)
            action.chantier = chantier
            if action.pk:
                result.updated += 1
            else:
                result.created += 1
            action.save()
    return result
