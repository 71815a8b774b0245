"""Attention zones ("zones aux besoins particuliers"): where an area is significantly worse than the
region. Pure.

- `significant`: the areas whose 99.8% interval lies wholly on the worse side of the region's value
  (comparison998 == "worse", Fingertips' rule): a statistical statement.
- `worst_fifth`: for indicators published without counts (the Monitoring's rates and medians, the
  BIMD score) no interval can be computed, so no significance: the areas in the worst fifth of
  their layer are listed separately, and said to be a ranking, not a test.
- `bassin_summary`: both lists restricted to the areas lying (wholly or partly) in one bassin, with
  the bassin's own comparisons.
"""

from __future__ import annotations

import pandas as pd

from bassins.indicators import stats, tidy
from bassins.indicators.registry import Indicator

COLUMNS = [
    "indicator",
    "layer",
    "area_code",
    "period",
    "category",
    "value",
    "lower998",
    "upper998",
    "region_value",
    "count",
]


def _latest(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the latest period of each indicator, without age or sex breakdown."""
    rows = table[(table["sex"] == tidy.ALL) & (table["age_band"] == tidy.ALL)]
    latest = rows.groupby("indicator")["period"].transform("max")
    return rows[rows["period"] == latest]


def significant(table: pd.DataFrame, *, level: str = "998") -> pd.DataFrame:
    """Areas significantly worse than the region (99.8% by default), latest period of each indicator."""
    rows = _latest(tidy.normalise(table))
    region = rows[rows["layer"] == "region"].set_index(["indicator", "period", "category"])["value"]
    worse = rows[rows[f"comparison{level}"] == stats.WORSE].copy()
    keys = pd.MultiIndex.from_frame(worse[["indicator", "period", "category"]])
    worse["region_value"] = region.reindex(keys).to_numpy()
    return worse[COLUMNS].reset_index(drop=True)


def worst_fifth(table: pd.DataFrame, registry: dict[str, Indicator]) -> pd.DataFrame:
    """Areas in the worst fifth of their layer on indicators without interval but with a polarity."""
    rows = _latest(tidy.normalise(table))
    pieces = []
    for (indicator_id, _layer), group in rows.groupby(["indicator", "layer"]):
        indicator = registry.get(indicator_id)
        if indicator is None or indicator.has_interval or indicator.polarity == stats.NO_POLARITY:
            continue
        values = group.dropna(subset=["value"])
        if len(values) < 5:
            continue
        worse_high = indicator.polarity == stats.HIGHER_IS_WORSE
        cut = values["value"].quantile(0.8 if worse_high else 0.2)
        chosen = values[values["value"] >= cut] if worse_high else values[values["value"] <= cut]
        pieces.append(chosen.assign(region_value=float("nan")))
    if not pieces:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(pieces, ignore_index=True)[COLUMNS]


def areas_of_bassin(membership: pd.DataFrame, bassin: str) -> dict[str, set[str]]:
    """The area codes of every layer with at least one sector in `bassin` (sector: the index)."""
    inside = membership[membership["bassin"] == bassin]
    out = {"sector": set(inside.index.astype(str))}
    for layer in inside.columns:
        if layer in ("bassin", "region"):
            continue
        out[layer] = {str(c) for c in inside[layer].dropna().unique()}
    out["bassin"] = {bassin}
    return out


def bassin_summary(
    table: pd.DataFrame, membership: pd.DataFrame, bassin: str, registry: dict[str, Indicator]
) -> dict:
    """The attention zones of one bassin: {"significant": frame, "ranked": frame, "counts": {layer:
    number of distinct areas significantly worse on at least one indicator}}."""
    inside = areas_of_bassin(membership, bassin)

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        mask = [
            code in inside.get(layer, set())
            for layer, code in zip(frame["layer"], frame["area_code"], strict=True)
        ]
        return frame[mask].reset_index(drop=True)

    found = keep(significant(table))
    ranked = keep(worst_fifth(table, registry))
    counts = found.groupby("layer")["area_code"].nunique().to_dict() if len(found) else {}
    return {
        "significant": found,
        "ranked": ranked,
        "counts": {k: int(v) for k, v in counts.items()},
    }
