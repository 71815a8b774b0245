"""Reading the tabular inputs of the territories (CSV, XLSX) with checks that name the problem.

Pure functions: paths or file objects in, pandas DataFrames of strings out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from bassins import csvtext
from bassins.errors import InputError, MissingColumnError


def read_csv_table(
    path: Path | str, required: list[str], *, label: str | None = None, sep: str | None = None
) -> pd.DataFrame:
    """Read a CSV as strings (decoded by `bassins.csvtext`: BOM, UTF-8, Windows-1252, mixed encodings
    refused), sniffing `,`/`;`; every column of `required` must exist."""
    label = label or Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", source=label) from error
    text, _encoding = csvtext.decode(raw, label)
    if not text.strip():
        raise InputError("the file is empty", source=label)
    if sep is None:
        sep = csvtext.sniff_separator(csvtext.first_line(text), (",", ";"))
    frame = parse_csv_text(text, label, sep)
    check_columns(frame, required, label)
    return frame


def parse_csv_text(text: str, label: str, sep: str) -> pd.DataFrame:
    """CSV text (decoded, not empty) as a frame of strings with stripped column names."""
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError(f"not a readable CSV table ({error})", source=label) from error
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def read_xlsx_table(
    path: Path | str, required: list[str], *, label: str | None = None
) -> pd.DataFrame:
    """Read the first sheet of a workbook as strings; every column of `required` must exist."""
    label = label or Path(path).name
    try:
        frame = pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    except Exception as error:  # openpyxl raises many types for broken workbooks
        raise InputError(f"not a readable XLSX workbook ({error})", source=label) from error
    frame.columns = [str(column).strip() for column in frame.columns]
    check_columns(frame, required, label)
    return frame.map(lambda value: str(value).strip())


def check_columns(frame: pd.DataFrame, required: list[str], label: str) -> None:
    """Raises MissingColumnError naming `label` when a column of `required` is missing."""
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise MissingColumnError(
            f"missing column(s) {', '.join(missing)} (found: {', '.join(map(str, frame.columns))})",
            source=label,
        )


def check_filled(frame: pd.DataFrame, columns: list[str], label: str) -> None:
    """Every cell of `columns` must be filled; names the first empty one (rows counted from 2)."""
    for column in columns:
        empty = frame.index[frame[column].astype(str).str.strip() == ""]
        if len(empty):
            raise InputError("empty value", source=label, row=int(empty[0]) + 2, field=column)
