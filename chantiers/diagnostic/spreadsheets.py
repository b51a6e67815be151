"""A Chantier's indicator values as a spreadsheet (xlsx or CSV), out and back in.

Import is all or nothing: every row is read and validated first, errors name the
row and the column in the coordinator's language, and only a file without any
error is saved, in one transaction. A row whose key (indicator, sector, year,
kind, source) already has a value updates it; any other row adds one. The
indicator and the sector may be given by code or by name (French or English), the
kind by code or label, the source by number or title; numbers may be written the
French way (`12 345,6`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from chantiers.diagnostic.models import Indicator, Kind, Sector, Source, Value
from chantiers.models import Chantier
from zen.web.exports import UnreadableFile, csv_cell, csv_text, read_table, xlsx_append

COLUMNS = ["indicateur", "secteur", "annee", "nature", "source", "valeur"]
OPTIONAL = {"secteur"}
MAX_ROWS = 5000


class SpreadsheetError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def export_rows(chantier: Chantier) -> list[list]:
    values = Value.objects.filter(chantier=chantier).select_related("indicator", "sector")
    return [COLUMNS] + [
        [
            v.indicator.code,
            v.sector.code if v.sector else "",
            v.year,
            v.kind,
            v.source_id,
            float(v.value) if v.value == v.value.to_integral_value() else str(v.value),
        ]
        for v in values.order_by("indicator__order", "year", "sector__order", "kind", "source_id")
    ]


def to_csv(rows: list[list]) -> bytes:
    """CSV in UTF-8 with a BOM; text a spreadsheet would run as a formula is neutralised (zen.web.exports)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Valeurs"
    for row in rows:
        xlsx_append(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_rows(upload) -> list[dict]:
    """Rows as dictionaries keyed by the header, from an xlsx or CSV file."""
    try:
        table = read_table(upload)
    except UnreadableFile as error:
        raise SpreadsheetError([str(error)]) from None
    header = [str(cell).strip().lower().replace("é", "e") for cell in table[0]]
    missing = [column for column in COLUMNS if column not in OPTIONAL and column not in header]
    if missing:
        raise SpreadsheetError([_("Colonnes manquantes : %(columns)s.") % {"columns": ", ".join(missing)}])
    rows = [dict(zip(header, row, strict=False)) for row in table[1:] if any(str(cell).strip() for cell in row)]
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError([_("Le fichier dépasse %(max)s lignes.") % {"max": MAX_ROWS}])
    return rows


def _names(objects, *attributes: str) -> dict[str, Any]:
    """Each object under each of its names, compared without case."""
    found: dict[str, Any] = {}
    for obj in objects:
        for attribute in attributes:
            name = getattr(obj, attribute, None)
            if name not in (None, ""):
                found[str(name).strip().lower()] = obj
    return found


def parse_number(text: str) -> Decimal:
    """A number as a spreadsheet or a person writes it: `12345.6`, `12 345,6`, `-0,5`."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def import_values(*, chantier: Chantier, rows: list[dict]) -> ImportResult:
    """Validate every row, then save them all in one transaction; raise SpreadsheetError otherwise."""
    indicators = _names(Indicator.objects.all(), "code", "name_fr", "name_en")
    sectors = _names(Sector.objects.all(), "code", "name_fr", "name_en")
    sources = _names(Source.objects.all(), "pk", "title_fr", "title_en")
    kinds = {code: code for code in Kind.values} | {"mesure": "measured", "cible": "target", "estimation": "estimate"}
    kinds |= {"measured": "measured", "target": "target", "estimate": "estimate"}
    existing = {
        (v.indicator_id, v.sector_id, v.year, v.kind, v.source_id): v for v in Value.objects.filter(chantier=chantier)
    }
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    to_save: list[tuple[Value, bool]] = []

    def error(row: int, column: str, message: str) -> None:
        errors.append(
            _("Ligne %(row)s, colonne « %(column)s » : %(message)s")
            % {"row": row, "column": column, "message": message}
        )

    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cells = {column: csv_text(str(row.get(column) or "")).strip() for column in COLUMNS}
        failed = len(errors)
        indicator = indicators.get(cells["indicateur"].lower())
        if indicator is None:
            error(number, "indicateur", _("indicateur inconnu : « %(name)s ».") % {"name": cells["indicateur"]})
        sector = None
        if cells["secteur"]:
            sector = sectors.get(cells["secteur"].lower())
            if sector is None:
                error(number, "secteur", _("secteur inconnu : « %(name)s ».") % {"name": cells["secteur"]})
        elif indicator is not None and indicator.has_sectors:
            error(number, "secteur", _("cet indicateur se donne par secteur : indiquez le secteur."))
        year = None
        try:
            year = int(parse_number(cells["annee"]))
        except ValueError:
            error(number, "annee", _("écrivez une année, par exemple 2021."))
        kind = kinds.get(cells["nature"].lower() or "measured")
        if kind is None:
            error(number, "nature", _("écrivez « mesure », « cible » ou « estimation »."))
        source = sources.get(cells["source"].lower().removesuffix(".0"))
        if source is None:
            error(number, "source", _("source inconnue : donnez son numéro ou son titre."))
        value = None
        try:
            value = parse_number(cells["valeur"])
        except ValueError:
            error(number, "valeur", _("« %(text)s » n’est pas un nombre.") % {"text": cells["valeur"]})
        if len(errors) > failed or indicator is None or source is None or year is None or value is None or not kind:
            continue
        key = (indicator.pk, sector.pk if sector else None, year, kind, source.pk)
        if key in seen:
            error(
                number,
                "valeur",
                _("même indicateur, secteur, année, nature et source que la ligne %(row)s.") % {"row": seen[key]},
            )
            continue
        seen[key] = number
        instance = existing.get(key)
        if instance is not None and instance.value == value:
            to_save.append((instance, False))
            continue
        instance = instance or Value(
            chantier=chantier, indicator=indicator, sector=sector, year=year, kind=kind, source=source
        )
        instance.value = value
        instance.is_example = False  # figures a coordinator imports are theirs
        try:
            instance.full_clean()
        except ValidationError as invalid:
            for field_name, messages in invalid.message_dict.items():
                column = {"year": "annee", "value": "valeur", "sector": "secteur"}.get(field_name, "valeur")
                for message in messages:
                    error(number, column, message)
            continue
        to_save.append((instance, True))
    if errors:
        raise SpreadsheetError(errors)
    result = ImportResult()
    with transaction.atomic():
        for instance, changed in to_save:
            if not changed:
                result.unchanged += 1
                continue
            if instance.pk:
                result.updated += 1
            else:
                result.created += 1
            instance.save()
    return result
