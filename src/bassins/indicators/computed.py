"""Indicators computed from what the platform holds. Pure.

- area (km²) and density (residents per km²) per sector, summed to every layer (a density is the sum
  of residents over the sum of areas, never an average of densities);
- services per 1,000 residents by category, pharmacies and emergency departments per 10,000, from
  the offer's counts per sector (`offer_rows`), with the population as denominator;
- the shares of 65+ and 80+ and the age dependency ratio are built with the age bands
  (`importers.read_age_bands`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.codes import SECTOR
from bassins.indicators import tidy

#: The offer's categories counted as pharmacies and as emergency departments.
PHARMACY_CATEGORIES = ("pharmacy",)
EMERGENCY_CATEGORIES = ("hospital_emergency",)


def area_rows(sectors: pd.DataFrame, period: str = "2022") -> pd.DataFrame:
    """The area of every sector (km², from `area_km2`)."""
    return tidy.normalise(
        pd.DataFrame(
            {
                "indicator": "area_km2",
                "layer": SECTOR,
                "area_code": sectors.index.astype(str),
                "period": period,
                "count": sectors["area_km2"].astype(float).to_numpy(),
                "source_file": "boundaries/statbel_sectors_bxl_2022.gpkg",
            }
        )
    )


def density_rows(sectors: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Residents (count) over km² (denominator) per sector, from a sector population (tidy frame of
    `bassins.population.readers`); the pseudo-sectors of unknown residents are left out."""
    people = population.set_index("area_code")["population"].astype(float)
    people = people[people.index.isin(sectors.index)]
    area = sectors["area_km2"].astype(float).reindex(people.index)
    period = str(population["reference_date"].iloc[0].year)
    return tidy.normalise(
        pd.DataFrame(
            {
                "indicator": "density",
                "layer": SECTOR,
                "area_code": people.index.astype(str),
                "period": period,
                "count": people.to_numpy(),
                "denominator": area.to_numpy(),
                "source_file": population["source_file"].iloc[0],
            }
        )
    )


def offer_rows(
    units: pd.DataFrame, population: pd.DataFrame, layers: tuple[str, ...]
) -> pd.DataFrame:
    """Rates of services per area from the offer's units (one row per located unit of a view).

    units: columns `category` and `at_<layer>` (the unit's area at each layer, null when its
    location is not precise enough for that layer, as `bassins.offer.views` places them);
    population: the tidy rows of the indicator "population" (count = residents) at those layers.
    Gives services_per_1000 by category (category column), pharmacies_per_10000 and
    emergency_per_10000 for every area with a population (zero counts included: 0 with its interval).
    Each layer counts the units placed at that layer: a unit known only by its commune counts for
    its commune and the region, not for a bassin that splits the commune.
    """
    pieces = []
    for layer in layers:
        column = f"at_{layer}"
        people = population[population["layer"] == layer].set_index("area_code")["count"]
        if column not in units.columns or people.empty:
            continue
        placed = units.dropna(subset=[column])
        placed = placed[placed[column].astype(str).isin(people.index)]
        table = (
            placed.groupby([placed[column].astype(str), "category"]).size().unstack(fill_value=0)
        )
        table = table.reindex(people.index, fill_value=0)
        period = str(population["period"].iloc[0])
        for category in table.columns:
            pieces.append(
                _rate_frame("services_per_1000", layer, table[category], people, period, category)
            )
        for indicator, categories in (
            ("pharmacies_per_10000", PHARMACY_CATEGORIES),
            ("emergency_per_10000", EMERGENCY_CATEGORIES),
        ):
            present = [c for c in categories if c in table.columns]
            count = table[present].sum(axis=1) if present else pd.Series(0, index=table.index)
            pieces.append(_rate_frame(indicator, layer, count, people, period, ""))
    if not pieces:
        return tidy.empty()
    return tidy.normalise(pd.concat(pieces, ignore_index=True))


def _rate_frame(indicator, layer, count, people, period, category) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": indicator,
            "layer": layer,
            "area_code": count.index.astype(str),
            "period": period,
            "category": category,
            "count": count.to_numpy(dtype=float),
            "denominator": people.reindex(count.index).to_numpy(dtype=float),
            "source_file": "offer analysis (sites view) and population",
            "value_note": np.where(
                count.to_numpy() < 10, "fewer than 10 services: exact interval", ""
            ),
        }
    )
