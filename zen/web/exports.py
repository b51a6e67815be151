"""Cells for the CSV and xlsx files we write, that no spreadsheet will run (CSV injection).

A spreadsheet program reads text starting with =, +, -, @, a tab or a carriage
return as a formula, which can fetch URLs or run commands on the reader's machine
(OWASP, "CSV Injection"). Only text is touched: numbers and dates are not formulas.

- CSV: such text gets a leading single quote, as OWASP advises; a spreadsheet
  shows the text, not a result. Text that already starts with a quote gets one
  more, so `csv_text` gives back exactly what was exported.
- xlsx: every text is written as a text cell (never a formula, even if it starts
  with "=") and the risky ones carry Excel's own "quote prefix" style, so editing
  the cell keeps it text. The text itself stays as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def runs_in_a_spreadsheet(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """`value` as a CSV cell: risky text gets a leading quote; anything else unchanged."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def csv_text(cell: str) -> str:
    """The text `csv_cell` was given, from the cell it wrote (for files coming back in)."""
    if cell.startswith(QUOTE) and cell[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return cell[1:]
    return cell


def xlsx_append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet, its texts as text cells, never formulas."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would make "=…" a formula and "#N/A" an error
            if runs_in_a_spreadsheet(cell.value):
                cell.quotePrefix = True


class UnreadableFile(ValueError):
    """An upload that is neither an xlsx workbook nor a readable UTF-8 CSV file, or is empty; says so to the user."""


def read_table(upload: IO[bytes]) -> list[list[Any]]:
    """The cells of an uploaded xlsx file (its active sheet) or UTF-8 CSV file, row by row; empty cells are ""."""
    content = upload.read()
    try:
        if content[:2] == b"PK":  # an xlsx file is a zip archive
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            if sheet is None:
                raise ValueError("a workbook without a sheet")
            table: list[list[Any]] = [
                ["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)
            ]
        else:
            table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    except Exception:
        raise UnreadableFile(_("Le fichier n’est ni un classeur xlsx ni un CSV en UTF-8 lisible.")) from None
    if not table:
        raise UnreadableFile(_("Le fichier est vide."))
    return table
