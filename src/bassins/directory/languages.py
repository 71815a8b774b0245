"""Which of French, Dutch and English a set of short texts is written in. Pure.

An HSDS package gives its names and descriptions in one plain column (`name`, `description`); bassins
keeps them per language (`name_fr`, `name_nl`, `name_en`), so the language of a package must be
known, not assumed. `detect` counts the words of each language's most frequent function words (the
articles, prepositions and conjunctions that names and descriptions of services are full of) and
answers only when one language clearly leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Function words that are frequent in one language and rare or absent in the two others.
STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les des du un une et pour dans sur au aux avec par ou est sont qui que en "
        "d l ce cette ces son sa ses leur leurs nous vous pas ne".split()
    ),
    "nl": frozenset(
        "de het een en van voor in op met aan bij of is zijn die dat wordt worden naar "
        "ook niet om te uit door als hun ons onze jullie".split()
    ),
    "en": frozenset(
        "the a an and for of in on with at by or is are who that this these to from "
        "their our your not be as".split()
    ),
}
#: Words that mean the same in two languages and tell nothing ("de" is Dutch and French).
AMBIGUOUS = frozenset({"de", "en", "in", "a", "is", "la"})
MIN_WORDS = 5  # fewer telling words than this: no answer
LEAD = 2.0  # the first language needs at least LEAD times the words of the second

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    """The language found (None when unclear) and the telling words counted per language."""

    language: str | None
    counts: dict[str, int]

    def describe(self) -> str:
        """The language and the telling words counted: 'fr (fr 12, nl 1, en 0 telling words)'."""
        counts = ", ".join(f"{lang} {count}" for lang, count in self.counts.items())
        return f"{self.language or 'unclear'} ({counts} telling words)"


def detect(texts) -> Detection:
    """The language of `texts` (an iterable of strings): 'fr', 'nl', 'en' or None when unclear."""
    counts = {lang: 0 for lang in STOPWORDS}
    for text in texts:
        for word in _WORD.findall((text or "").lower()):
            if word in AMBIGUOUS:
                continue
            for lang, words in STOPWORDS.items():
                if word in words:
                    counts[lang] += 1
    ranked = sorted(counts, key=lambda lang: counts[lang], reverse=True)
    first, second = ranked[0], ranked[1]
    if counts[first] < MIN_WORDS or counts[first] < LEAD * counts[second]:
        return Detection(None, counts)
    return Detection(first, counts)
