"""Cells that a spreadsheet program shows as text, never runs as formulas (CSV/formula injection). Pure.

Names, descriptions, addresses come from external sources: a value such as `=HYPERLINK(...)`,
`+cmd|' /C calc'!A0`, `-2+3`, `@SUM(A1)`, or one starting with a tab or a carriage return, would be
run by Excel or LibreOffice when a downloaded CSV/XLSX is opened (OWASP "CSV Injection"). Every
exporter of text cells goes through this module:

- CSV: `safe_cell(value)` puts a single quote in front of such a text (the quote stays visible: the
  value is shown, not evaluated); `safe_value(value)` does the same but lets numbers, dates and None
  through unchanged (numeric columns of a report keep their negative numbers as numbers).
- XLSX: `formula_like(text)` says when a text cell needs xlsxwriter's `quote_prefix` format (Excel's
  own "this is text" mark, no visible quote); the workbook is also opened with
  `strings_to_formulas=False` so that no text becomes a formula.

One exception, kept on purpose: a phone number in international form (`+32 2 529 41 20`: a plus sign,
then only digits, spaces and `. / ( ) -`) is left as it is. Such a cell can only be arithmetic (no
function, no reference, no DDE command), and quoting every phone number of the directory would spoil it.
"""

from __future__ import annotations

import re

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PHONE_LIKE = re.compile(r"^\+[\d ./()-]+$")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula (see the module)."""
    return bool(FORMULA_START.match(text)) and not PHONE_LIKE.match(text)


def safe_cell(value) -> str:
    """The text of a CSV cell (None -> ""), with a leading quote when it would run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if formula_like(text) else text


def safe_value(value):
    """`safe_cell` for texts; any other value (number, date, None) unchanged."""
    return safe_cell(value) if isinstance(value, str) else value
