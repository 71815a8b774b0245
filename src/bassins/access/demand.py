"""Demand points: where people are, and how many, for an accessibility measure.

- One point per statistical sector: its **population-weighted centre** where a finer population is
  known (the Schaerbeek urban blocks: the weighted mean of the blocks' centroids by their
  inhabitants), its **representative point** (a point inside the polygon, shapely's
  `point_on_surface`) otherwise. `centre` says which, per point.
- **Fine demand** (`fine=True`): in the sectors holding blocks, one point per block instead, each
  carrying its block's share of the sector's population (the blocks spread the sector's count; the
  count itself keeps the sector population's reference date).
- Demand groups: "total" (the sector population), "65+" and "0-5" (under 5: the age band [0,5)) from
  the population by five-year age band per sector. A sector without an age row gets 0 and is counted
  in `notes`.
- Where the sector population is missing, the commune population spread by area is used
  (`bassins.population.aggregate`, basis "estimated"); every point carries its `basis`, and
  `DemandPoints.fallback` says how many points and people that concerns.

Pure module: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from bassins.codes import LAMBERT72
from bassins.errors import InputError
from bassins.territory.tables import check_columns

GROUPS = ("total", "65+", "0-5")
AGE_BANDS = {"65+": ("[65,70)", "[70,75)", "[75,80)", "[80,85)", "[85,Inf)"), "0-5": ("[0,5)",)}
REPRESENTATIVE = "representative point"
WEIGHTED = "population-weighted centre (urban blocks)"
BLOCK = "urban block"


@dataclass
class DemandPoints:
    """Demand points: ids (sector code or block id), sector, x, y (EPSG:31370), demand per group,
    centre (how the point was placed), basis (of the population: official / inferred date /
    estimated)."""

    ids: np.ndarray
    sector: np.ndarray
    x: np.ndarray
    y: np.ndarray
    groups: dict[str, np.ndarray]
    centre: np.ndarray
    basis: np.ndarray
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def xy(self) -> np.ndarray:
        """The points' coordinates, shape (n, 2)."""
        return np.column_stack([self.x, self.y])

    def demand(self, group: str = "total") -> np.ndarray:
        """The demand of `group` per point."""
        if group not in self.groups:
            raise InputError(f"unknown demand group {group!r} (one of {', '.join(self.groups)})")
        return self.groups[group]

    @property
    def fallback(self) -> dict:
        """Points and people whose population is an estimate (commune spread by area)."""
        estimated = self.basis == "estimated"
        return {
            "points": int(estimated.sum()),
            "people": float(self.groups["total"][estimated].sum()),
        }


def read_blocks(path: Path | str) -> gpd.GeoDataFrame:
    """The Schaerbeek urban blocks (block_id, pop_total, geometry) in EPSG:31370, checked."""
    frame = gpd.read_file(path)
    check_columns(frame, ["block_id", "pop_total"], Path(path).name)
    frame["pop_total"] = pd.to_numeric(frame["pop_total"], errors="raise").astype(float)
    if (frame["pop_total"] < 0).any():
        raise InputError("a block has a negative population", source=Path(path).name)
    return frame.set_crs(frame.crs or "EPSG:4326", allow_override=True).to_crs(LAMBERT72)


def read_age_groups(path: Path | str) -> pd.DataFrame:
    """Population of the demand groups per sector from the five-year age bands (SECTOR, AGE, POP):
    columns "65+", "0-5", indexed by sector code."""
    table = pd.read_csv(path, dtype={"SECTOR": str, "AGE": str})
    check_columns(table, ["SECTOR", "AGE", "POP"], Path(path).name)
    out = {}
    for group, bands in AGE_BANDS.items():
        missing = set(bands) - set(table["AGE"])
        if missing:
            raise InputError(f"age band {sorted(missing)[0]!r} missing", source=Path(path).name)
        out[group] = table[table["AGE"].isin(bands)].groupby("SECTOR")["POP"].sum().astype(float)
    return pd.DataFrame(out)


def build_demand(
    sectors: gpd.GeoDataFrame,
    population: pd.Series,
    *,
    basis: pd.Series | str = "official",
    age_groups: pd.DataFrame | None = None,
    blocks: gpd.GeoDataFrame | None = None,
    fine: bool = False,
) -> DemandPoints:
    """Demand points of the sectors (indexed by code, EPSG:31370 polygons); `population` per sector
    code (missing = 0); `blocks`: finer population (block_id, pop_total, polygons, EPSG:31370)."""
    codes = np.asarray(sectors.index.astype(str))
    pop = population.reindex(codes).fillna(0).to_numpy(float)
    basis_values = (
        np.full(len(codes), basis, dtype=object)
        if isinstance(basis, str)
        else basis.reindex(codes).fillna("official").to_numpy(object)
    )
    reps = shapely.point_on_surface(np.asarray(sectors.geometry.values))
    x, y = shapely.get_x(reps), shapely.get_y(reps)
    centre = np.full(len(codes), REPRESENTATIVE, dtype=object)
    notes = []
    groups = {"total": pop}
    if age_groups is not None:
        absent = ~pd.Index(codes).isin(age_groups.index)
        populated_absent = int((absent & (pop > 0)).sum())
        if populated_absent:
            notes.append(
                f"{populated_absent} populated sectors have no age row "
                f"({pop[absent].sum():.0f} inhabitants): 0 for the age groups"
            )
        for group in age_groups.columns:
            groups[group] = age_groups[group].reindex(codes).fillna(0).to_numpy(float)
    block_rows = None
    if blocks is not None and len(blocks):
        from bassins.territory.locate import SectorIndex

        centroids = blocks.geometry.centroid
        bx, by = centroids.x.to_numpy(), centroids.y.to_numpy()
        index = SectorIndex(sectors, cell_size=None)  # a few hundred blocks: no grid to build
        position = index.sector_positions(bx, by)
        bpop = blocks["pop_total"].to_numpy(float)
        inside = position >= 0
        if (~inside).any():
            notes.append(f"{int((~inside).sum())} blocks lie in no sector and are left out")
        block_rows = pd.DataFrame(
            {
                "id": blocks["block_id"].astype(str).to_numpy()[inside],
                "pos": position[inside],
                "x": bx[inside],
                "y": by[inside],
                "pop": bpop[inside],
            }
        )
        sums = block_rows.groupby("pos")["pop"].sum()
        sums = sums[sums > 0]
        for pos, total in sums.items():
            rows = block_rows[block_rows["pos"] == pos]
            x[pos] = float((rows["x"] * rows["pop"]).sum() / total)
            y[pos] = float((rows["y"] * rows["pop"]).sum() / total)
            centre[pos] = WEIGHTED
        block_rows = block_rows[block_rows["pos"].isin(sums.index)]
    if not fine or block_rows is None:
        return DemandPoints(codes, codes.copy(), x, y, groups, centre, basis_values, notes)
    # fine demand: the sectors with blocks are replaced by their blocks
    share = (
        block_rows["pop"].to_numpy() / block_rows.groupby("pos")["pop"].transform("sum").to_numpy()
    )
    bpos = block_rows["pos"].to_numpy()
    keep = ~np.isin(np.arange(len(codes)), bpos)
    ids = np.concatenate([codes[keep], block_rows["id"].to_numpy(object)])
    fine_groups = {g: np.concatenate([v[keep], v[bpos] * share]) for g, v in groups.items()}
    notes.append(
        f"{len(block_rows)} urban blocks replace {len(set(bpos))} sectors: each block carries "
        "its share of its sector's population"
    )
    return DemandPoints(
        ids,
        np.concatenate([codes[keep], codes[bpos]]),
        np.concatenate([x[keep], block_rows["x"].to_numpy()]),
        np.concatenate([y[keep], block_rows["y"].to_numpy()]),
        fine_groups,
        np.concatenate([centre[keep], np.full(len(bpos), BLOCK, dtype=object)]),
        np.concatenate([basis_values[keep], basis_values[bpos]]),
        notes,
    )
