"""A query as the index reads it: words, quoted phrases, typo corrections and concepts. Pure.

`plan(text, lang, concepts, vocabulary)`:
* the text is cut to MAX_QUERY_CHARS and MAX_QUERY_WORDS (the plan says so), control characters and
  search-engine syntax (`*`, `NEAR(`, `OR`, unbalanced quotes) are plain characters: nothing in a query
  is executed, words are only looked up;
* the language is the caller's, or detected (`language.detect`);
* stopwords and elisions go ("je n'ai plus d'argent pour manger" -> "argent", "manger");
* a word the index does not know is corrected to the closest indexed word within 1 edit (5 letters or
  more) or 2 edits (8 or more), rapidfuzz's Levenshtein distance; the correction says so;
* a Dutch compound the index does not know is read as its parts: known words first (up to
  MAX_COMPOUND_PARTS: "schuldhulpverlening" -> "schuld", "hulp", "verlening"), else, when no
  correction fits either, one known part and the rest ("alcoholprobleem" -> "alcohol",
  "probleem"); known means indexed, an indexed stem, or a word of the taxonomy;
* words between double quotes form a phrase: its words must all be in a hit, next to each other and
  in that order (function words between them aside: `Index.phrase_mask`);
* runs of words that are labels or synonyms of taxonomy categories become concepts: first synonyms
  whose negation carries the meaning ("niet meer leven", "geen papieren"), matched on the
  query's whole word sequence, then the others on its content words (`Concepts.find`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bassins.search import language
from bassins.search.concepts import ConceptMatch, Concepts
from bassins.search.text import (
    ALL_STOPWORDS,
    LANGUAGES,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    STOPWORDS,
    stem,
    words,
)

#: Weight of a word reached through a correction (a typo) or another language's stem.
CORRECTED_WEIGHT = 0.8
OTHER_LANGUAGE_WEIGHT = 0.5
#: Most parts a compound is split into, and the shortest known part of a loose split.
MAX_COMPOUND_PARTS = 3
MIN_LOOSE_PART = 5
#: Shortest unknown part of a loose split before a known one ("gok" in "gokschulden").
MIN_UNKNOWN_PART = 3
#: Languages that glue words into compounds (a loose split is tried in these only).
COMPOUNDING = ("nl",)


def max_edits(word: str) -> int:
    """Edits tolerated in a word: 0 under 5 letters, 1 from 5, 2 from 8."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 5 else 0


@dataclass(frozen=True)
class Word:
    """A content word of the query: as typed (folded), the indexed word it was read as, stems to
    look up with their weights."""

    typed: str
    read_as: str
    stems: tuple[tuple[str, float], ...]
    corrected: bool = False
    required: bool = False


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase of the query: its text and, per content word in order, the stems it may
    have in a document."""

    text: str
    words: tuple[frozenset[str], ...]


@dataclass
class Plan:
    """How a query is read: its language, its words (typed, read as), quoted phrases and the
    concepts found."""

    text: str
    lang: str
    detected: bool
    words: list[Word] = field(default_factory=list)
    concepts: list[ConceptMatch] = field(default_factory=list)
    truncated: bool = False
    phrases: list[Phrase] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the query has no words."""
        return not self.words


class Vocabulary:
    """The indexed surface words (folded) and their stems, for typo correction."""

    def __init__(self, surfaces: Mapping[str, str]):
        self.surfaces = dict(surfaces)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.surfaces):
            self._by_length.setdefault(len(word), []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.surfaces

    def correct(self, word: str) -> str | None:
        """The closest indexed word within the tolerated edits (ties: the shorter, then first in
        alphabetical order), or None."""
        edits = max_edits(word)
        if not edits:
            return None
        candidates: list[str] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            candidates.extend(self._by_length.get(length, ()))
        if not candidates:
            return None
        found = process.extract(
            word, candidates, scorer=Levenshtein.distance, score_cutoff=edits, limit=20
        )
        if not found:
            return None
        best = min(found, key=lambda item: (item[1], len(item[0]), item[0]))
        return best[0]

    def split(self, word: str, known=None) -> tuple[str, ...] | None:
        """A compound the index does not know as words it knows ("zelfmoordgedachten" ->
        "zelfmoord", "gedachten"; "schuldhulpverlening" -> "schuld", "hulp", "verlening" when
        all three are known), parts of 4 letters or more, a linking s or e allowed after a part;
        the fewest parts win, then the most balanced. `known(part) -> bool` may know more parts
        than the indexed words (their stems, the taxonomy's words: "drugsgebruik" -> "drugs",
        "gebruik")."""

        def knows(part: str) -> bool:
            return part in self.surfaces or (known is not None and known(part))

        def parts_of(rest: str, depth: int) -> tuple[str, ...] | None:
            if len(rest) >= 4 and knows(rest):
                return (rest,)
            if depth == 0:
                return None
            best = None
            for cut in range(4, len(rest) - 3):
                left, tail = rest[:cut], rest[cut:]
                for head in (left, left[:-1] if left.endswith(("s", "e")) else None):
                    if not head or len(head) < 4 or not knows(head):
                        continue
                    found = parts_of(tail, depth - 1)
                    if found:
                        candidate = (head, *found)
                        key = (-len(candidate), min(len(part) for part in candidate))
                        if best is None or key > best[0]:
                            best = (key, candidate)
            return best[1] if best else None

        found = parts_of(word, MAX_COMPOUND_PARTS - 1)
        return found if found and len(found) >= 2 else None

    def split_loosely(self, word: str, known=None) -> tuple[str, str] | None:
        """A compound of one known word and one unknown (no word list knows every Dutch word):
        "alcoholprobleem" -> "alcohol", "probleem"; "kindermishandeling" -> "kinder",
        "mishandeling" when only the head is known. The known part has MIN_LOOSE_PART letters or
        more (a linking s or e after a leading part allowed: "verslavingshulp" -> "verslaving",
        "hulp"), the unknown one 4 or more after it, MIN_UNKNOWN_PART or more before it
        ("gokschulden" -> "gok", "schulden"); the longest known part wins (a leading one on a tie). For a word that is neither indexed, nor
        a split of known words, nor a typo of a known word."""

        def knows(part: str) -> bool:
            return part in self.surfaces or (known is not None and known(part))

        candidates = []  # (known letters, leading, linker, parts)
        for cut in range(MIN_UNKNOWN_PART, len(word) - MIN_UNKNOWN_PART + 1):
            left, right = word[:cut], word[cut:]
            for head in (left, left[:-1] if left.endswith(("s", "e")) else None):
                if head and len(head) >= MIN_LOOSE_PART and knows(head) and len(right) >= 4:
                    candidates.append((len(head), 1, int(head != left), (head, right)))
            if len(right) >= MIN_LOOSE_PART and knows(right):
                candidates.append((len(right), 0, 0, (left, right)))
        return max(candidates)[3] if candidates else None


_QUOTED = re.compile(r'"([^"]*)"')


def plan(
    text: str,
    lang: str | None,
    concepts: Concepts,
    vocabulary: Vocabulary,
    stems_known=None,
) -> Plan:
    """The query plan of `text` (see the module docstring). `stems_known(stem) -> bool` says
    whether a stem is indexed (for other-language stems)."""
    raw = str(text or "")
    truncated = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    detected = lang not in LANGUAGES
    if detected:
        lang = language.detect(raw, concepts and concepts.vocabulary)
    required_words = {word for phrase in _QUOTED.findall(raw) for word in words(phrase)}
    all_words = words(raw)
    if len(all_words) > MAX_QUERY_WORDS:
        truncated = True
        all_words = all_words[:MAX_QUERY_WORDS]
    result = Plan(raw, lang, detected, truncated=truncated)
    stops = STOPWORDS[lang]
    taxonomy_words = concepts.vocabulary if concepts is not None else {}

    def part_known(part: str) -> bool:  # a compound's part: a taxonomy word or an indexed stem
        if part in taxonomy_words:
            return True
        return stems_known is not None and stems_known(stem(part, lang))

    seen: dict[str, int] = {}  # typed word -> its position among the content words
    #: per word of the query, in order: (folded word, stem, position among the content words)
    sequence: list[tuple[str, str, int | None]] = []
    for typed in all_words:
        if typed in stops or (typed in ALL_STOPWORDS and typed not in vocabulary):
            sequence.append((typed, stem(typed, lang), None))
            continue
        if typed in seen:
            sequence.append((typed, stem(typed, lang), seen[typed]))
            continue
        seen[typed] = len(result.words)
        read_as, corrected = typed, False
        # a word the index or the taxonomy knows (as typed, or its stem) is read as it is
        if typed not in vocabulary and not typed.isdigit() and not part_known(typed):
            parts = vocabulary.split(typed, part_known) if len(typed) >= 8 else None
            if parts:
                for part in parts:
                    result.words.append(_word(part, part, lang, stems_known, False, False))
                sequence.append((typed, stem(typed, lang), seen[typed]))
                continue
            fixed = vocabulary.correct(typed)
            if fixed:
                read_as, corrected = fixed, True
            elif lang in COMPOUNDING and len(typed) >= 8:
                parts = vocabulary.split_loosely(typed, part_known)
                if parts:
                    for part in parts:
                        result.words.append(_word(part, part, lang, stems_known, False, False))
                    sequence.append((typed, stem(typed, lang), seen[typed]))
                    continue
        result.words.append(
            _word(typed, read_as, lang, stems_known, corrected, typed in required_words, vocabulary)
        )
        sequence.append((read_as, stem(read_as, lang), seen[typed]))
    result.phrases = _phrases(raw, result.words, lang, stops)
    if concepts is not None and result.words:
        result.concepts = concepts.find(
            [stem(word.read_as, lang) for word in result.words],
            [word.read_as for word in result.words],
            sequence,
        )
    return result


def _phrases(raw: str, found: list[Word], lang: str, stops) -> list[Phrase]:
    """The quoted phrases of two content words or more, each word with the stems of its Word."""
    by_typed = {word.typed: word for word in found}
    out = []
    for text in _QUOTED.findall(raw):
        elements = []
        for typed in words(text):
            if typed in stops:
                continue
            word = by_typed.get(typed)
            if word is not None:
                elements.append(frozenset(term for term, _weight in word.stems) | {word.read_as})
            else:  # a stopword of another language, or a compound read as two words
                elements.append(frozenset({typed} | {stem(typed, other) for other in LANGUAGES}))
        if len(elements) >= 2:
            out.append(Phrase(text.strip(), tuple(elements)))
    return out


def _word(typed, read_as, lang, stems_known, corrected, required, vocabulary=None) -> Word:
    weight = CORRECTED_WEIGHT if corrected else 1.0
    own = stem(read_as, lang)
    found: dict[str, float] = {own: weight}
    if corrected and vocabulary is not None and vocabulary.surfaces.get(read_as):
        found.setdefault(vocabulary.surfaces[read_as], weight)
    for other in LANGUAGES:
        alt = stem(read_as, other)
        if alt not in found and (stems_known is None or stems_known(alt)):
            found[alt] = weight * OTHER_LANGUAGE_WEIGHT
    found.setdefault(read_as, weight * OTHER_LANGUAGE_WEIGHT)
    return Word(typed, read_as, tuple(found.items()), corrected, required)
