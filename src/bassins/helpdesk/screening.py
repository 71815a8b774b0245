"""Screening of the helpdesk's free text for details that identify the person helped.

Pure functions, no Django. `find_identifiers(text)` lists what looks like a Belgian national register
number (its mod-97 checksum checked, the 2000+ rule for people born from 2000 included, bis numbers
too), a phone number (libphonenumber, Belgian numbers and international ones), an e-mail address or a
street address (French and Dutch street words followed by a house number, or a house number followed
by a 4-digit Brussels postcode). The case form refuses a field where something is found and names it.

Why not `belgian-deduce` (evaluated, version 5.0.0): its national-number check is the same rule as here,
but it also tags every place, institution, date and age, which a helpdesk note is made of ("CPAS
d'Anderlecht", "rendez-vous le 3 mars"), it installs 146 MB of lookup lists and is GPL-3.0-only; a
screen that refuses most valid notes would be switched off by its users. Names of persons are not
detected here: the warning beside each field asks not to write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

NATIONAL_NUMBER = "national_number"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"

# 11 digits, optionally written YY.MM.DD-XXX.CC (any of . - / space between the groups).
_NATIONAL_RE = re.compile(
    r"(?<![\d])(\d{2})[ ./-]?(\d{2})[ ./-]?(\d{2})[ ./-]?(\d{3})[ ./-]?(\d{2})(?![\d])"
)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# French and Dutch street words (standalone or as the end of a Dutch compound: Wetstraat, Louizalaan).
_STREET_FR = (
    r"rue|avenue|av\.|boulevard|bd|bld|chauss[ée]e|ch(?:ée|\.)|place|square|quai|all[ée]e|"
    r"impasse|drève|chemin|clos|galerie|passage|parvis|rond-point|sentier|cité|voie"
)
_STREET_NL = r"straat|laan|lei|steenweg|plein|dreef|kaai|weg|pad|gang|hof|markt|square|plaats"
_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z]\b)?(?:\s?(?:bte|boîte|bus|b\.?)\s?\d{1,4})?"
_ADDRESS_RES = (
    # "rue de la Loi 16", "avenue Louise, 54", "chaussée de Mons 120 bte 3"
    re.compile(
        rf"\b(?:{_STREET_FR})\s+(?:[\w'’-]+\s+){{0,5}}?[\w'’-]+,?\s+{_NUMBER}\b",
        re.IGNORECASE | re.UNICODE,
    ),
    # "Wetstraat 16", "Louizalaan 54 bus 3", "Bergensesteenweg 120"
    re.compile(rf"\b[\w'’-]*(?:{_STREET_NL})\b,?\s+{_NUMBER}\b", re.IGNORECASE | re.UNICODE),
    # "16 rue de la Loi" (number first), "12, place Flagey"
    re.compile(rf"\b\d{{1,4}}(?:\s?[a-zA-Z])?,?\s+(?:{_STREET_FR})\s+\w", re.IGNORECASE),
    # "..., 16 ... 1000 Bruxelles": a house number then a Brussels postcode (10xx-12xx) and a word
    re.compile(r"\b\d{1,4}[a-zA-Z]?,?\s+1[0-2]\d\d\s+[A-Z][\w-]+", re.UNICODE),
)


@dataclass(frozen=True)
class Finding:
    """Something identifying found in a text: its kind and where it is."""

    kind: str
    start: int
    end: int


def _mod97(number: int) -> int:
    return 97 - (number % 97)


def valid_national_number(digits: str) -> bool:
    """True for an 11-digit Belgian national register (or bis) number whose checksum holds.

    The checksum is 97 minus the first 9 digits modulo 97; for people born from 2000 on, the 9 digits
    are prefixed with a 2 (2 000 000 000 added) before the modulo. The month may be 00 (unknown birth
    date), or raised by 20 or 40 (bis numbers); the day may be 00.
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if month >= 40:
        month -= 40
    elif month >= 20:
        month -= 20
    if month > 12 or day > 31:
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (_mod97(base), _mod97(2_000_000_000 + base))


def _national_numbers(text: str) -> list[Finding]:
    found = []
    for match in _NATIONAL_RE.finditer(text):
        if valid_national_number("".join(match.groups())):
            found.append(Finding(NATIONAL_NUMBER, match.start(), match.end()))
    return found


def _phones(text: str, taken: list[Finding]) -> list[Finding]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.VALID):
        if any(f.start < match.end and match.start < f.end for f in taken):
            continue  # the digits of a national number also read as a phone number
        found.append(Finding(PHONE, match.start, match.end))
    return found


def find_identifiers(text: str) -> list[Finding]:
    """Everything in `text` that looks like a national number, phone, e-mail or street address."""
    if not text:
        return []
    found = _national_numbers(text)
    found += [Finding(EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    found += _phones(text, found)
    for pattern in _ADDRESS_RES:
        found += [Finding(ADDRESS, m.start(), m.end()) for m in pattern.finditer(text)]
    return sorted(set(found), key=lambda f: (f.start, f.kind))


def kinds_found(text: str) -> list[str]:
    """The kinds of identifying details in `text`, each once, in a fixed order."""
    kinds = {f.kind for f in find_identifiers(text)}
    return [k for k in (NATIONAL_NUMBER, PHONE, EMAIL, ADDRESS) if k in kinds]
