"""Suspected duplicates across sources: the same place and service recorded twice. Pure.

Input: one row per location with a service (location_id, source, name, street, postcode, lon, lat,
category). Pairs are compared when they come from different sources (or from the same source when
`same_source=True`) and are near each other: within `max_m` metres when both have a point, or with the
same postcode otherwise (a record placed by postcode only has no point). For each pair:

* name score: rapidfuzz token-set ratio of the names without generic words (pharmacie, hôpital,
  centre, service, asbl...);
* address score: token-sort ratio of "street number" (100 = same street and number);
* distance score: 100 at 0 m, 0 at `max_m`.

score = 0.5 name + 0.3 address + 0.2 distance (weights re-spread over the scores that exist). A pair is
suspected when score >= `threshold`, and its name score >= 60 or its address score >= 90 (same address,
differently named: e.g. a hospital's emergency department and the hospital site), and their categories
are compatible (same category, or one group such as hospital / emergency department). Commune names are
left out of the name comparison ("CPAS de Forest" is not "Pharmacie de Forest"). The result is the
review queue's input; it never merges anything by itself.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pyproj import Transformer
from rapidfuzz import fuzz

from bassins.directory.brussels import fold

GENERIC = {
    "pharmacie",
    "pharmacy",
    "apotheek",
    "pharma",
    "hopital",
    "hospital",
    "ziekenhuis",
    "clinique",
    "cliniques",
    "kliniek",
    "centre",
    "center",
    "centrum",
    "service",
    "services",
    "dienst",
    "asbl",
    "vzw",
    "sa",
    "nv",
    "srl",
    "sprl",
    "bvba",
    "de",
    "la",
    "le",
    "les",
    "du",
    "des",
    "d",
    "l",
    "het",
    "van",
    "en",
    "et",
    "site",
    "st",
    "saint",
    "sint",
    "bruxelles",
    "brussel",
    "cv",
    "univ",
    "universitaire",
    "universitair",
    "hospitalier",
}
#: Categories that may describe the same place (a hospital site and its emergency department...).
COMPATIBLE = [
    {"hospital", "hospital_emergency", "hospital_psychiatric", "mental_health"},
    {"pharmacy"},
    {"gp_on_call", "medical_house", "hospital_emergency"},
]


def compatible(a: str | None, b: str | None) -> bool:
    """Unknown categories are compatible with anything; known ones when equal or in one group."""
    if not a or not b or a == b:
        return True
    return any(a in group and b in group for group in COMPATIBLE)


COLUMNS = [
    "left",
    "right",
    "left_source",
    "right_source",
    "left_name",
    "right_name",
    "name_score",
    "address_score",
    "distance_m",
    "score",
    "reason",
]
#: The parts of a pair's `reason` (joined by ", "), in English: the review queue stores this text and
#: `reason_parts` reads it back, so that pages can show it in the reader's language.
REASONS = {
    "similar_names": "similar names ({})",
    "same_address": "same address",
    "apart": "{} m apart",
    "same_postcode": "same postcode {}",
}
_REASON_PATTERNS = {
    key: re.compile("^" + re.escape(text).replace(r"\{\}", "(.+)") + "$")
    for key, text in REASONS.items()
}


def reason_parts(reason: str) -> list[tuple[str, str]]:
    """A stored reason -> [(part key, its value)], e.g. "similar names (87), 12 m apart" ->
    [("similar_names", "87"), ("apart", "12")]. A part this version does not know is ("", text)."""
    parts = []
    for text in (reason or "").split(", "):
        if not text:
            continue
        for key, pattern in _REASON_PATTERNS.items():
            found = pattern.match(text)
            if found:
                parts.append((key, found.group(1) if pattern.groups else ""))
                break
        else:
            parts.append(("", text))
    return parts


def _commune_words() -> set[str]:
    from bassins.directory.brussels import COMMUNES

    return {word for names in COMMUNES.values() for name in names for word in fold(name).split()}


GENERIC |= _commune_words()


def name_key(name: str) -> str:
    """The folded name without its generic words, to compare names of services."""
    return " ".join(word for word in fold(name).split() if word not in GENERIC)


def candidates(
    records: pd.DataFrame,
    *,
    max_m: float = 150.0,
    threshold: float = 70.0,
    same_source: bool = False,
) -> pd.DataFrame:
    """Suspected duplicate pairs (left < right by location id), best first."""
    if records.empty:
        return pd.DataFrame(columns=COLUMNS)
    records = records.reset_index(drop=True)
    ids = records["location_id"].astype(str).to_numpy()
    sources = records["source"].astype(str).to_numpy()
    names = [name_key(n or "") for n in records["name"]]
    streets = [fold(s or "") for s in records["street"]]
    postcodes = records["postcode"].fillna("").astype(str).to_numpy()
    lon = pd.to_numeric(records["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(records["lat"], errors="coerce").to_numpy(dtype=float)
    has_point = np.isfinite(lon) & np.isfinite(lat)
    x = np.full(len(records), np.nan)
    y = np.full(len(records), np.nan)
    if has_point.any():
        transformer = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
        x[has_point], y[has_point] = transformer.transform(lon[has_point], lat[has_point])
    pairs: dict[tuple[int, int], None] = {}
    points = np.flatnonzero(has_point)
    for position, i in enumerate(points):
        rest = points[position + 1 :]
        if rest.size == 0:
            break
        distance = np.hypot(x[rest] - x[i], y[rest] - y[i])
        for j in rest[distance <= max_m]:
            pairs[(int(i), int(j))] = None
    by_postcode: dict[str, list[int]] = {}
    for i, postcode in enumerate(postcodes):
        if postcode:
            by_postcode.setdefault(postcode, []).append(i)
    for members in by_postcode.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if has_point[i] and has_point[j]:
                    continue
                pairs[(i, j)] = None
    categories = (
        records["category"].tolist() if "category" in records.columns else [None] * len(records)
    )
    rows = []
    for i, j in pairs:
        if not same_source and sources[i] == sources[j]:
            continue
        if not compatible(categories[i], categories[j]):
            continue
        name_score = (
            float(fuzz.token_set_ratio(names[i], names[j])) if names[i] and names[j] else 0.0
        )
        address_score = (
            float(fuzz.token_sort_ratio(streets[i], streets[j]))
            if streets[i] and streets[j]
            else None
        )
        distance = (
            float(np.hypot(x[i] - x[j], y[i] - y[j])) if has_point[i] and has_point[j] else None
        )
        parts = [(0.5, name_score)]
        if address_score is not None:
            parts.append((0.3, address_score))
        if distance is not None:
            parts.append((0.2, 100.0 * max(0.0, 1.0 - distance / max_m)))
        score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
        same_address = address_score is not None and address_score >= 90
        if score < threshold and not (same_address and name_score >= 40):
            continue
        if name_score < 60 and not same_address:
            continue
        reasons = []
        if name_score >= 60:
            reasons.append(REASONS["similar_names"].format(f"{name_score:.0f}"))
        if same_address:
            reasons.append(REASONS["same_address"])
        if distance is not None:
            reasons.append(REASONS["apart"].format(f"{distance:.0f}"))
        elif postcodes[i] and postcodes[i] == postcodes[j]:
            reasons.append(REASONS["same_postcode"].format(postcodes[i]))
        left, right = sorted((i, j), key=lambda k: ids[k])
        rows.append(
            {
                "left": ids[left],
                "right": ids[right],
                "left_source": sources[left],
                "right_source": sources[right],
                "left_name": records["name"][left],
                "right_name": records["name"][right],
                "name_score": round(name_score, 1),
                "address_score": None if address_score is None else round(address_score, 1),
                "distance_m": None if distance is None else round(distance, 1),
                "score": round(score, 1),
                "reason": ", ".join(reasons),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["score", "left", "right"], ascending=[False, True, True]).reset_index(
        drop=True
    )
