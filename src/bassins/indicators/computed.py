"""Indicators computed from what the platform holds. Pure.

- area (km²) and density (residents per km²) per sector, summed to every layer (a density is the sum
  of residents over the sum of areas, never an average of densities);
- services per 1,000 residents by category, pharmacies and emergency departments per 10,000, from
  the offer analysis (`offer_layers`, `offer_rows`): the same counts (placed + estimated share),
  populations and rates as the offer pages, for the sites view (`OFFER_VIEW`);
- the shares of 65+ and 80+ and the age dependency ratio are built with the age bands
  (`importers.read_age_bands`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from bassins.codes import SECTOR
from bassins.indicators import tidy
from bassins.indicators.poisson import EXACT_BELOW
from bassins.offer.counts import TOTAL

#: The offer's categories counted as pharmacies and as emergency departments.
PHARMACY_CATEGORIES = ("pharmacy",)
EMERGENCY_CATEGORIES = ("hospital_emergency",)
#: The offer's view the indicators count: the sites of the services (where they are delivered).
OFFER_VIEW = "site"
VIEW_LABELS = {
    "site": "sites view",
    "head_office": "head-office view",
    "area_served": "areas served",
}
#: An estimated share below this is rounding noise of the apportionment, not an estimated unit.
ESTIMATED_TOLERANCE = 1e-9


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


@dataclass(frozen=True)
class OfferLayer:
    """The offer analysis's figures of one layer, exactly as the offer pages use them.

    placed: `LayerCounts.table` (area x categories + total, the units placed in each area);
    estimated: `Apportionment.estimated` (same shape, float: each area's estimated share of the units
    of the region that cannot be placed at this layer); population: the offer's population of each
    area (`LayerPopulation.values["population"]`); period: the population's reference year.
    """

    placed: pd.DataFrame
    estimated: pd.DataFrame
    population: pd.Series
    period: str


def offer_layers(analysis, layers, view: str = OFFER_VIEW) -> dict[str, OfferLayer]:
    """The `OfferLayer` of every layer of `layers` that the analysis (`bassins.offer.analysis.
    OfferAnalysis`) has with a population, for `view` (the sites by default)."""
    out = {}
    for layer in layers:
        population = analysis.population(layer)
        if layer not in analysis.layers or population is None:
            continue
        counts = analysis.counts(view, layer)
        estimated = analysis.apportioned(view, layer).estimated
        out[layer] = OfferLayer(
            placed=counts.table,
            estimated=estimated.reindex(index=counts.table.index, columns=counts.table.columns),
            population=population.values["population"],
            period=str(population.reference_date.year),
        )
    return out


def offer_rows(layers: Mapping[str, OfferLayer], view: str = OFFER_VIEW) -> pd.DataFrame:
    """Services per 1,000 residents by category (category column), pharmacies and emergency
    departments per 10,000, per area of each layer, from the offer analysis's tables (`offer_layers`).

    The same figures as the offer pages (one source of truth): count = the units placed in the area
    PLUS its estimated (apportioned) share of the units that cannot be placed at this layer (float),
    denominator = the offer's population of the area; the rate and its limits follow (`tidy.compute`:
    exact Poisson below 10, Byar from 10, on the non-integer count, as `bassins.offer.rates`). A row
    holding an estimated part is `estimated` and its note says how many units are estimated. Only the
    areas with a population get a row (zero counts included).
    """
    pieces = []
    for layer, tables in layers.items():
        people = tables.population.astype(float)
        people = people[people > 0]
        placed = tables.placed.reindex(people.index).fillna(0).astype(float)
        estimated = (
            tables.estimated.reindex(index=people.index, columns=tables.placed.columns)
            .fillna(0.0)
            .astype(float)
        )
        for category in [c for c in placed.columns if c != TOTAL]:
            pieces.append(
                _rate_frame(
                    "services_per_1000",
                    layer,
                    placed[category],
                    estimated[category],
                    people,
                    tables.period,
                    category,
                    view,
                )
            )
        for indicator, categories in (
            ("pharmacies_per_10000", PHARMACY_CATEGORIES),
            ("emergency_per_10000", EMERGENCY_CATEGORIES),
        ):
            present = [c for c in categories if c in placed.columns]
            zero = pd.Series(0.0, index=people.index)
            pieces.append(
                _rate_frame(
                    indicator,
                    layer,
                    placed[present].sum(axis=1) if present else zero,
                    estimated[present].sum(axis=1) if present else zero,
                    people,
                    tables.period,
                    "",
                    view,
                )
            )
    if not pieces:
        return tidy.empty()
    return tidy.normalise(pd.concat(pieces, ignore_index=True))


def _rate_frame(indicator, layer, placed, estimated, people, period, category, view):
    count = (placed + estimated).to_numpy(dtype=float)
    part = estimated.to_numpy(dtype=float)
    has_part = part > ESTIMATED_TOLERANCE
    notes = [
        "; ".join(
            text
            for text in (
                f"includes {e:.2f} estimated (apportioned) units" if flag else "",
                "fewer than 10 services: exact interval" if c < EXACT_BELOW else "",
            )
            if text
        )
        for c, e, flag in zip(count, part, has_part, strict=True)
    ]
    return pd.DataFrame(
        {
            "indicator": indicator,
            "layer": layer,
            "area_code": placed.index.astype(str),
            "period": period,
            "category": category,
            "count": count,
            "denominator": people.reindex(placed.index).to_numpy(dtype=float),
            "estimated": has_part,
            "source_file": f"offer analysis ({VIEW_LABELS.get(view, view)}) and population",
            "value_note": notes,
        }
    )
