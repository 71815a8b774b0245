"""The in-process search index: BM25F over analysed fields plus taxonomy concepts, and the
attributes filters and facets read. Pure (NumPy), built from `Document`s.

One index is built from the database (bassins.search.maintain) and gives the same answer whatever the
database: ranking happens here, on documents sorted by id, not in SQL. Fields and weights:

* `name`: service, location and organization names, alternate names (weight NAME_WEIGHT);
* `category`: labels and synonyms of the service's categories and their parents, from the taxonomy
  (weight CATEGORY_WEIGHT);
* `body`: descriptions, eligibility, sub-category labels, how to apply, fees (weight 1).

BM25F (Robertson & Zaragoza 2009): per field a length-normalised term frequency, summed with the field
weights, saturated once with k1, times the term's idf. A concept (a query phrase that is a label or
synonym of a category) adds CONCEPT_WEIGHT per word of the phrase to every document of that category
or a child of it: "OCMW" ranks the CPAS first, in whichever language their records are written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bassins.search.concepts import Concepts
from bassins.search.query import Plan, Vocabulary
from bassins.search.text import analyse

FIELDS = ("name", "category", "body")
NAME_WEIGHT, CATEGORY_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
WEIGHTS = {"name": NAME_WEIGHT, "category": CATEGORY_WEIGHT, "body": BODY_WEIGHT}
B = {"name": 0.5, "category": 0.3, "body": 0.75}
K1 = 1.2
CONCEPT_WEIGHT = 3.0
ACTIVE_STATUSES = ("active", "temporarily closed", "temporarily_closed")
TEMPORARILY_CLOSED = ("temporarily closed", "temporarily_closed")


@dataclass
class Document:
    """One service_at_location as the index sees it."""

    id: str
    service_id: str
    texts: dict[str, list[tuple[str, str]]]  # field -> [(language, text)]
    categories: tuple[str, ...] = ()  # codes (primary first), with sub-categories
    primary: str | None = None
    commune: str = ""
    bassin: str = ""
    monitoring: str = ""
    postcode: str = ""
    lat: float | None = None
    lon: float | None = None
    exact_point: bool = False  # False: the point is the commune's centre
    areas: tuple[tuple[str, str], ...] = ()  # (layer, code) served
    languages: tuple[str, ...] = ()
    status: str = "active"
    free: bool | None = None
    wheelchair: bool | None = None
    min_age: float | None = None
    max_age: float | None = None
    rules: tuple[tuple[int, int, int], ...] = ()  # (weekday 0=Monday, opens min, closes min)
    holiday_rules: tuple[tuple[int, int], ...] = ()  # hours on public holidays
    holiday_closed: bool = False
    closures: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
    hours_known: bool = False
    display: dict = field(default_factory=dict)


@dataclass
class Stats:
    """Corpus statistics BM25 reads (shared by an index and its overlay of edits)."""

    count: int
    df: dict[str, int]
    avg_length: dict[str, float]

    def idf(self, term: str) -> float:
        """The BM25 inverse document frequency of `term`."""
        n = self.df.get(term, 0)
        return math.log(1.0 + (self.count - n + 0.5) / (n + 0.5))


@dataclass
class Scored:
    """Documents (positions in the index) with a positive text score, and what matched."""

    positions: np.ndarray
    scores: np.ndarray


class Index:
    """Postings, vocabulary and attribute arrays of a list of documents (sorted by id)."""

    def __init__(
        self, documents: Iterable[Document], concepts: Concepts, stats: Stats | None = None
    ):
        self.docs = sorted(documents, key=lambda doc: doc.id)
        self.concepts = concepts
        self.ids = [doc.id for doc in self.docs]
        self.position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        n = len(self.docs)
        postings: dict[str, dict[str, tuple[list[int], list[float]]]] = {f: {} for f in FIELDS}
        lengths = {f: np.zeros(n, dtype=np.float32) for f in FIELDS}
        surfaces: dict[str, str] = {}
        df: dict[str, int] = {}
        per_doc_terms: list[dict[str, dict[str, int]]] = []
        category_text: dict[str, list[tuple[str, str]]] = {}
        # The category field is the same for every record of the same categories: analysed once.
        category_counts: dict[tuple[str, ...], dict[str, int]] = {}
        for i, doc in enumerate(self.docs):
            counts: dict[str, dict[str, int]] = {f: {} for f in FIELDS}
            texts = dict(doc.texts)
            if doc.categories not in category_counts:
                cat_counts: dict[str, int] = {}
                for code in doc.categories:
                    if code not in category_text:
                        category_text[code] = concepts.text_of(code)
                    for lang, text in category_text[code]:
                        for token in analyse(text, lang):
                            if not token.stop:
                                cat_counts[token.stem] = cat_counts.get(token.stem, 0) + 1
                                surfaces.setdefault(token.surface, token.stem)
                category_counts[doc.categories] = cat_counts
            counts["category"] = dict(category_counts[doc.categories])
            for name in FIELDS:
                for lang, text in texts.get(name, []):
                    for token in analyse(text, lang):
                        if token.stop:
                            continue
                        counts[name][token.stem] = counts[name].get(token.stem, 0) + 1
                        surfaces.setdefault(token.surface, token.stem)
                lengths[name][i] = sum(counts[name].values())
            for term in set().union(*[set(c) for c in counts.values()]):
                df[term] = df.get(term, 0) + 1
            per_doc_terms.append(counts)
        self.own_stats = Stats(n, df, {f: float(lengths[f].mean()) if n else 1.0 for f in FIELDS})
        self.stats = stats or self.own_stats
        for i, counts in enumerate(per_doc_terms):
            for name in FIELDS:
                avg = self.stats.avg_length.get(name) or 1.0
                norm = 1.0 - B[name] + B[name] * float(lengths[name][i]) / avg
                table = postings[name]
                for term, tf in counts[name].items():
                    entry = table.setdefault(term, ([], []))
                    entry[0].append(i)
                    entry[1].append(tf / norm)
        self.postings = {
            name: {
                term: (np.asarray(ids, dtype=np.int32), np.asarray(tfs, dtype=np.float32))
                for term, (ids, tfs) in table.items()
            }
            for name, table in postings.items()
        }
        self.vocabulary = Vocabulary(surfaces)
        self._attributes()

    # --- attributes -------------------------------------------------------------------------------

    def _attributes(self) -> None:
        docs = self.docs
        n = len(docs)

        def members(values_of) -> dict[str, np.ndarray]:
            table: dict[str, list[int]] = {}
            for i, doc in enumerate(docs):
                for value in values_of(doc):
                    if value:
                        table.setdefault(value, []).append(i)
            return {key: np.asarray(sorted(set(ids)), dtype=np.int32) for key, ids in table.items()}

        self.by_category = members(lambda d: d.categories)
        self.by_language = members(lambda d: d.languages)
        self.by_area = members(lambda d: [f"{layer}:{code}" for layer, code in d.areas])
        self.commune = np.array([d.commune or "" for d in docs], dtype="U32")
        self.bassin = np.array([d.bassin or "" for d in docs], dtype="U32")
        self.monitoring = np.array([d.monitoring or "" for d in docs], dtype="U32")
        self.postcode = np.array([d.postcode or "" for d in docs], dtype="U32")
        self.primary = np.array([d.primary or "" for d in docs], dtype="U80")
        self.status = np.array([d.status or "active" for d in docs], dtype="U32")
        self.active = np.isin(self.status, ACTIVE_STATUSES)
        self.closed_now = np.isin(self.status, TEMPORARILY_CLOSED)
        # Facet values as integer codes (counted with bincount).
        self.facet_codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name in ("primary", "bassin", "commune"):
            values, inverse = np.unique(getattr(self, name), return_inverse=True)
            self.facet_codes[name] = (values, inverse.astype(np.int32))
        self.free = np.array([d.free is True for d in docs], dtype=bool)
        self.wheelchair = np.array([d.wheelchair is True for d in docs], dtype=bool)
        nan = float("nan")
        self.min_age = np.array([nan if d.min_age is None else d.min_age for d in docs])
        self.max_age = np.array([nan if d.max_age is None else d.max_age for d in docs])
        self.lat = np.array([nan if d.lat is None else d.lat for d in docs])
        self.lon = np.array([nan if d.lon is None else d.lon for d in docs])
        self.has_areas = np.array([bool(d.areas) for d in docs], dtype=bool)
        rule_doc, rule_day, rule_open, rule_close = [], [], [], []
        for i, doc in enumerate(docs):
            for day, opens, closes in doc.rules:
                rule_doc.append(i)
                rule_day.append(day)
                rule_open.append(opens)
                rule_close.append(closes)
        rule_doc_a = np.asarray(rule_doc, dtype=np.int32)
        rule_day_a = np.asarray(rule_day, dtype=np.int8)
        rule_open_a = np.asarray(rule_open, dtype=np.int16)
        rule_close_a = np.asarray(rule_close, dtype=np.int16)
        #: weekday -> (documents, opens, closes) of that day's rules
        self.rules_by_day = {
            day: (
                rule_doc_a[rule_day_a == day],
                rule_open_a[rule_day_a == day],
                rule_close_a[rule_day_a == day],
            )
            for day in range(7)
        }
        self.with_closures = np.array([i for i, d in enumerate(docs) if d.closures], dtype=np.int32)
        self._open_cache: dict = {}
        self.hours_known = np.array([d.hours_known for d in docs], dtype=bool)
        self.alive = np.ones(n, dtype=bool)
        self.size = n

    # --- text scoring -----------------------------------------------------------------------------

    def knows(self, term: str) -> bool:
        """Whether `term` is in any field of the index."""
        return any(term in self.postings[name] for name in FIELDS)

    def score(self, plan: Plan, concept_masks=None) -> np.ndarray:
        """BM25F + concept score of every document (0 where nothing matched); quoted words are
        required."""
        n = self.size
        total = np.zeros(n, dtype=np.float64)
        required = np.ones(n, dtype=bool)
        for word in plan.words:
            parts = []
            for term, weight in word.stems:
                entries = [
                    (self.postings[name][term], WEIGHTS[name])
                    for name in FIELDS
                    if term in self.postings[name]
                ]
                if not entries:
                    continue
                if len(entries) == 1:
                    (ids, tfn), field_weight = entries[0]
                    tf = field_weight * tfn.astype(np.float64)
                else:
                    all_ids = np.concatenate([entry[0][0] for entry in entries])
                    values = np.concatenate([w * posting[1] for posting, w in entries])
                    if all_ids.size * 16 > n:  # long postings: a dense count, no sort
                        dense = np.bincount(all_ids, weights=values, minlength=n)
                        ids = np.flatnonzero(dense)
                        tf = dense[ids]
                    else:
                        ids, inverse = np.unique(all_ids, return_inverse=True)
                        tf = np.bincount(inverse, weights=values)
                parts.append((ids, weight * self.stats.idf(term) * tf / (K1 + tf)))
            if not parts:
                if word.required:
                    required[:] = False
                continue
            if len(parts) == 1:
                ids, part = parts[0]
                total[ids] += part
                if word.required:
                    found = np.zeros(n, dtype=bool)
                    found[ids] = True
                    required &= found
                continue
            best = np.zeros(n, dtype=np.float64)
            for ids, part in parts:
                best[ids] = np.maximum(best[ids], part)
            if word.required:
                required &= best > 0
            total += best
        for match, hit in zip(
            plan.concepts, concept_masks or self.concept_masks(plan), strict=True
        ):
            total[hit] += CONCEPT_WEIGHT * match.length
        total[~required] = 0.0
        total[~self.alive] = 0.0
        return total

    def concept_masks(self, plan: Plan) -> list[np.ndarray]:
        """Per concept of the plan, the documents of its categories or their children."""
        masks = []
        for match in plan.concepts:
            hit = np.zeros(self.size, dtype=bool)
            for code in match.codes:
                for child in self.concepts.descendants(code):
                    ids = self.by_category.get(child)
                    if ids is not None:
                        hit[ids] = True
            masks.append(hit)
        return masks

    def concept_words(self, plan: Plan, concept_masks=None) -> np.ndarray:
        """Per document, how many query words its categories explain (concepts matched)."""
        words_ = np.zeros(self.size, dtype=np.int16)
        for match, hit in zip(
            plan.concepts, concept_masks or self.concept_masks(plan), strict=True
        ):
            words_[hit] += match.length
        return words_

    def phrase_mask(self, positions: np.ndarray, plan: Plan) -> np.ndarray:
        """For each document of `positions`: whether every quoted phrase of the plan is in one of
        its texts (name, body, or its categories' labels and synonyms), its content words next to
        each other and in order (function words between them aside). Documents that share their
        texts (copies) are checked once."""
        ok = np.ones(len(positions), dtype=bool)
        if not plan.phrases:
            return ok
        key = tuple(plan.phrases)
        cache = self.__dict__.setdefault("_phrase_cache", {})
        if len(cache) > 100_000:
            cache.clear()
        for i, position in enumerate(positions):
            doc = self.docs[int(position)]
            doc_key = (id(doc.texts), doc.categories, key)
            found = cache.get(doc_key)
            if found is None:
                sequences = [
                    _content_stems(text, lang)
                    for name in ("name", "body")
                    for lang, text in doc.texts.get(name, [])
                ]
                for code in doc.categories:
                    sequences.extend(
                        _content_stems(text, lang) for lang, text in self.concepts.text_of(code)
                    )
                found = all(
                    any(_contains(sequence, phrase.words) for sequence in sequences)
                    for phrase in plan.phrases
                )
                cache[doc_key] = found
            ok[i] = found
        return ok

    def matched_terms(self, position: int, plan: Plan) -> dict[str, list[str]]:
        """For one document: field -> query words (as typed) found in it."""
        return self.matched_terms_many(np.asarray([position]), plan)[0]

    def matched_terms_many(self, positions: np.ndarray, plan: Plan) -> list[dict[str, list[str]]]:
        """For each document of `positions`: field -> query words (as typed) found in it (one
        sorted lookup per word, field and stem for all the documents at once)."""
        positions = np.asarray(positions, dtype=np.int64)
        out: list[dict[str, list[str]]] = [{} for _ in range(positions.size)]
        if not positions.size:
            return out
        for word in plan.words:
            for name in FIELDS:
                found = np.zeros(positions.size, dtype=bool)
                for term, _weight in word.stems:
                    entry = self.postings[name].get(term)
                    if entry is None:
                        continue
                    ids = entry[0]
                    k = np.searchsorted(ids, positions)
                    inside = k < ids.size
                    found[inside] |= ids[k[inside]] == positions[inside]
                for i in np.flatnonzero(found):
                    words_ = out[i].setdefault(name, [])
                    if word.typed not in words_:
                        words_.append(word.typed)
        return out


@lru_cache(maxsize=200_000)
def _content_stems(text: str, lang: str) -> tuple[str, ...]:
    """The stems of the content words of `text`, in order (function words left out)."""
    return tuple(token.stem for token in analyse(text, lang) if not token.stop)


def _contains(sequence: tuple[str, ...], phrase: tuple[frozenset[str], ...]) -> bool:
    """Whether `phrase` (allowed stems per word) occurs in `sequence` at consecutive positions."""
    n = len(phrase)
    first = phrase[0]
    for start in range(len(sequence) - n + 1):
        if sequence[start] in first and all(sequence[start + k] in phrase[k] for k in range(1, n)):
            return True
    return False
