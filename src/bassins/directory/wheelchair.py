"""Wheelchair access of a location, read from its HSDS `accessibility` rows. Pure.

HSDS 3.1 describes accessibility in words (`description`, `details`, in FR/NL/EN here), not with a
flag. A location is wheelchair accessible when one of its rows speaks of wheelchair access (wheelchair,
"fauteuil roulant", "chaise roulante", PMR, "rolstoel", "mindervaliden") without denying it ("pas",
"non", "niet", "not", "no", "geen", "inaccessible"...; "sans marche" is not a denial); a row that speaks of it and denies it says it is
not; a location with no such row is unknown (None), never assumed either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_MENTION = re.compile(
    r"wheel\s*chair|fauteuils?\s+roulants?|chaises?\s+roulantes?|\bpmr\b|rolstoel"
    r"|mindervalide|personnes?\s+a\s+mobilite\s+reduite|step[\s-]*free"
)
_DENIAL = re.compile(
    r"\b(pas|non|ni|not|no|niet|geen|never|jamais|aucun|aucune)\b|inaccessible|ontoegankelijk"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def wheelchair_access(texts: Iterable[str]) -> bool | None:
    """True, False or None (unknown) from the descriptions and details of a location's
    accessibility rows (see the module docstring). A denial anywhere wins over an assertion."""
    said = None
    for text in texts:
        for sentence in re.split(r"[.;\n]", _fold(text)):
            if not _MENTION.search(sentence):
                continue
            if _DENIAL.search(sentence):
                return False
            said = True
    return said
