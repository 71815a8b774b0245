"""Equity of accessibility: Gini, concentration index against deprivation, and the basic-services
basket (the share of the population beyond X minutes of it), by area.

- `gini(values, weights)`: the population-weighted Gini coefficient of the access values (0 = every
  person has the same access, 1 = one point has all of it), from the Lorenz curve of the points.
- `concentration_index(values, deprivation, weights)`: Wagstaff's concentration index of access
  against a deprivation ranking: people ranked from the most deprived (highest score) to the least,
  C = 2 cov_w(access, fractional rank) / mean access. C < 0: access is concentrated among the more
  deprived; C > 0: among the less deprived. Points without a deprivation score are left out and
  counted.
- The basket (`basket.csv` beside this module): items, each a set of directory categories; a person
  is "beyond X minutes of the basket" when at least one item has no site within X minutes.
  `basket_shares` gives, per area, the population, the people beyond X of each item and of the
  basket, and the shares.

Pure module: no Django.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bassins.errors import InputError
from bassins.territory.tables import check_columns

BASKET_FILE = Path(__file__).with_name("basket.csv")


@dataclass(frozen=True)
class BasketItem:
    """One item of the basic-services basket: the directory categories that satisfy it."""

    item: str
    labels: dict[str, str]
    categories: tuple[str, ...]


def read_basket(path: Path | str = BASKET_FILE) -> list[BasketItem]:
    """The basket items of `path` (item, label_en, label_fr, label_nl, categories space-separated)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = []
    for line, row in enumerate(rows, start=2):
        categories = tuple((row.get("categories") or "").split())
        if not row.get("item") or not categories:
            raise InputError(
                "a basket item needs an item code and categories", source=str(path), row=line
            )
        items.append(
            BasketItem(
                row["item"],
                {lang: row.get(f"label_{lang}") or row["item"] for lang in ("en", "fr", "nl")},
                categories,
            )
        )
    return items


def _clean(values, weights) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(values, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    keep = np.isfinite(x) & (w > 0)
    return x[keep], w[keep]


def gini(values, weights=None) -> float:
    """Population-weighted Gini coefficient of `values` (>= 0); NaN when nobody or no access."""
    x, w = _clean(values, weights)
    if not len(x) or (x < 0).any():
        if (x < 0).any():
            raise InputError("the Gini coefficient needs values >= 0")
        return float("nan")
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    total = (x * w).sum()
    if total == 0:
        return float("nan")
    p = np.concatenate([[0.0], np.cumsum(w) / w.sum()])
    lorenz = np.concatenate([[0.0], np.cumsum(x * w) / total])
    return float(1.0 - np.sum((p[1:] - p[:-1]) * (lorenz[1:] + lorenz[:-1])))


def concentration_index(values, deprivation, weights=None) -> dict:
    """Concentration index of `values` against `deprivation` (higher = more deprived): {"index",
    "points", "people", "left_out"} (see the module for the sign)."""
    x = np.asarray(values, dtype=float)
    d = np.asarray(deprivation, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    keep = np.isfinite(x) & np.isfinite(d) & (w > 0)
    left_out = int((~keep & (w > 0)).sum())
    x, d, w = x[keep], d[keep], w[keep]
    result = {
        "index": float("nan"),
        "points": int(len(x)),
        "people": float(w.sum()),
        "left_out": left_out,
    }
    if not len(x):
        return result
    order = np.argsort(-d, kind="stable")  # most deprived first
    x, w = x[order], w[order]
    total = w.sum()
    rank = (np.cumsum(w) - w / 2) / total
    mean = (x * w).sum() / total
    if mean == 0:
        return result
    cov = ((x - mean) * (rank - 0.5) * w).sum() / total
    result["index"] = float(2 * cov / mean)
    return result


def read_deprivation(path: Path | str) -> pd.Series:
    """BIMD 2011 deprivation score per sector (CD_RES_SECTOR, score): higher = more deprived."""
    table = pd.read_csv(path, dtype={"CD_RES_SECTOR": str})
    check_columns(table, ["CD_RES_SECTOR", "score"], Path(path).name)
    return pd.to_numeric(table.set_index("CD_RES_SECTOR")["score"], errors="raise").astype(float)


def basket_shares(
    item_minutes: dict[str, np.ndarray],
    demand: np.ndarray,
    areas: pd.Series | np.ndarray,
    max_minutes: float,
) -> pd.DataFrame:
    """Per area: population, beyond_<item> (people with no site of the item within `max_minutes`),
    beyond_basket (at least one item beyond), share_basket; plus a row "all" for the whole set.

    item_minutes: item -> nearest minutes per demand point (inf when none within the cut)."""
    demand = np.asarray(demand, dtype=float)
    areas = pd.Series(np.asarray(areas, dtype=object))
    frame = pd.DataFrame({"area": areas.fillna("(none)"), "population": demand})
    beyond_any = np.zeros(len(demand), dtype=bool)
    for item, minutes in item_minutes.items():
        beyond = ~(np.asarray(minutes, dtype=float) <= max_minutes)
        beyond_any |= beyond
        frame[f"beyond_{item}"] = demand * beyond
    frame["beyond_basket"] = demand * beyond_any
    grouped = frame.groupby("area").sum()
    grouped.loc["all"] = frame.drop(columns="area").sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        for column in [c for c in grouped.columns if c.startswith("beyond_")]:
            grouped[column.replace("beyond_", "share_")] = grouped[column] / grouped["population"]
    return grouped
