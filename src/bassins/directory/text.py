"""Text clean-up shared by the directory's parsers: checked strings, names, street addresses, dates.

Every function here either returns a clean value or raises bassins.errors.InputError naming the file,
row, field and value at fault. Pure module.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bassins.errors import InputError
from bassins.names import fold, proper_case  # noqa: F401  (the one normaliser and title-caser)

#: Longest value accepted in a one-line field (names, streets, phones...) and in a free-text field.
MAX_LINE = 500
MAX_TEXT = 10_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def shorten(value: str, limit: int = 60) -> str:
    """A value quoted in an error message, cut so that messages stay one readable line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'"


def clean(
    value, *, where: dict, field: str, multiline: bool = False, limit: int | None = None
) -> str:
    """A stripped, NFC-normalised string; '' for None/empty. Rejects control characters and overlong values.

    `where` holds the InputError context (source=..., row=...).
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    limit = limit or (MAX_TEXT if multiline else MAX_LINE)
    if len(value) > limit * 4:
        raise InputError(
            f"value is {len(value)} characters long (at most {limit} accepted)",
            field=field,
            **where,
        )
    value = unicodedata.normalize("NFC", value)
    bad = _CONTROL.search(value)
    if bad:
        raise InputError(
            f"control character U+{ord(bad.group()):04X} in {shorten(value)}", field=field, **where
        )
    if multiline:
        lines = [
            _SPACES.sub(" ", line).strip()
            for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        value = "\n".join(lines).strip()
        value = re.sub(r"\n{3,}", "\n\n", value)
    else:
        value = _SPACES.sub(" ", value.replace("\r", " ").replace("\n", " ")).strip()
    if len(value) > limit:
        raise InputError(
            f"value is {len(value)} characters long (at most {limit} accepted)",
            field=field,
            **where,
        )
    return value


_NUMBER = re.compile(
    r"^(?P<street>.*?\D)[\s,]+(?P<number>\d+(?:\s*[A-Za-z](?![A-Za-z]))?(?:\s*(?:-|/|à|a)\s*\d+[A-Za-z]?)*"
    r"(?:\s*(?:bte|boîte|bus|box|b)\.?\s*[\w.]+)?)\s*$",
    re.I,
)
_TRAILING_TOWN = re.compile(r"^(?P<rest>.*?)[\s,]+(?P<postcode>1[0-2]\d\d)\s+(?P<town>[^\d,]+)$")


def split_street(address: str) -> tuple[str, str]:
    """'Chaussée De Waterloo 795-797' -> ('Chaussée De Waterloo', '795-797'); no number -> (address, '')."""
    address = (address or "").strip().rstrip(",")
    match = _NUMBER.match(address)
    if not match:
        return address, ""
    return match.group("street").strip().rstrip(","), re.sub(
        r"\s+", " ", match.group("number").strip()
    )


def split_full_address(text: str) -> tuple[str, str, str, str]:
    """'Rue Van Artevelde 155 1000 Bruxelles' -> (street, number, postcode, town); parts not found are ''."""
    text = (text or "").strip()
    match = _TRAILING_TOWN.match(text)
    postcode = town = ""
    if match:
        text, postcode, town = (
            match.group("rest"),
            match.group("postcode"),
            match.group("town").strip(),
        )
    street, number = split_street(text)
    return street, number, postcode, town


def parse_postcode(value: str, *, where: dict, field: str) -> str:
    """A Belgian postcode (4 digits) or ''; other values are an error."""
    value = clean(value, where=where, field=field)
    if not value:
        return ""
    if value.endswith(".0") and value[:-2].isdigit():  # spreadsheets turn 1000 into 1000.0
        value = value[:-2]
    if not re.fullmatch(r"[1-9]\d{3}", value):
        raise InputError(f"not a Belgian postcode: {shorten(value)}", field=field, **where)
    return value


def parse_partial_date(value: str, *, where: dict, field: str) -> tuple[dt.date | None, str]:
    """'2026-08-10', '2022-06', '2024', '01/02/20', '16/04/2020' -> (date, precision 'day'|'month'|'year').

    A month or a year alone gives its first day. '' gives (None, '').
    """
    value = clean(value, where=where, field=field)
    if not value:
        return None, ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date(int(value[:4]), int(value[5:]), 1), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000
            return dt.date(year, month, day), "day"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+", value):
            return dt.date.fromisoformat(value[:10]), "day"
    except ValueError:
        pass
    raise InputError(
        f"not a date: {shorten(value)} (expected YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY)",
        field=field,
        **where,
    )


def slug(text: str) -> str:
    """'Aide alimentaire' -> 'aide_alimentaire'."""
    return fold(text).replace(" ", "_")
