"""CSV and XLSX downloads of the helpdesk (cases for coordinators, statistics tables)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import xlsxwriter
from django.http import HttpResponse

from bassins.helpdesk.statistics import Table
from bassins.spreadsheet import formula_like, safe_value

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def frame_csv(frame: pd.DataFrame) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([safe_value(v) for v in row])
    return out.getvalue().encode("utf-8")


def frames_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    quoted = book.add_format({"quote_prefix": True})
    for name, frame in sheets.items():
        sheet = book.add_worksheet(name[:31])
        for col, title in enumerate(frame.columns):
            sheet.write_string(0, col, str(title))
        for r, row in enumerate(frame.itertuples(index=False), start=1):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value, quoted if formula_like(value) else None)
                elif value is None or (isinstance(value, float) and pd.isna(value)):
                    sheet.write_blank(r, c, None)
                else:
                    sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def table_frame(table: Table) -> pd.DataFrame:
    """A published table as a flat frame: its row labels as the first column."""
    shown = table.published().reset_index()
    shown.columns = [str(c) for c in shown.columns]
    return shown


def _respond(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def response(frame: pd.DataFrame, fmt: str, name: str) -> HttpResponse:
    content = frame_csv(frame) if fmt == "csv" else frames_xlsx({name: frame})
    return _respond(content, fmt, name)


def tables_response(tables: list[Table], fmt: str, name: str) -> HttpResponse:
    if fmt == "csv":  # long format: the tables have different columns
        rows = [
            {"table": t.key, "category": str(index), "column": str(column), "value": value}
            for t in tables
            for index, values in t.published().iterrows()
            for column, value in values.items()
        ]
        frame = pd.DataFrame(rows, columns=["table", "category", "column", "value"])
        return _respond(frame_csv(frame), fmt, name)
    return _respond(frames_xlsx({t.key: table_frame(t) for t in tables}), fmt, name)
