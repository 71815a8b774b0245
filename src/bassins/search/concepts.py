"""Concepts: the taxonomy's categories with their labels and synonyms in French, Dutch and English,
as phrases to find in a query. Pure.

The synonyms are data (the taxonomy terms' `synonyms_fr` / `synonyms_nl`, edited by stewards in the
admin), never code: "OCMW" finds the CPAS because "OCMW" is a Dutch synonym of the category `cpas`,
whose French label and synonyms ("CPAS", "aide sociale"...) then match too. A phrase is matched on the
stems of its words (stopwords left out), in the language it was written in and in its plain folded
spelling, so "maisons médicales" finds "maison médicale" and a Dutch phrase is found in a query whose
language was misread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bassins.search.text import LANGUAGES, fold, stem, stems, words

#: Longest synonym phrase matched, in words.
MAX_PHRASE = 6
_PARTS = re.compile(r"\s[–—-]\s|[/();,]")
#: Words that turn a phrase's meaning around: a synonym holding one ("niet meer leven", "geen
#: papieren", "pas de médecin") is matched only with its function words (the query's whole word
#: sequence), never on what is left of it without them ("leven", "papieren").
NEGATIONS = frozenset(
    """
    ne n pas plus ni jamais rien aucun aucune
    niet geen nooit niets meer
    no not t never nothing nobody
    """.split()
)


def sequence_only(every: tuple[str, ...], content: tuple[str, ...]) -> bool:
    """Whether a phrase (its folded words `every`, its content stems `content`) is matched only
    with its function words, on the query's whole word sequence: when it holds a negation ("geen
    papieren" is not "papieren"), or when its function words leave a single content word of a
    phrase of two words or more ("parler à quelqu'un" is not "parler", "mon patient" is not
    "patient")."""
    return bool(NEGATIONS & set(every)) or (len(every) >= 2 and len(content) == 1)


@dataclass(frozen=True)
class Category:
    """A taxonomy category: code, parent code, labels and synonyms per language."""

    code: str
    parent: str | None
    labels: dict[str, str]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def phrases(self) -> list[tuple[str, str]]:
        """(language, phrase) for each label part and synonym."""
        out: list[tuple[str, str]] = []
        for lang in LANGUAGES:
            label = self.labels.get(lang) or ""
            parts = [label] + [part for part in _PARTS.split(label) if part.strip()]
            out.extend((lang, part.strip()) for part in parts if part.strip())
            out.extend((lang, synonym) for synonym in self.synonyms.get(lang, ()) if synonym)
        return out


@dataclass(frozen=True)
class ConceptMatch:
    """A run of query words that is a label or synonym of categories."""

    start: int  # position of the first word among the query's content words
    length: int  # content words
    query_text: str  # the query's words as typed (folded)
    codes: tuple[str, ...]  # categories it names
    phrase: str  # the taxonomy's phrase (label or synonym) it matched
    lang: str  # language of that phrase
    positions: tuple[int, ...] = ()  # the content words it covers


class Concepts:
    """Phrase table of the categories; `find` matches it in a query's content words."""

    def __init__(self, categories: Iterable[Category]):
        self.categories = {category.code: category for category in categories}
        #: content-word keys (stems, plain spelling) -> categories
        self.table: dict[tuple[str, ...], dict[str, tuple[str, str]]] = {}
        #: whole-sequence keys (function words kept) of the phrases their function words carry
        self.sequence_table: dict[tuple[str, ...], dict[str, tuple[str, str]]] = {}
        self.vocabulary: dict[str, set[str]] = {}
        for category in sorted(self.categories.values(), key=lambda c: c.code):
            for lang, phrase in category.phrases():
                every = tuple(words(phrase))
                content = stems(phrase, lang)
                whole = {every, tuple(stem(w, lang) for w in every)}
                if sequence_only(every, content):
                    table, keys = self.sequence_table, whole
                else:
                    table, keys = self.table, whole | {content}
                for key in keys:
                    if key and len(key) <= MAX_PHRASE:
                        table.setdefault(key, {}).setdefault(category.code, (phrase, lang))
                for word in words(phrase):
                    self.vocabulary.setdefault(word, set()).add(lang)

    def ancestors(self, code: str) -> list[str]:
        """`code` and its parents, nearest first."""
        chain, seen = [], set()
        while code and code not in seen:
            seen.add(code)
            chain.append(code)
            parent = self.categories.get(code)
            code = parent.parent if parent else None
        return chain

    def descendants(self, code: str) -> frozenset[str]:
        """`code` and every category below it."""
        cache = self.__dict__.setdefault("_descendant_cache", {})
        if code not in cache:
            cache[code] = frozenset(self._descendants(code))
        return cache[code]

    def _descendants(self, code: str) -> set[str]:
        out = {code}
        changed = True
        while changed:
            changed = False
            for category in self.categories.values():
                if category.parent in out and category.code not in out:
                    out.add(category.code)
                    changed = True
        return out

    def text_of(self, code: str) -> list[tuple[str, str]]:
        """(language, text) of the labels and synonyms of `code` and its ancestors, to index."""
        out: list[tuple[str, str]] = []
        for ancestor in self.ancestors(code):
            category = self.categories.get(ancestor)
            if category:
                out.extend(category.phrases())
        return out

    def label(self, code: str, lang: str) -> str:
        """The label of category `code` in `lang` (French, then the code, when missing)."""
        category = self.categories.get(code)
        if not category:
            return code
        return category.labels.get(lang) or category.labels.get("fr") or code

    def _longer_on_content(self, stems_, surfaces, content: list[int]) -> bool:
        """Whether a content-word phrase longer than `content` (positions among the content
        words) covers one of them ("médecin ce soir" beside "besoin d'un médecin")."""
        for start in range(max(0, content[0] - MAX_PHRASE + 1), content[-1] + 1):
            for length in range(len(content) + 1, min(MAX_PHRASE, len(stems_) - start) + 1):
                if not any(start <= c < start + length for c in content):
                    continue
                for key in (
                    tuple(stems_[start : start + length]),
                    tuple(surfaces[start : start + length]),
                ):
                    if key in self.table:
                        return True
        return False

    def find(
        self,
        stems_: list[str],
        surfaces: list[str],
        sequence: list[tuple[str, str, int | None]] | None = None,
    ) -> list[ConceptMatch]:
        """Longest matches, left to right, of the phrase table: first, in the query's whole
        `sequence` of words ((folded word, stem, position among the content words or None for a
        function word)), the phrases whose function words carry their meaning (`sequence_only`:
        "niet meer leven", "parler à quelqu'un", "besoin d'un médecin"), unless a longer phrase
        of the content words covers one of theirs ("médecin ce soir"); then, in the content words left
        (`stems_` and their folded `surfaces`, same length), the others. A match's length is the
        number of content words it covers."""
        matches: list[ConceptMatch] = []
        covered: set[int] = set()
        i = 0
        sequence = sequence or []
        while i < len(sequence):
            found = None
            for length in range(min(MAX_PHRASE, len(sequence) - i), 1, -1):
                part = sequence[i : i + length]
                if all(content is not None for _w, _s, content in part):
                    continue  # no function word: found on the content words below
                for key in (tuple(w for w, _s, _c in part), tuple(s for _w, s, _c in part)):
                    hit = self.sequence_table.get(key)
                    if hit:
                        found = (length, hit)
                        break
                if found:
                    break
            content = (
                sorted({c for _w, _s, c in sequence[i : i + found[0]] if c is not None})
                if found
                else []
            )
            if (
                not content
                or any(c in covered for c in content)
                or self._longer_on_content(stems_, surfaces, content)
            ):
                i += 1
                continue
            length, hit = found
            codes = tuple(sorted(hit))
            phrase, lang = hit[codes[0]]
            matches.append(
                ConceptMatch(
                    content[0],
                    len(content),
                    " ".join(w for w, _s, _c in sequence[i : i + length]),
                    codes,
                    phrase,
                    lang,
                    tuple(content),
                )
            )
            covered.update(content)
            i += length
        position = 0
        while position < len(stems_):
            if position in covered:
                position += 1
                continue
            found = None
            longest = 0
            while (
                position + longest < len(stems_)
                and longest < MAX_PHRASE
                and position + longest not in covered
            ):
                longest += 1
            for length in range(longest, 0, -1):
                for key in (
                    tuple(stems_[position : position + length]),
                    tuple(surfaces[position : position + length]),
                ):
                    hit = self.table.get(key)
                    if hit:
                        found = (length, hit)
                        break
                if found:
                    break
            if not found:
                position += 1
                continue
            length, hit = found
            codes = tuple(sorted(hit))
            phrase, lang = hit[codes[0]]
            matches.append(
                ConceptMatch(
                    position,
                    length,
                    " ".join(surfaces[position : position + length]),
                    codes,
                    phrase,
                    lang,
                    tuple(range(position, position + length)),
                )
            )
            position += length
        return sorted(matches, key=lambda match: match.start)


def folded_vocabulary(concepts: Concepts) -> dict[str, frozenset[str]]:
    """Folded word -> languages of the synonyms it appears in (for language detection)."""
    return {word: frozenset(langs) for word, langs in concepts.vocabulary.items()}


__all__ = ["Category", "ConceptMatch", "Concepts", "fold", "folded_vocabulary"]
