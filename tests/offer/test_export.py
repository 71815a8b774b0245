"""Offer downloads (CSV, XLSX): hostile names from the sources are shown, never run as formulas."""

import csv
import io

import openpyxl

from bassins.offer.export import table_csv, tables_xlsx
from bassins.offer.report import Column, Table

HOSTILE_NAME = '=HYPERLINK("http://evil.example/","Cliquez")'
HOSTILE_LABEL = "@SUM(A1)"


def table() -> Table:
    columns = [
        Column("name", "Territoire"),
        Column("code", "Code", "code"),
        Column("count", "Services", "int"),
        Column("lq", "Quotient", "dec"),
    ]
    rows = [
        {"name": HOSTILE_NAME, "code": "-1+2", "count": 3, "lq": -0.5},
        {"name": "Nord", "code": "N", "count": 2, "lq": 1.25},
        {"name": "+32 2 529 41 20", "code": "\t=1", "count": 0, "lq": None},
    ]
    return Table("categories", "Secteurs", columns, rows, notes=["=note(1)", "Une note"])


def test_csv_quotes_formula_like_texts_and_keeps_numbers():
    text = table_csv(table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Territoire", "Code", "Services", "Quotient"]
    assert rows[1] == ["'" + HOSTILE_NAME, "'-1+2", "3", "-0.5"]
    assert rows[2] == ["Nord", "N", "2", "1.25"]
    assert rows[3] == ["+32 2 529 41 20", "'\t=1", "0", ""]


def test_xlsx_writes_text_cells_never_formulas():
    provenance = {
        "title": "Provenance",
        "sections": [{"heading": "Sources", "lines": [f"{HOSTILE_LABEL} : 3"]}],
    }
    book = openpyxl.load_workbook(
        io.BytesIO(tables_xlsx([table()], title="-Bassin", provenance=provenance))
    )
    sheet = book["categories"]
    cells = {
        cell.coordinate: cell for row in sheet.iter_rows() for cell in row if cell.value is not None
    }
    assert (
        cells["A1"].value == "-Bassin"
        and cells["A1"].data_type == "s"
        and cells["A1"].font.b
        and cells["A1"].quotePrefix
    )
    assert (
        cells["A5"].value == HOSTILE_NAME
        and cells["A5"].data_type == "s"
        and cells["A5"].quotePrefix
    )
    assert cells["B5"].value == "-1+2" and cells["B5"].quotePrefix
    assert cells["C5"].value == 3 and cells["D5"].value == -0.5 and cells["D5"].data_type == "n"
    assert cells["A6"].value == "Nord" and not cells["A6"].quotePrefix
    assert cells["A7"].value == "+32 2 529 41 20" and not cells["A7"].quotePrefix
    assert all(cell.data_type != "f" for cell in cells.values())
    notes = [cell for cell in cells.values() if cell.value == "=note(1)"]
    assert len(notes) == 1 and notes[0].data_type == "s" and notes[0].quotePrefix
    line = book["provenance"]["A4"]
    assert line.value == f"{HOSTILE_LABEL} : 3" and line.data_type == "s" and line.quotePrefix
    assert line.alignment.wrap_text
