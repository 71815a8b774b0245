"""The one name normaliser (`fold`) and the one title-caser (`proper_case`) of bassins.

`fold` is the key names are compared on (communes, organisations, streets, categories); stable record
identifiers are built from it, so its output must not change. `proper_case` turns the upper-case or
badly cased names of official files (AFMPS, GISCO hospitals, IBSA quartier tables) into display case.
Pure module.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str | None) -> str:
    """Lower case, accents and punctuation removed, single spaces: the key used to compare names."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


_LOWER_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "au",
    "aux",
    "sur",
    "en",
    "lez",
    "à",
    "l",
    "d",
    "by",
}
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)
_KEEP_UPPER = {
    "cpas",
    "ocmw",
    "asbl",
    "vzw",
    "sa",
    "nv",
    "srl",
    "bv",
    "chu",
    "uz",
    "ulb",
    "vub",
    "ssm",
    "one",
    "huderf",
    "sprl",
    "bvba",
    "scrl",
    "cv",
    "cvba",
    "sare",
    "chirec",
    "ctr",
    "his",
    "izz",
    "area",
    "sos",
    "cgg",
    "caw",
}


def proper_case(text: str) -> str:
    """'PLACE DE LA MONNAIE 2' / 'Place De La Monnaie 2' -> 'Place de la Monnaie 2'.

    Words are capitalised, French and Dutch particles put in lower case (not at the start), roman
    numerals and known acronyms in capitals; "L'EUROPE" -> "L'Europe", "ST.-JAN" -> "St.-Jan",
    "AMITIE (PLACE DE L')" -> "Amitie (Place de l')", "AVENUE IS.GERARD" -> "Avenue Is.Gerard".
    """
    if not text:
        return text
    tokens = re.split(r"(\s+|-|/|\(|\)|\.(?=[^\W\d_]))", text)
    out: list[str] = []
    first = True
    for token in tokens:
        if not token or token.isspace() or token in "-/().":
            out.append(token)
            continue
        out.append(_case_word(token, first))
        first = False
    return "".join(out)


def _case_word(word: str, first: bool) -> str:
    lower = word.lower()
    bare = lower.strip(".,;:")
    if "'" in lower or "’" in lower:
        apostrophe = "'" if "'" in lower else "’"
        head, _, tail = lower.partition(apostrophe)
        if head in ("l", "d", "s") and tail:
            head = head.upper() if first else head
            return f"{head}{apostrophe}{_case_word(tail, False)}"
        if head in ("l", "d") and not tail.strip(".,;:"):  # "rue de l'" at the end of a name
            return lower.upper()[:1] + lower[1:] if first else lower
    if (
        _ROMAN.match(bare)
        and len(bare) <= 4
        and bare not in ("di", "mix", "cd", "ci", "mc", "li", "lil", "civil")
    ):
        if bare in (
            "i",
            "ii",
            "iii",
            "iv",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xx",
        ):
            return word.upper()
    if bare in _KEEP_UPPER:
        return word.upper()
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", bare):  # initials: J.J. -> J.J.
        return word.upper()
    if bare in _LOWER_WORDS and not first:
        return lower
    if any(ch.isdigit() for ch in word):
        return word.upper() if re.fullmatch(r"\d+[a-zA-Z]{0,2}", word) else lower
    return lower[:1].upper() + lower[1:]
