"""Rates per 1,000 inhabitants with their 95% intervals, shares of the regional total and rankings.

Pure (no Django). Like is compared with like: the rate of an area counts the units placed in it PLUS its
ESTIMATED share of the units of the region that cannot be placed at this layer (`counts.apportion`), and
the regional benchmark of a layer is the regional count over the sum of the same areas' populations. So
the population-weighted mean of the areas' rates equals the region's rate, for every layer, view and
category (tested). Every rate row carries its count (placed, estimated), its 95% interval
(`intervals`: exact Poisson below 10 units, Byar's method from there) and the population's reference
date, basis ("official", "inferred date", "estimated") and method.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.offer import intervals
from bassins.offer.counts import TOTAL, Apportionment, LayerCounts
from bassins.population.aggregate import LayerPopulation

PER = 1000
SMALL = 5  # a figure resting on fewer units is marked, and left out of the charts


def rates(
    counts: LayerCounts,
    population: LayerPopulation,
    *,
    column: str = TOTAL,
    per: int = PER,
    apportionment: Apportionment | None = None,
) -> pd.DataFrame:
    """Per area: placed units, estimated units (apportioned), count (= placed + estimated), population,
    rate per `per` inhabitants with its 95% interval (rate_low, rate_high, ci_method), rate_placed (the
    units placed only), share of the regional total, small (count < SMALL), and the population's
    reference_date, basis, method and estimated part. A rate is NaN where the area has no population
    (parks, industrial zones) or none is known."""
    if population.layer != counts.layer:
        raise ValueError(
            f"population of layer {population.layer!r} for counts of layer {counts.layer!r}"
        )
    placed = counts.table[column].astype(int)
    estimated = (
        apportionment.estimated[column].reindex(placed.index).fillna(0.0)
        if apportionment is not None
        else pd.Series(0.0, index=placed.index)
    )
    pop = population.values["population"].reindex(placed.index)
    frame = pd.DataFrame({"placed": placed, "estimated": estimated})
    frame["count"] = frame["placed"] + frame["estimated"]
    frame["population"] = pop
    has_pop = frame["population"] > 0
    frame["rate"] = np.where(has_pop, frame["count"] / frame["population"] * per, np.nan)
    low, high = intervals.count_limits_array(frame["count"].to_numpy(dtype=float))
    population_known = has_pop.to_numpy()
    pop_values = frame["population"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["rate_low"] = np.where(population_known, low / pop_values * per, np.nan)
        frame["rate_high"] = np.where(population_known, high / pop_values * per, np.nan)
    frame["ci_method"] = np.where(frame["count"] < intervals.EXACT_BELOW, "exact", "byar")
    frame["rate_placed"] = np.where(has_pop, frame["placed"] / frame["population"] * per, np.nan)
    regional = counts.region[column]
    frame["share"] = frame["count"] / regional if regional else np.nan
    frame["small"] = frame["count"] < SMALL
    for name in ("reference_date", "basis", "method", "estimated"):
        frame[f"population_{name}" if name == "estimated" else name] = population.values[
            name
        ].reindex(placed.index)
    return frame


def region_rate(
    counts: LayerCounts,
    region_population: LayerPopulation,
    *,
    column: str = TOTAL,
    per: int = PER,
    areas_population: LayerPopulation | None = None,
) -> dict:
    """The regional figure to compare with: the units in the region over the regional population.

    With `areas_population` (the population of the areas of a layer), the denominator is the sum of
    those areas' populations (the same people as the areas' rates); the official regional total is kept
    beside it (`official_population`) with the difference (`population_gap`: residents filed under no
    known sector)."""
    pop = region_population.values.iloc[0]
    official = float(pop["population"])
    population = official
    if areas_population is not None:
        population = float(areas_population.values["population"].fillna(0).sum())
    count = int(counts.region[column])
    low, high = intervals.rate_limits(count, population, per)
    return {
        "count": count,
        "population": population,
        "official_population": official,
        "population_gap": official - population,
        "rate": count / population * per if population else float("nan"),
        "rate_low": low,
        "rate_high": high,
        "ci_method": intervals.method_of(count),
        "reference_date": pop["reference_date"],
        "basis": pop["basis"],
        "method": pop["method"],
    }


def weighted_mean_rate(frame: pd.DataFrame, per: int = PER) -> float:
    """The population-weighted mean of the areas' rates: sum of rate × population over the areas with a
    population, plus the units of the areas without one (their rate × population is their count),
    over the sum of the populations."""
    populated = frame["population"] > 0
    weights = frame.loc[populated, "population"]
    total = (frame.loc[populated, "rate"] * weights).sum() / per + frame.loc[
        ~populated, "count"
    ].sum()
    return float(total / weights.sum() * per) if weights.sum() else np.nan


def rank(values: pd.Series, *, ascending: bool = False) -> pd.Series:
    """Rank 1 = highest (or lowest with ascending=True); ties share the smallest rank; NaN has no rank."""
    return values.rank(method="min", ascending=ascending, na_option="keep").astype("Int64")
