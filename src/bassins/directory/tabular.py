"""Reading the tables partners send (CSV in any usual dialect, XLSX) into checked rows. Pure.

What real exports do and what is accepted: the encodings and separators of `bassins.csvtext` (the one
decoder of every importer: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 when the file holds
no UTF-8 at all, a file mixing both refused with the line named; separators `,` `;` tab `|` found in the
header line); quoted fields with embedded separators and line breaks. What is refused, with an
InputError naming the file, the row and the field: undecodable bytes, NUL bytes, a quote left open, a row
with more or fewer fields than the header, a header with empty or repeated names, fields longer than
`max_field` characters. Row numbers are data rows counted from 1 (the header is row 0).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bassins.csvtext import SEPARATORS, decode, first_line, sniff_separator
from bassins.errors import InputError, MissingColumnError

MAX_FIELD = 100_000
__all__ = ["SEPARATORS", "Table", "decode", "read_csv_bytes", "read_table", "read_xlsx_bytes"]


@dataclass
class Table:
    """Rows of a table as dicts of strings (column -> value), with where they came from."""

    label: str
    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str = "utf-8"
    separator: str = ","
    notes: list[str] = field(default_factory=list)

    def require(self, columns: list[str]) -> None:
        """Raises MissingColumnError (row 0, with the header found) when a column is missing."""
        missing = [column for column in columns if column not in self.columns]
        if missing:
            raise MissingColumnError(
                f"missing column(s) {', '.join(repr(c) for c in missing)}; the header has "
                f"{', '.join(repr(c) for c in self.columns[:30])}",
                source=self.label,
                row=0,
            )


def read_csv_bytes(
    data: bytes,
    label: str,
    *,
    encoding: str | None = None,
    separator: str | None = None,
    max_field: int = MAX_FIELD,
) -> Table:
    """Parse CSV bytes into a Table (see the module's docstring for what is accepted)."""
    text, used = decode(data, label, encoding)
    if "\x00" in text:
        offset = text.index("\x00")
        line = text[:offset].count("\n") + 1
        raise InputError(
            f"line {line}: NUL character (binary file, or UTF-16 without byte order mark?)",
            source=label,
        )
    if not text.strip():
        raise InputError("the file is empty", source=label)
    sep = separator or sniff_separator(first_line(text))
    previous = csv.field_size_limit()
    csv.field_size_limit(max(max_field * 4, 1024))
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=sep,
            quotechar='"',
            doublequote=True,
            strict=True,
            skipinitialspace=False,
        )
        try:
            header = next(reader)
        except csv.Error as error:
            raise InputError(f"header line cannot be read: {error}", source=label, row=0) from None
        columns = _check_header(header, label)
        rows: list[dict[str, str]] = []
        number = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise InputError(
                    f"CSV syntax error near line {reader.line_num}: {error} (a quote left open?)",
                    source=label,
                    row=number + 1,
                ) from None
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            number += 1
            if len(values) != len(columns):
                raise InputError(
                    f"{len(values)} fields where the header has {len(columns)} "
                    f"(separator {sep!r}; an unquoted {sep!r} in a value?)",
                    source=label,
                    row=number,
                )
            for column, value in zip(columns, values, strict=False):
                if len(value) > max_field:
                    raise InputError(
                        f"value is {len(value)} characters long (at most {max_field})",
                        source=label,
                        row=number,
                        field=column,
                    )
            rows.append(dict(zip(columns, values, strict=False)))
    finally:
        csv.field_size_limit(previous)
    return Table(label=label, columns=columns, rows=rows, encoding=used, separator=sep)


def _check_header(header: list[str], label: str) -> list[str]:
    columns = [name.strip().lstrip("\ufeff").strip() for name in header]
    if not any(columns):
        raise InputError("the header line is empty", source=label, row=0)
    for position, name in enumerate(columns, start=1):
        if not name:
            raise InputError(f"column {position} of the header has no name", source=label, row=0)
        if len(name) > 200:
            raise InputError(
                f"column {position} of the header is {len(name)} characters long",
                source=label,
                row=0,
            )
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise InputError(f"column {name!r} appears twice in the header", source=label, row=0)
        seen.add(name)
    return columns


def read_xlsx_bytes(
    data: bytes, label: str, *, sheet: str | None = None, max_field: int = MAX_FIELD
) -> Table:
    """First (or named) sheet of a workbook as a Table; the first non-empty row is the header."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InputError(f"not a readable XLSX workbook: {error}", source=label) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise InputError(
                f"no sheet {sheet!r} (sheets: {', '.join(workbook.sheetnames)})", source=label
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        columns: list[str] | None = None
        rows: list[dict[str, str]] = []
        number = 0
        for values in worksheet.iter_rows(values_only=True):
            cells = ["" if value is None else _cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                while cells and not cells[-1].strip():
                    cells.pop()
                columns = _check_header(cells, label)
                continue
            number += 1
            extra = [cell for cell in cells[len(columns) :] if cell.strip()]
            if extra:
                raise InputError(
                    f"values beyond the last named column ({extra[0]!r})", source=label, row=number
                )
            cells = (cells + [""] * len(columns))[: len(columns)]
            for column, value in zip(columns, cells, strict=False):
                if "\x00" in value:
                    raise InputError("NUL character", source=label, row=number, field=column)
                if len(value) > max_field:
                    raise InputError(
                        f"value is {len(value)} characters long (at most {max_field})",
                        source=label,
                        row=number,
                        field=column,
                    )
            rows.append(dict(zip(columns, cells, strict=False)))
    finally:
        workbook.close()
    if columns is None:
        raise InputError("the sheet is empty", source=label)
    return Table(label=label, columns=columns, rows=rows, encoding="xlsx", separator="")


def _cell_text(value) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_table(
    path: Path | str,
    *,
    encoding: str | None = None,
    separator: str | None = None,
    sheet: str | None = None,
    max_field: int = MAX_FIELD,
) -> Table:
    """Read a CSV or XLSX file (chosen by its first bytes, not its name)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", source=str(path)) from None
    if data[:4] == b"PK\x03\x04":
        return read_xlsx_bytes(data, path.name, sheet=sheet, max_field=max_field)
    return read_csv_bytes(
        data, path.name, encoding=encoding, separator=separator, max_field=max_field
    )
