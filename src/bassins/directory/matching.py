"""Link crowd-sourced features (OpenStreetMap) to the official record of the same place. Pure.

A pair (feature, official record) is a candidate when
* `place`: they are at most `near_m` apart (25 m): a licensed pharmacy is a place, and two pharmacies are
  practically never that close; names often differ after a change of owner or brand, or are missing
  in OSM (the AFMPS register names the holder);
* `name`: the names are similar (rapidfuzz token-set ratio >= `min_name` after folding and removing
  generic words such as "pharmacie", "apotheek", legal forms) and at most `max_m` apart (150 m);
* `same_name`: identical informative names at most `far_m` apart (300 m: an address re-geocoded).

Candidates are ranked by a score mixing name similarity (60 %) and closeness (40 %) and assigned one to
one, best first (each official record takes at most one feature). Distances are computed in Belgian
Lambert 72 (metres). The result says, for every feature, the record it is linked to, the distance, the
name score and the rule, or why it is left unmatched.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Transformer
from rapidfuzz import fuzz

from bassins.directory.brussels import fold

GENERIC_WORDS = {
    "pharmacie",
    "pharmacies",
    "pharmacy",
    "apotheek",
    "apotheken",
    "apotheke",
    "officine",
    "pharma",
    "de",
    "la",
    "le",
    "les",
    "du",
    "des",
    "l",
    "d",
    "het",
    "van",
    "der",
    "den",
    "et",
    "en",
    "and",
    "sa",
    "nv",
    "sprl",
    "bvba",
    "srl",
    "bv",
    "cv",
    "scrl",
    "cvba",
    "scs",
    "comm",
    "v",
    "asbl",
    "vzw",
}
MATCH_COLUMNS = ["key", "location_id", "distance_m", "name_score", "rule", "score"]


def name_key(name: str | None) -> str:
    """'Pharmacie De La Couronne SPRL' -> 'couronne'."""
    words = [word for word in fold(name or "").split() if word not in GENERIC_WORDS]
    return " ".join(words)


def _lambert72(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    x, y = transformer.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def match(
    features: pd.DataFrame,
    official: pd.DataFrame,
    *,
    near_m: float = 25.0,
    max_m: float = 150.0,
    far_m: float = 300.0,
    min_name: float = 85.0,
) -> pd.DataFrame:
    """One row per feature: key, location_id (None when unmatched), distance_m, name_score, rule, score.

    features: columns key, name, lon, lat. official: columns location_id, name, lon, lat.
    `rule` is "place", "name", "same_name" or, when unmatched, "unmatched" (with the nearest record's
    distance and name score, for the report).
    """
    result = pd.DataFrame({"key": features["key"].to_numpy(dtype=object)})
    result["location_id"] = None
    result["distance_m"] = np.nan
    result["name_score"] = np.nan
    result["rule"] = "unmatched"
    result["score"] = np.nan
    if features.empty or official.empty:
        return result[MATCH_COLUMNS]
    fx, fy = _lambert72(features["lon"], features["lat"])
    ox, oy = _lambert72(official["lon"], official["lat"])
    feature_names = [name_key(name) for name in features["name"]]
    official_names = [name_key(name) for name in official["name"]]
    official_ids = official["location_id"].to_numpy(dtype=object)
    candidates: list[tuple[float, int, int, float, float, str]] = []
    nearest: dict[int, tuple[float, float]] = {}
    for i in range(len(features)):
        distances = np.hypot(ox - fx[i], oy - fy[i])
        closest = int(np.argmin(distances))
        nearest[i] = (
            float(distances[closest]),
            _name_score(feature_names[i], official_names[closest]),
        )
        for j in np.flatnonzero(distances <= far_m):
            distance = float(distances[j])
            score_name = _name_score(feature_names[i], official_names[j])
            if distance <= near_m:
                rule = "place"
            elif distance <= max_m and score_name >= min_name:
                rule = "name"
            elif score_name == 100.0 and len(feature_names[i]) >= 4:
                rule = "same_name"
            else:
                continue
            closeness = 100.0 * (1.0 - min(distance, far_m) / far_m)
            candidates.append(
                (0.6 * score_name + 0.4 * closeness, i, int(j), distance, score_name, rule)
            )
    candidates.sort(key=lambda c: (-c[0], c[3], c[1], c[2]))
    taken_features: set[int] = set()
    taken_official: set[int] = set()
    for score, i, j, distance, score_name, rule in candidates:
        if i in taken_features or j in taken_official:
            continue
        taken_features.add(i)
        taken_official.add(j)
        result.loc[i, ["location_id", "distance_m", "name_score", "rule", "score"]] = [
            official_ids[j],
            round(distance, 1),
            round(score_name, 1),
            rule,
            round(score, 1),
        ]
    for i, (distance, score_name) in nearest.items():
        if i not in taken_features:
            result.loc[i, ["distance_m", "name_score"]] = [round(distance, 1), round(score_name, 1)]
    return result[MATCH_COLUMNS]


def _name_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(a, b))


def describe(matches: pd.DataFrame) -> dict[str, int]:
    """Counts for the import report: matched, unmatched, and matched per rule."""
    counts = {"features": int(len(matches)), "matched": int(matches["location_id"].notna().sum())}
    counts["unmatched"] = counts["features"] - counts["matched"]
    for rule in ("place", "name", "same_name"):
        counts[f"matched_by_{rule}"] = int((matches["rule"] == rule).sum())
    return counts
