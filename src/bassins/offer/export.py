"""Tables of an offer report as CSV or XLSX files (xlsxwriter). Pure (no Django).

CSV: UTF-8 with a byte-order mark (so that spreadsheet programs read the accents), comma-separated, one
header row of localised labels, raw values (dot decimals, ISO dates). XLSX: one sheet per table with the
caption on top, numbers as numbers, and a last sheet with the provenance block.
"""

from __future__ import annotations

import csv
import io
import re

import xlsxwriter

from bassins.offer.report import Table


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    for record in table.records():
        writer.writerow(["" if record[c.key] is None else record[c.key] for c in table.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: list[Table], *, title: str = "", provenance: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    formats = {"int": book.add_format({"num_format": "#,##0"}), "dec": book.add_format({"num_format": "0.00"}),
               "rate": book.add_format({"num_format": "0.000"}), "pct": book.add_format({"num_format": "0.0%"})}
    used = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.key, used))
        row = 0
        if title:
            sheet.write(row, 0, title, bold)
            row += 1
        sheet.write(row, 0, table.caption, bold)
        row += 2
        for col, column in enumerate(table.columns):
            sheet.write(row, col, column.label, bold)
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
                    sheet.write_string(row, col, str(value))
        for note in table.notes:
            row += 2
            sheet.write(row, 0, note)
    if provenance:
        sheet = book.add_worksheet(_sheet_name("provenance", used))
        sheet.set_column(0, 0, 120, wrap)
        row = 0
        sheet.write(row, 0, provenance["title"], bold)
        for section in provenance["sections"]:
            row += 2
            sheet.write(row, 0, section["heading"], bold)
            for line in section["lines"]:
                row += 1
                sheet.write(row, 0, line, wrap)
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
