"""Tables of an offer report as CSV or XLSX files (xlsxwriter). Pure (no Django).

CSV: UTF-8 with a byte-order mark (so that spreadsheet programs read the accents), comma-separated, one
header row of localised labels, raw values (dot decimals, ISO dates). XLSX: one sheet per table with the
caption on top, numbers as numbers, and a last sheet with the provenance block.

Names and labels come from external sources: every text cell goes through `bassins.spreadsheet`, so that
no spreadsheet program runs one as a formula (CSV: a leading quote; XLSX: text cells, quote-prefixed
when they look like a formula).
"""

from __future__ import annotations

import csv
import io
import re

import xlsxwriter

from bassins.offer.report import Table
from bassins.spreadsheet import formula_like, safe_cell, safe_value


def table_csv(table: Table) -> bytes:
    """The table as CSV bytes (UTF-8 with BOM, CRLF), cells made safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(c.label) for c in table.columns])
    for record in table.records():
        writer.writerow(
            ["" if record[c.key] is None else safe_value(record[c.key]) for c in table.columns]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: list[Table], *, title: str = "", provenance: dict | None = None) -> bytes:
    """The tables as an XLSX workbook (one sheet each, strings never read as formulas), with a
    provenance sheet when `provenance` is given."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "nan_inf_to_errors": True, "strings_to_formulas": False}
    )
    styles = {None: {}, "bold": {"bold": True}, "wrap": {"text_wrap": True, "valign": "top"}}
    text_formats = {
        (style, quoted): (
            book.add_format(props | {"quote_prefix": True})
            if quoted
            else book.add_format(props)
            if props
            else None
        )
        for style, props in styles.items()
        for quoted in (False, True)
    }

    def text(sheet, row: int, col: int, value, style: str | None = None) -> None:
        """A text cell, never a formula; quote-prefixed when a spreadsheet would read it as one."""
        value = str(value)
        sheet.write_string(row, col, value, text_formats[(style, formula_like(value))])

    formats = {
        "int": book.add_format({"num_format": "#,##0"}),
        "dec": book.add_format({"num_format": "0.00"}),
        "rate": book.add_format({"num_format": "0.000"}),
        "pct": book.add_format({"num_format": "0.0%"}),
    }
    used = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.key, used))
        row = 0
        if title:
            text(sheet, row, 0, title, "bold")
            row += 1
        text(sheet, row, 0, table.caption, "bold")
        row += 2
        for col, column in enumerate(table.columns):
            text(sheet, row, col, column.label, "bold")
            sheet.set_column(col, col, max(12, min(45, len(column.label) + 2)))
        for record in table.records():
            row += 1
            for col, column in enumerate(table.columns):
                value = record[column.key]
                if value is None:
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(row, col, value, formats.get(column.kind))
                else:
                    text(sheet, row, col, value)
        for note in table.notes:
            row += 2
            text(sheet, row, 0, note)
    if provenance:
        sheet = book.add_worksheet(_sheet_name("provenance", used))
        sheet.set_column(0, 0, 120, text_formats[("wrap", False)])
        row = 0
        text(sheet, row, 0, provenance["title"], "bold")
        for section in provenance["sections"]:
            row += 2
            text(sheet, row, 0, section["heading"], "bold")
            for line in section["lines"]:
                row += 1
                text(sheet, row, 0, line, "wrap")
    book.close()
    return buffer.getvalue()


def _sheet_name(key: str, used: set) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", key)[:31] or "table"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name)
    return name
