"""Language of a query when the caller does not say it (French, Dutch or English). Pure.

A small detector for short queries: each word votes for the languages whose stopword list holds it
and for the languages of the taxonomy synonyms it appears in (`vocabulary`, folded word -> languages,
built from the data). French wins ties: it is the first language of most helpdesk calls.
"""

from __future__ import annotations

from collections.abc import Mapping

from bassins.search.text import LANGUAGES, STOPWORDS, words

DEFAULT = "fr"
_DUTCH_MARKS = ("aa", "oo", "uu", "ij", "sch", "cht")
_DUTCH_ENDINGS = ("heid", "ing", "en", "zorg", "hulp", "huis")
_FRENCH_ENDINGS = ("tion", "eux", "ment", "ique", "aire", "eau", "oire", "ite")


def detect(text: str, vocabulary: Mapping[str, frozenset[str]] | None = None) -> str:
    """The most likely language of `text` ("fr", "nl" or "en")."""
    votes = dict.fromkeys(LANGUAGES, 0.0)
    for word in words(text):
        for lang in LANGUAGES:
            if word in STOPWORDS[lang]:
                votes[lang] += 1.0
        known = (vocabulary or {}).get(word)
        if known:
            for lang in known:
                votes[lang] += 1.0 / len(known)
        elif len(word) > 3:
            if word.endswith(_DUTCH_ENDINGS) or any(mark in word for mark in _DUTCH_MARKS):
                votes["nl"] += 0.25
            if word.endswith(_FRENCH_ENDINGS):
                votes["fr"] += 0.25
    best = max(votes.values())
    if best == 0:
        return DEFAULT
    return next(lang for lang in (DEFAULT, "nl", "en") if votes[lang] == best)
