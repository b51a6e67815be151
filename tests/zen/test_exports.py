"""Cells we write to CSV and xlsx never run in a spreadsheet, and come back in as they went out."""

import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from zen.web.exports import FORMULA_STARTS, csv_cell, csv_text, xlsx_append

texts = st.text(alphabet=st.sampled_from([*FORMULA_STARTS, "'", "a", "1", " ", "é", "\n", '"']), max_size=6) | st.text()


@given(texts)
def test_a_csv_cell_never_starts_like_a_formula_and_reads_back_as_written(text):
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert csv_text(cell) == text


def test_numbers_are_not_text_and_stay_as_they_are():
    assert csv_cell(-73.5) == -73.5
    assert csv_cell(None) is None


def test_xlsx_texts_are_text_cells_with_the_quote_prefix_where_risky():
    workbook = Workbook()
    xlsx_append(workbook.worksheets[0], ["=1+1", "\tcmd", "#N/A", "plain", -3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    cells = list(sheet[1])
    assert [cell.value for cell in cells] == ["=1+1", "\tcmd", "#N/A", "plain", -3]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "s", "n"]
    assert [bool(cell.quotePrefix) for cell in cells] == [True, True, False, False, False]
