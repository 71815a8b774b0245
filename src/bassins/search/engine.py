"""Search: a query plan, filters, ranking, facets and the reasons of each hit. Pure.

Ranking, in this order (each a tie-breaker of the one before):
1. text relevance: when the query names taxonomy categories, the number of query words the record's
   categories explain; otherwise its BM25F score relative to the best hit's, in RELEVANCE_BANDS
   bands; so that equally relevant records are ordered by what follows;
2. coverage: 2 when a declared service area serves the person's commune or bassin (region-wide areas
   serve everyone), 1 when the service declares no area, 0 when its areas leave the person out;
3. distance from the person (the commune's centre stands for records placed by postcode or commune);
4. the exact score, then the record id (so that the order is total and the same on every database).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from bassins.search import hours
from bassins.search.concepts import Concepts
from bassins.search.index import Document, Index
from bassins.search.query import Plan, plan
from bassins.search.text import LANGUAGES, stem, words

RELEVANCE_BANDS = 2
REGION = "region:04000"
EARTH_KM = 6371.0
ACTIVE = ("active", "temporarily closed", "temporarily_closed")


@dataclass
class Request:
    """What the caller asks: words and filters (None: no filter)."""

    q: str = ""
    lang: str | None = None
    categories: tuple[str, ...] = ()
    bassin: str | None = None
    commune: str | None = None
    monitoring: str | None = None
    near: tuple[float, float] | None = None  # (lat, lon) of the person
    radius_km: float | None = None
    person_commune: str | None = None  # for coverage (from near / commune)
    person_bassin: str | None = None
    languages: tuple[str, ...] = ()
    public: str | None = None  # a word of the eligibility / target public
    age: float | None = None
    free: bool = False
    wheelchair: bool = False
    open_at: dt.datetime | None = None
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    """One search hit: the document, its score, words covered, distance (km), whether open then."""

    doc: Document
    score: float
    coverage: int
    distance_km: float | None
    open_at: bool | None
    why: dict = field(default_factory=dict)


@dataclass
class Result:
    """The answer to a request: the plan read, the total, the hits of the page and the facets."""

    request: Request
    plan: Plan
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    messages: list[str] = field(default_factory=list)
    concepts: Concepts | None = None  # the taxonomy the index was built with (labels)

    @property
    def pages(self) -> int:
        """The number of result pages (at least 1)."""
        return max(1, math.ceil(self.total / self.request.per_page))


class LiveIndex:
    """A base index and an overlay of edited documents (same statistics), searched together."""

    def __init__(self, base: Index):
        self.base = base
        self.overlay: Index | None = None
        self.version = None

    @property
    def segments(self) -> list[Index]:
        """The base index and, when there is one, the overlay."""
        return [self.base] + ([self.overlay] if self.overlay is not None else [])

    def replace(self, documents: list[Document], removed_ids) -> None:
        """Make `documents` searchable and hide `removed_ids` (and the old versions of the
        documents), without rebuilding the base."""
        gone = set(removed_ids) | {doc.id for doc in documents}
        for doc_id in gone:
            position = self.base.position.get(doc_id)
            if position is not None:
                self.base.alive[position] = False
        kept = [d for d in (self.overlay.docs if self.overlay else []) if d.id not in gone]
        self.overlay = Index(kept + list(documents), self.base.concepts, stats=self.base.stats)

    @property
    def size(self) -> int:
        """The number of live documents (base and overlay)."""
        return int(self.base.alive.sum()) + (self.overlay.size if self.overlay else 0)


def _distance_km(lat, lon, lat0: float, lon0: float) -> np.ndarray:
    phi = np.radians((lat + lat0) / 2.0)
    dx = np.radians(lon - lon0) * np.cos(phi)
    dy = np.radians(lat - lat0)
    return EARTH_KM * np.sqrt(dx * dx + dy * dy)


def _within(index: Index, near: tuple[float, float], radius_km: float) -> np.ndarray:
    """Documents within `radius_km` of `near`: a latitude/longitude box first (comparisons only),
    then the exact distance of the documents in the box."""
    lat0, lon0 = near
    dlat = math.degrees(radius_km / EARTH_KM) * 1.01
    dlon = dlat / max(math.cos(math.radians(abs(lat0) + dlat)), 1e-6)
    box = np.flatnonzero(
        (np.abs(index.lat - lat0) <= dlat) & (np.abs(index.lon - lon0) <= dlon)
    )  # NaN (no point) compares False
    inside = np.zeros(index.size, dtype=bool)
    inside[box[_distance_km(index.lat[box], index.lon[box], lat0, lon0) <= radius_km]] = True
    return inside


def open_mask(index: Index, moment: dt.datetime) -> np.ndarray:
    """Documents open at `moment` (unknown hours: not open). Cached per minute (read-only)."""
    key = (moment.replace(second=0, microsecond=0), int(index.alive.sum()))
    cached = index._open_cache.get(key)
    if cached is not None:
        return cached
    mask = np.zeros(index.size, dtype=bool)
    if hours.is_public_holiday(moment.date()):
        for i, doc in enumerate(index.docs):
            if doc.hours_known and open_mask_one(doc, moment):
                mask[i] = True
    else:
        minute = moment.hour * 60 + moment.minute
        docs, opens, closes = index.rules_by_day[moment.weekday()]
        mask[docs[(opens <= minute) & (closes > minute)]] = True
        for i in index.with_closures:
            if mask[i] and not open_mask_one(index.docs[i], moment):
                mask[i] = False
    mask &= ~index.closed_now
    mask.setflags(write=False)
    if len(index._open_cache) > 64:
        index._open_cache.clear()
    index._open_cache[key] = mask
    return mask


def _filter(index: Index, request: Request, concepts_children) -> np.ndarray:
    keep = index.alive & index.active
    if request.categories:
        wanted = np.zeros(index.size, dtype=bool)
        for code in request.categories:
            for child in concepts_children(code):
                ids = index.by_category.get(child)
                if ids is not None:
                    wanted[ids] = True
        keep &= wanted
    for attr, value in (
        ("bassin", request.bassin),
        ("commune", request.commune),
        ("monitoring", request.monitoring),
    ):
        if value:
            keep &= getattr(index, attr) == value
    if request.languages:
        spoken = np.zeros(index.size, dtype=bool)
        for code in request.languages:
            ids = index.by_language.get(code)
            if ids is not None:
                spoken[ids] = True
        keep &= spoken
    if request.free:
        keep &= index.free
    if request.wheelchair:
        keep &= index.wheelchair
    if request.age is not None:
        low = np.nan_to_num(index.min_age, nan=-np.inf)
        high = np.nan_to_num(index.max_age, nan=np.inf)
        keep &= (low <= request.age) & (request.age <= high)
    if request.public:
        wanted = np.zeros(index.size, dtype=bool)
        for word in words(request.public):
            for lang in LANGUAGES:
                for name in ("body", "name"):
                    entry = index.postings[name].get(stem(word, lang))
                    if entry is not None:
                        wanted[entry[0]] = True
        keep &= wanted
    if request.near is not None and request.radius_km is not None:
        keep &= _within(index, request.near, request.radius_km)
    if request.open_at is not None:
        keep &= open_mask(index, request.open_at)
    return keep


def _coverage(index: Index, request: Request) -> np.ndarray:
    coverage = np.where(index.has_areas, 0, 1).astype(np.int8)
    if not (request.person_commune or request.person_bassin):
        return np.ones(index.size, dtype=np.int8)
    for key in (
        REGION,
        f"commune:{request.person_commune}" if request.person_commune else None,
        f"bassin:{request.person_bassin}" if request.person_bassin else None,
    ):
        if key and key in index.by_area:
            coverage[index.by_area[key]] = 2
    return coverage


def search(live: LiveIndex, request: Request) -> Result:
    """Run `request` on `live` (see the module docstring for the order of hits)."""
    base = live.base
    concepts = base.concepts
    stems_known = lambda term: any(seg.knows(term) for seg in live.segments)  # noqa: E731
    query_plan = plan(request.q, request.lang, concepts, base.vocabulary, stems_known)
    messages: list[str] = []
    if query_plan.truncated:
        messages.append("truncated")
    parts = []
    for seg_number, segment in enumerate(live.segments):
        keep = _filter(segment, request, concepts.descendants)
        masks = segment.concept_masks(query_plan)
        if query_plan.empty:
            scores = np.zeros(segment.size)
            matched = keep
        else:
            scores = segment.score(query_plan, masks)
            matched = keep & (scores > 0)
            if query_plan.phrases:
                candidates = np.flatnonzero(matched)
                matched[candidates[~segment.phrase_mask(candidates, query_plan)]] = False
        positions = np.flatnonzero(matched)
        if request.near is not None:
            distance = _distance_km(segment.lat[positions], segment.lon[positions], *request.near)
        else:
            distance = np.full(positions.size, np.nan)
        parts.append(
            (
                seg_number,
                positions,
                scores[positions],
                _coverage(segment, request)[positions],
                distance,
                segment.concept_words(query_plan, masks)[positions],
                [mask[positions] for mask in masks],
            )
        )
    segments = live.segments
    seg = np.concatenate([np.full(p[1].size, p[0], dtype=np.int8) for p in parts])
    positions = np.concatenate([p[1] for p in parts])
    scores = np.concatenate([p[2] for p in parts])
    coverage = np.concatenate([p[3] for p in parts])
    distance = np.concatenate([p[4] for p in parts])
    total = int(positions.size)
    top = float(scores.max()) if total and scores.max() > 0 else 0.0
    concept_words = np.concatenate([p[5] for p in parts])
    if query_plan.concepts and total:
        bands = concept_words.astype(np.float64)  # query words the record's categories explain
    elif top > 0:
        bands = np.floor(RELEVANCE_BANDS * scores / top + 1e-9)
    else:
        bands = np.zeros(total)
    ranks = np.concatenate([_id_rank(live, number)[p[1]] for number, p in enumerate(parts)])
    per_page = max(1, min(int(request.per_page), 200))
    start = (max(1, int(request.page)) - 1) * per_page
    distance_key = np.nan_to_num(distance, nan=np.inf)
    group = bands * 3 + coverage
    chosen = _page_candidates(start + per_page, group, distance_key, scores)
    order = chosen[
        np.lexsort(
            (
                ranks[chosen],
                -scores[chosen],
                distance_key[chosen],
                -group[chosen],
            )
        )
    ]
    needs = _needs(query_plan, concepts)
    if len(needs) >= 2 and total:
        served = np.vstack(
            [
                np.concatenate([np.any([p[6][k] for k in need], axis=0) for p in parts])
                for need in needs
            ]
        )
        ranked = lambda members: members[  # noqa: E731
            np.lexsort((ranks[members], -scores[members], distance_key[members], -group[members]))
        ]
        order = _interleave(start + per_page, served, order, group, distance_key, scores, ranked)
    page = order[start : start + per_page]
    found_terms: dict[int, dict] = {}
    for number, segment in enumerate(segments):
        mine = page[seg[page] == number]
        for k, terms in zip(
            mine, segment.matched_terms_many(positions[mine], query_plan), strict=True
        ):
            found_terms[int(k)] = terms
    hits = []
    for k in page:
        segment = segments[seg[k]]
        position = int(positions[k])
        doc = segment.docs[position]
        moment = request.open_at
        open_state = None
        if moment is not None or doc.hours_known:
            when = moment or hours.now()
            open_state = bool(doc.hours_known) and bool(open_mask_one(doc, when))
        hits.append(
            Hit(
                doc,
                float(scores[k]),
                int(coverage[k]),
                None if math.isnan(distance[k]) else float(distance[k]),
                open_state,
                why(
                    segment,
                    position,
                    query_plan,
                    request,
                    int(coverage[k]),
                    distance[k],
                    found_terms[int(k)],
                ),
            )
        )
    facets = _facets(segments, seg, positions, request)
    return Result(request, query_plan, total, hits, facets, messages, concepts)


def _needs(query_plan: Plan, concepts: Concepts) -> list[list[int]]:
    """The needs a query names: its concepts (indices in the plan) grouped when their categories
    are the same or one holds the other ("OCMW leefloon" is one need, "addicted ... no money" two).
    """
    families = []
    for number, match in enumerate(query_plan.concepts):
        codes = set()
        for code in match.codes:
            codes |= set(concepts.descendants(code)) | set(concepts.ancestors(code))
        joined = [family for family in families if family[0] & codes]
        merged = (
            codes.union(*(f[0] for f in joined)),
            sorted([number, *(i for f in joined for i in f[1])]),
        )
        families = [family for family in families if family not in joined] + [merged]
    return sorted((members for _codes, members in families), key=lambda members: members[0])


def _interleave(need: int, served, order, group, distance, scores, ranked) -> np.ndarray:
    """The first `need` hits when the query names two needs or more (`served`: per need, which
    hits serve it): hits serving every need first, then the best of each need in turn (the need
    whose best hit comes first in `order` leads), then the rest of `order`; within a need its hits
    keep the order of `order`'s keys. So that one need never fills the page."""
    lists = []
    everyone = np.flatnonzero(served.all(axis=0))
    if everyone.size:
        pick = everyone[
            _page_candidates(need, group[everyone], distance[everyone], scores[everyone])
        ]
        lists.append(list(ranked(pick)[:need]))
    turns = []
    for row in served:
        members = np.flatnonzero(row)
        if members.size:
            pick = members[
                _page_candidates(need, group[members], distance[members], scores[members])
            ]
            turns.append(list(ranked(pick)[:need]))
    where = {int(k): i for i, k in enumerate(order)}
    turns.sort(key=lambda hits: where.get(int(hits[0]), len(where)))
    out, seen = [], set()
    for k in lists[0] if lists else []:
        if int(k) not in seen:
            seen.add(int(k))
            out.append(int(k))
    for round_ in range(need):
        for hits in turns:
            if round_ < len(hits) and int(hits[round_]) not in seen:
                seen.add(int(hits[round_]))
                out.append(int(hits[round_]))
        if len(out) >= need:
            break
    out.extend(int(k) for k in order if int(k) not in seen)
    return np.asarray(out, dtype=np.int64)


def _page_candidates(need: int, group, distance, scores) -> np.ndarray:
    """Positions that can be among the first `need` in the order (group desc, distance asc, score
    desc), all ties at the boundary included: the exact order is then sorted on these only."""
    everything = np.arange(group.size)
    if group.size <= 4 * need:
        return everything
    keep = np.zeros(group.size, dtype=bool)
    remaining = need
    for value in np.unique(group)[::-1]:
        members = np.flatnonzero(group == value)
        if members.size <= remaining:
            keep[members] = True
            remaining -= members.size
            if remaining == 0:
                break
            continue
        if members.size > 4 * remaining:
            key = distance[members]
            threshold = np.partition(key, remaining - 1)[remaining - 1]
            members = members[key <= threshold]
            same_distance = members.size == 0 or np.all(distance[members] == distance[members[0]])
            if members.size > 4 * remaining and same_distance:
                key = -scores[members]
                threshold = np.partition(key, remaining - 1)[remaining - 1]
                members = members[key <= threshold]
        keep[members] = True
        break
    return np.flatnonzero(keep)


def _id_rank(live: LiveIndex, number: int) -> np.ndarray:
    """Order of the documents' ids across the base and the overlay (the last tie-breaker)."""
    segment = live.segments[number]
    if number == 0:
        return np.arange(segment.size, dtype=np.float64)
    return (
        np.searchsorted(
            np.asarray(live.base.ids, dtype=object), np.asarray(segment.ids, dtype=object)
        )
        - 0.5
        + (np.arange(segment.size) / (segment.size + 1))
    )


def open_mask_one(doc: Document, moment: dt.datetime) -> bool:
    """Whether one document is open at `moment`."""
    if doc.status in ("temporarily closed", "temporarily_closed") or not doc.hours_known:
        return False
    return hours.is_open(
        doc.rules,
        moment,
        holiday_rules=doc.holiday_rules,
        holiday_closed=doc.holiday_closed,
        closures=doc.closures,
        always_open=doc.display.get("always_open", False),
    )


def why(
    index: Index,
    position: int,
    query_plan: Plan,
    request: Request,
    coverage,
    distance,
    found: dict | None = None,
):
    """Why a document matched: words per field (`found`, when already looked up), synonyms and
    categories, area served, distance."""
    doc = index.docs[position]
    concepts = index.concepts
    if found is None:
        found = index.matched_terms(position, query_plan)
    synonyms = []
    doc_codes = set(doc.categories)
    for match in query_plan.concepts:
        for code in match.codes:
            if doc_codes & concepts.descendants(code):
                synonyms.append(
                    {
                        "query": match.query_text,
                        "phrase": match.phrase,
                        "phrase_lang": match.lang,
                        "category": code,
                    }
                )
                break
    corrected = [{"typed": w.typed, "read_as": w.read_as} for w in query_plan.words if w.corrected]
    area = "unknown"
    if doc.areas:
        area = "serves" if coverage == 2 else "elsewhere"
        if any(layer == "region" for layer, _code in doc.areas):
            area = "region"
    return {
        "words": found,
        "phrases": [phrase.text for phrase in query_plan.phrases],  # each in the record, in order
        "synonyms": synonyms,
        "corrected": corrected,
        "category": doc.primary,
        "area": area,
        "areas": [list(a) for a in doc.areas],
        "distance_km": None if distance is None or math.isnan(distance) else round(distance, 2),
        "distance_exact": doc.exact_point,
    }


def _facets(segments, seg, positions, request: Request) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name, attr in (
        ("category", "primary"),
        ("bassin", "bassin"),
        ("commune", "commune"),
    ):
        counts: dict[str, int] = {}
        for s, segment in enumerate(segments):
            values, inverse = segment.facet_codes[attr]
            n = np.bincount(inverse[positions[seg == s]], minlength=values.size)
            for k in np.flatnonzero(n):
                if values[k]:
                    counts[str(values[k])] = counts.get(str(values[k]), 0) + int(n[k])
        out[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    languages: dict[str, int] = {}
    open_count = 0
    moment = request.open_at or hours.now()
    for s, segment in enumerate(segments):
        chosen = positions[seg == s]
        chosen_set = np.zeros(segment.size, dtype=bool)
        chosen_set[chosen] = True
        for code, ids in segment.by_language.items():
            count = int(chosen_set[ids].sum())
            if count:
                languages[code] = languages.get(code, 0) + count
        open_count += int((open_mask(segment, moment) & chosen_set).sum())
    out["language"] = sorted(languages.items(), key=lambda item: (-item[1], item[0]))
    out["open_now"] = [("1", open_count)]
    return out
