"""Rates per 1,000 inhabitants, shares of the regional total and rankings.

Pure (no Django). Every rate row carries the population's reference date, basis ("official",
"inferred date", "estimated") and method, so that a page can say next to each figure what it rests on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.offer.counts import TOTAL, LayerCounts
from bassins.population.aggregate import LayerPopulation

PER = 1000


def rates(
    counts: LayerCounts, population: LayerPopulation, *, column: str = TOTAL, per: int = PER
) -> pd.DataFrame:
    """Per area: count, population, rate per `per` inhabitants, share of the regional total, and the
    population's reference_date, basis, method and estimated part. A rate is NaN where the area has no
    population (parks, industrial zones) or none is known."""
    if population.layer != counts.layer:
        raise ValueError(
            f"population of layer {population.layer!r} for counts of layer {counts.layer!r}"
        )
    count = counts.table[column]
    pop = population.values["population"].reindex(count.index)
    frame = pd.DataFrame({"count": count.astype(int), "population": pop})
    frame["rate"] = np.where(
        frame["population"] > 0, frame["count"] / frame["population"] * per, np.nan
    )
    regional = counts.region[column]
    frame["share"] = frame["count"] / regional if regional else np.nan
    for name in ("reference_date", "basis", "method", "estimated"):
        frame[name] = population.values[name].reindex(count.index)
    return frame


def region_rate(
    counts: LayerCounts, region_population: LayerPopulation, *, column: str = TOTAL, per: int = PER
) -> dict:
    """The regional figure to compare with: units placed in the region / regional population."""
    pop = region_population.values.iloc[0]
    count = int(counts.region[column])
    return {
        "count": count,
        "population": float(pop["population"]),
        "rate": count / pop["population"] * per if pop["population"] else float("nan"),
        "reference_date": pop["reference_date"],
        "basis": pop["basis"],
        "method": pop["method"],
    }


def rank(values: pd.Series, *, ascending: bool = False) -> pd.Series:
    """Rank 1 = highest (or lowest with ascending=True); ties share the smallest rank; NaN has no rank."""
    return values.rank(method="min", ascending=ascending, na_option="keep").astype("Int64")
