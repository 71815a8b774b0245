"""Loading the population files into the database and reading them back as tidy frames.

Thin Django layer over the pure `readers` and `aggregate`. The layers' memberships come from
`bassins.territory.store.membership()`; sector areas (for estimates) from its `layer_frame("sector")`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from django.db import transaction

from bassins.config import data_dir
from bassins.errors import DataFileMissingError, DataNotLoadedError
from bassins.population.aggregate import LayerPopulation, Note, population_for_layer
from bassins.population.models import PopulationCount
from bassins.population.readers import COLUMNS, INFERRED_DATE, OFFICIAL, read_population_directory

_FIELDS = [
    "layer",
    "area_code",
    "reference_date",
    "source",
    "source_label",
    "source_file",
    "basis",
    "sector_vintage",
    "population",
    "males",
    "females",
    "note",
]


def load(directory: Path | str | None = None) -> dict:
    """Load every population file the data directory has; one transaction; idempotent.

    All files are read and checked first; then, in one transaction, the rows of each source read are
    replaced. Returns {"files": [...], "rows": n, "by_source": {source: rows}}.
    """
    base = Path(directory) if directory else data_dir()
    frame, files = read_population_directory(base)
    if not files:
        raise DataFileMissingError(
            f"no population file in {base / 'population'} (expected e.g. "
            "statbel_population_by_sex_commune_bxl_2020.csv or OPENDATA_SECTOREN_<year>.txt)"
        )
    objects = [
        PopulationCount(**{f: (None if pd.isna(v) else v) for f, v in row.items()})
        for row in frame[_FIELDS].to_dict("records")
    ]
    sources = sorted(set(frame["source"]))
    with transaction.atomic():
        PopulationCount.objects.filter(source__in=sources).delete()
        PopulationCount.objects.bulk_create(objects, batch_size=1000)
    return {
        "files": files,
        "rows": len(objects),
        "by_source": {s: int((frame["source"] == s).sum()) for s in sources},
    }


def population_frame(
    *, layer: str | None = None, source: str | None = None, reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Loaded population rows as the tidy frame of `readers` (columns `readers.COLUMNS`)."""
    rows = PopulationCount.objects.all()
    if layer:
        rows = rows.filter(layer=layer)
    if source:
        rows = rows.filter(source=source)
    if reference_date:
        rows = rows.filter(reference_date=reference_date)
    frame = pd.DataFrame(list(rows.values(*_FIELDS)), columns=_FIELDS)
    frame["population"] = frame["population"].astype("int64")
    frame["males"] = frame["males"].astype("Int64")
    frame["females"] = frame["females"].astype("Int64")
    return frame.reindex(columns=COLUMNS)


def summary() -> pd.DataFrame:
    """One row per loaded (source, layer, reference date): basis, areas, total population."""
    frame = population_frame()
    if frame.empty:
        return pd.DataFrame(
            columns=["source", "layer", "reference_date", "basis", "areas", "population"]
        )
    grouped = frame.groupby(["source", "layer", "reference_date", "basis"], as_index=False)
    return grouped.agg(areas=("area_code", "size"), population=("population", "sum"))


def choose_inputs(
    reference_date: dt.date | None = None,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Note]]:
    """The commune and sector populations to use together, of ONE reference date.

    Default date: the latest with a commune population (else the latest sector date). Among sector
    sources of that date, an official one is preferred to a copy with an inferred date. A sector
    population of another date is not used (and a note says so).
    """
    frame = population_frame()
    if frame.empty:
        raise DataNotLoadedError("no population loaded: run `bassins population load`")
    communes_all = frame[frame["layer"].isin(["commune", "region"])]
    sectors_all = frame[frame["layer"] == "sector"]
    if reference_date is None:
        dates = (
            communes_all["reference_date"] if len(communes_all) else sectors_all["reference_date"]
        )
        reference_date = max(dates)
    communes = communes_all[communes_all["reference_date"] == reference_date]
    sectors = sectors_all[sectors_all["reference_date"] == reference_date]
    notes = []
    if len(sectors):
        rank = {OFFICIAL: 0, INFERRED_DATE: 1}
        best = min(
            sorted(set(sectors["source"])),
            key=lambda s: rank.get(sectors.loc[sectors["source"] == s, "basis"].iloc[0], 2),
        )
        sectors = sectors[sectors["source"] == best]
    other = sorted(set(sectors_all["reference_date"]) - {reference_date})
    if other:
        notes.append(
            Note(
                "sector_other_dates",
                {
                    "dates": [d.isoformat() for d in other],
                    "reference_date": reference_date.isoformat(),
                },
            )
        )
    if len(communes):
        communes = communes[communes["source"] == sorted(set(communes["source"]))[0]]
    if communes.empty and sectors.empty:
        raise DataNotLoadedError(f"no population of reference date {reference_date}")
    return (communes if len(communes) else None), (sectors if len(sectors) else None), notes


def layer_population(
    layer: str,
    *,
    reference_date: dt.date | None = None,
    membership: pd.DataFrame | None = None,
    weights: pd.Series | None = None,
) -> LayerPopulation:
    """Population of every area of `layer` from the loaded data and territories (one reference date)."""
    communes, sectors, notes = choose_inputs(reference_date)
    if membership is None or (weights is None and sectors is None):
        from bassins.territory import store as territory_store

        if membership is None:
            membership = territory_store.membership()
        if weights is None and sectors is None:
            weights = sector_areas()
    result = population_for_layer(
        layer, membership, communes=communes, sectors=sectors, weights=weights
    )
    result.notes.extend(notes)
    return result


def sector_areas() -> pd.Series:
    """Area of every loaded sector in hectares (the default weight of population estimates)."""
    from bassins.territory import store as territory_store

    sectors = territory_store.layer_frame("sector", geometry=False)
    return pd.Series(
        sectors["area_km2"].astype(float).to_numpy() * 100, index=sectors["code"].astype(str)
    )
