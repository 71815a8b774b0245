"""The one way bassins turns the bytes of a text table into text: encoding, BOM, separator. Pure.

Every importer (directory sources, territory tables, population files) decodes through `decode` and
finds the separator through `sniff_separator`, so that they accept and refuse the same files:

* a byte order mark decides (UTF-8, UTF-16, UTF-32);
* otherwise UTF-8 when the bytes are valid UTF-8;
* otherwise Windows-1252 (Excel's "CSV" in Belgium, older Statbel text files), but only when the file
  holds no UTF-8 sequence at all: a file of valid UTF-8 with a stray Windows-1252 byte (two exports
  pasted together, a line edited in another program) is refused with the line named, because decoding
  it wholesale as Windows-1252 would turn every accented UTF-8 letter into mojibake ("Ã©").
"""

from __future__ import annotations

import codecs
import re

from bassins.errors import InputError

#: Separators recognised in a header line, in order of preference on a tie.
SEPARATORS = (",", ";", "\t", "|")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes, no overlong forms, no surrogates).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def decode(data: bytes, label: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` and the encoding used (see the module's docstring); raises InputError.

    `encoding`, when given, is used as it is (strictly). `label` names the file in the errors.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"cannot be read as {encoding}: {error}", source=label) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                start = error.start + (len(bom) if name == "utf-8-sig" else 0)
                raise InputError(
                    f"line {_line_of(data, start)}: starts with a {name} byte order mark but is "
                    f"not valid {name} ({data[start : start + 4]!r}); the file mixes encodings",
                    source=label,
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    bad_line = _line_of(data, utf8_error.start)
    bad_bytes = data[utf8_error.start : utf8_error.start + 4]
    sequence = _UTF8_SEQUENCE.search(data)
    if sequence is not None:
        raise InputError(
            f"line {bad_line}: byte {bad_bytes[:1]!r} is not UTF-8, while line "
            f"{_line_of(data, sequence.start())} is UTF-8 ({sequence.group().decode('utf-8')!r}): "
            "the file mixes encodings (save it again as UTF-8)",
            source=label,
        )
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError(
            f"line {bad_line}: bytes that are neither UTF-8 nor Windows-1252 ({bad_bytes!r}); "
            "save the file as UTF-8",
            source=label,
        ) from None


def count_outside_quotes(line: str, separator: str) -> int:
    """How many times `separator` occurs in `line` outside double-quoted fields."""
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == separator and not quoted:
            count += 1
    return count


def sniff_separator(header_line: str, separators: tuple[str, ...] = SEPARATORS) -> str:
    """The separator of a table from its header line: the most frequent one outside quotes
    (earlier in `separators` on a tie); `,` when the line has none (a one-column table)."""
    counts = {sep: count_outside_quotes(header_line, sep) for sep in separators}
    best = max(separators, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def first_line(text: str) -> str:
    """The first line of `text` (empty when there is none)."""
    lines = text.splitlines()
    return lines[0] if lines else ""
