"""Every indicator source of a data directory, read, validated and built into one tidy table. Pure.

`collect_directory` reads the files `importers` knows (those present), validates each against the
territory vintage (all of them before anything is returned: one bad file, no table), adds the
computed indicators (`computed`), and `tidy.build` aggregates, computes and compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bassins.indicators import importers, tidy
from bassins.indicators.computed import OfferLayer
from bassins.indicators.registry import Indicator


@dataclass
class Collected:
    """The rows read (native layers), the files read and the full built table."""

    rows: pd.DataFrame
    files: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)


def collect_directory(
    base: Path | str,
    membership: pd.DataFrame,
    sectors,
    registry: dict[str, Indicator],
    *,
    communes_population: pd.DataFrame | None = None,
    sectors_population: pd.DataFrame | None = None,
    offer: Mapping[str, OfferLayer] | None = None,
) -> Collected:
    """Read every known source under `base`, validate, and build the table.

    sectors: GeoDataFrame of the vintage's sectors (code index; area_km2 and geometry), for the area
    and density and the Schaerbeek blocks; the population frames are those of `bassins.population`
    (loaded or read); `offer`: the offer analysis's tables per layer (`computed.offer_layers`), from
    which the offer's rates are taken as they are (`computed.offer_rows`).
    """
    from bassins.indicators import computed

    base = Path(base)
    known = importers.known_codes(membership)
    frames, files = [], []
    readers = [
        (importers.AGE_FILE, importers.read_age_bands),
        (importers.MONITORING_INCOME_FILE, importers.read_monitoring_income),
        (importers.MONITORING_RATES_FILE, importers.read_monitoring_rates),
        (importers.BIMD_FILE, importers.read_bimd),
        (importers.FISCAL_FILE, importers.read_fiscal_income),
    ]
    for relative, reader in readers:
        path = base / relative
        if path.exists():
            frames.append(
                importers.validate(reader(path, label=relative), known, registry, relative)
            )
            files.append(relative)
    blocks = base / importers.BLOCKS_FILE
    if blocks.exists() and sectors is not None:
        rows = importers.read_schaerbeek_blocks(blocks, sectors, label=importers.BLOCKS_FILE)
        frames.append(importers.validate(rows, known, registry, importers.BLOCKS_FILE))
        files.append(importers.BLOCKS_FILE)
    population = registry["population"]
    if communes_population is not None or sectors_population is not None:
        people = importers.population_rows(
            membership, communes_population, sectors_population, population.layers
        )
        frames.append(people)
    if offer:
        layers = registry["services_per_1000"].layers
        rows = computed.offer_rows({k: v for k, v in offer.items() if k in layers})
        frames.append(importers.validate(rows, known, registry, "offer analysis"))
    if sectors is not None:
        frames.append(computed.area_rows(sectors))
        if sectors_population is not None:
            frames.append(computed.density_rows(sectors, sectors_population))
    rows = (
        pd.concat([tidy.normalise(f) for f in frames], ignore_index=True)
        if frames
        else tidy.empty()
    )
    return Collected(rows, files, tidy.build(rows, membership, registry))
