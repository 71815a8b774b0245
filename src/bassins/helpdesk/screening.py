"""Screening of the helpdesk's free text for details that identify the person helped.

Pure functions, no Django. `find_identifiers(text)` lists what looks like a Belgian national register
number (its mod-97 checksum checked, the 2000+ rule for people born from 2000 included, bis numbers
too), a phone number (libphonenumber, Belgian numbers and international ones), an e-mail address or a
street address (French and Dutch street words followed by a house number, or a house number followed
by a 4-digit Brussels postcode). The case form refuses a field where something is found and names it.

Why not `belgian-deduce` (evaluated, version 5.0.0): its national-number check is the same rule as here,
but it also tags every place, institution, date and age, which a helpdesk note is made of ("CPAS
d'Anderlecht", "rendez-vous le 3 mars"), it installs 146 MB of lookup lists and is GPL-3.0-only; a
screen that refuses most valid notes would be switched off by its users. `deduce` 3.0.6 (its Dutch
parent, LGPL-3.0-or-later) has the same design and reads Dutch only.

Names of persons (`PERSON_NAME`) are found by context rather than by a list of names (no list of
Brussels first names and surnames with a clear licence exists on PyPI or npm, and a list would flag
every street and service named after someone): a courtesy title followed by a capitalised word
("Madame Dupont", "M. Janssens", "mevrouw De Smet", "dhr. Peeters", "Mr Smith"; the name's particles
de, van, der... allowed, "Madame la directrice" not taken), or a person's name being given ("elle
s'appelle Fatima", "zij heet Anna", "her name is Maria", "prénom : Karim"): the verb must follow a
word for a person (il, elle, sa fille, le patient, hij, ze, mijn cliënt, he, she...), so that "le
service s'appelle Maison Médicale Marconi" is not a name. Service names ("Maison Médicale Marconi",
"CPAS d'Anderlecht", "Rue Haute") carry no title and pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

NATIONAL_NUMBER = "national_number"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"
PERSON_NAME = "person_name"
KINDS = (NATIONAL_NUMBER, PHONE, EMAIL, ADDRESS, PERSON_NAME)

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


# --- names of persons ---------------------------------------------------------------------------
_TITLES = (
    # French
    r"madame|mmes?\.?|monsieur|messieurs|m\.|mr\.?|mademoiselle|mlle\.?|melle\.?|"
    # Dutch
    r"mevrouw|mevr\.?|mw\.|meneer|mijnheer|m(?:ijn)?hr\.?|dhr\.?|de\s+heer|juffrouw|juf\.?|"
    # English
    r"mrs\.?|(?-i:Ms)\.?|miss|mister"
)
_PARTICLES = {
    "de", "d'", "d’", "du", "des", "le", "la", "van", "von", "der", "den", "ten", "ter", "vande",
    "vanden", "vander", "op", "het", "'t", "el", "al", "ben", "bin", "ibn", "da", "di", "dos",
}  # fmt: skip
# A capitalised word after which a title is not a name: "Monsieur Le Maire" aside, the words of
# services and roles that notes do write after a title, capitalised or not.
_NOT_NAMES = {
    "le", "la", "les", "the", "cpas", "ocmw", "asbl", "vzw", "directeur", "directrice", "docteur",
    "maire", "bourgmestre", "burgemeester", "juge", "rechter", "président", "présidente",
    "voorzitter", "assistant", "assistante", "agent", "agente",
}  # fmt: skip
_WORD = r"[^\W\d_][\w'’-]*"
_TITLE_RE = re.compile(
    rf"(?<![\w.])(?:{_TITLES})(?=[\s\xa0])[\s\xa0]+((?:{_WORD}[\s\xa0]+){{0,3}}{_WORD})",
    re.IGNORECASE | re.UNICODE,
)
# a word for a person, then a verb or phrase that gives their name
_PERSONS = (
    r"il|elle|ils|elles|patiente?|bénéficiaire|dame|monsieur|madame|homme|femme|fils|fille|"
    r"enfant|b[ée]b[ée]|m[èe]re|p[èe]re|mari|[ée]pouse|compagne|compagnon|personne|usag[èe]re?|"
    r"cliente?|jeune|voisine?|"
    r"hij|zij|ze|cli[ëe]nte?|pati[ëe]nte?|meneer|mevrouw|man|vrouw|zoon|dochter|kind|baby|"
    r"moeder|vader|echtgeno(?:ot|te)|partner|buurman|buurvrouw|jongere|"
    r"he|she|they|client|patient|son|daughter|child|mother|father|husband|wife|neighbour"
)
_NAMING = (
    r"s[’']appell?e(?:nt)?|se\s+(?:pr[ée])?nomme(?:nt)?|(?:pr[ée])?nomm[ée]e?|d[ée]nomm[ée]e?|"
    r"heet|heten|genaamd|noemt\s+zich|"
    r"(?:is|was|are|were)\s+(?:called|named)|named"
)
_NAMING_RE = re.compile(
    rf"\b(?:{_PERSONS})[\s\xa0]+(?:{_NAMING})[\s\xa0]+({_WORD})", re.IGNORECASE | re.UNICODE
)
# "son nom est X", "haar naam is X", "her name is X", "prénom : X", "voornaam: X", "first name: X"
_NAME_IS_RE = re.compile(
    rf"\b(?:(?:son|sa|leur)\s+(?:nom|pr[ée]nom)\s+est|(?:zijn|haar|hun)\s+(?:voor)?naam\s+is|"
    rf"(?:his|her|their)\s+(?:first\s+)?name\s+is|pr[ée]nom\s*:|(?:voor|achter)naam\s*:|"
    rf"(?:first|last)\s+name\s*:|nom\s+de\s+famille\s*:)[\s\xa0]*({_WORD})",
    re.IGNORECASE | re.UNICODE,
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.strip("'’-").lower() not in _NOT_NAMES


def _name_after_title(words: str) -> bool:
    """True when the words after a title are a name: particles, then a capitalised word."""
    for word in words.split():
        if word.lower() in _PARTICLES and not word[:1].isupper():
            continue  # "mevrouw van den Bossche", "Madame de Villers"
        return _capitalised(word)
    return False


def _names(text: str) -> list[Finding]:
    found = []
    for match in _TITLE_RE.finditer(text):
        if _name_after_title(match.group(1)):
            found.append(Finding(PERSON_NAME, match.start(), match.end()))
    for pattern in (_NAMING_RE, _NAME_IS_RE):
        for match in pattern.finditer(text):
            if _capitalised(match.group(1)):
                found.append(Finding(PERSON_NAME, match.start(), match.end()))
    return found


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
    """Everything in `text` that looks like a national number, phone, e-mail, street address or a
    person's name."""
    if not text:
        return []
    found = _national_numbers(text)
    found += [Finding(EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    found += _phones(text, found)
    for pattern in _ADDRESS_RES:
        found += [Finding(ADDRESS, m.start(), m.end()) for m in pattern.finditer(text)]
    found += _names(text)
    return sorted(set(found), key=lambda f: (f.start, f.kind))


def kinds_found(text: str) -> list[str]:
    """The kinds of identifying details in `text`, each once, in a fixed order."""
    kinds = {f.kind for f in find_identifiers(text)}
    return [k for k in KINDS if k in kinds]
