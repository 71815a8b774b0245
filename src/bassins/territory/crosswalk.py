"""Crosswalks between layers and between sector vintages, and areal interpolation. Pure functions.

- Layers built from the sectors nest through the membership table: a count by sector sums exactly
  to any layer (`aggregate`), and `nesting` tells whether one layer nests in another.
- Layers that do not follow sector boundaries (the UrbIS Monitoring polygons) get counts by area
  weighting (`interpolate`, with tobler), and the loss is stated.
- Sector vintages (2022 → 2025) are linked through the IBSA tables (`vintage_crosswalk`).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from tobler.area_weighted import area_interpolate

from bassins.errors import InputError, UnknownCodeError


def nesting(membership: pd.DataFrame, finer: str, coarser: str) -> pd.DataFrame:
    """Pairs (finer code, coarser code) with the number of sectors they share and the finer's share."""
    for layer in (finer, coarser):
        if layer not in membership.columns and layer != "sector":
            raise InputError(
                f"unknown layer {layer!r} (layers: sector, {', '.join(membership.columns)})"
            )
    frame = membership.assign(sector=membership.index)
    pairs = frame.groupby([finer, coarser]).size().rename("n_sectors").reset_index()
    pairs["share"] = pairs["n_sectors"] / pairs.groupby(finer)["n_sectors"].transform("sum")
    return pairs


def parent_of(membership: pd.DataFrame, finer: str, coarser: str) -> pd.Series:
    """The coarser code of every finer code; an error when `finer` does not nest in `coarser`."""
    pairs = nesting(membership, finer, coarser)
    split = pairs[pairs["share"] < 1]
    if len(split):
        code = split.iloc[0][finer]
        raise InputError(
            f"layer {finer} does not nest in {coarser}: {finer} {code!r} lies in "
            f"{', '.join(split[split[finer] == code][coarser].astype(str))}"
        )
    return pairs.set_index(finer)[coarser]


def aggregate(values: pd.Series, membership: pd.DataFrame, layer: str) -> pd.Series:
    """Sum a count given by sector (index: sector codes) to `layer`, exactly. Unknown sectors are errors."""
    unknown = values.index.difference(membership.index)
    if len(unknown):
        raise UnknownCodeError(
            f"sector {unknown[0]!r} is not in the loaded vintage ({len(unknown)} such codes)"
        )
    keys = membership.loc[values.index, layer]
    return values.groupby(keys.values).sum().rename_axis(layer)


@dataclass
class InterpolationReport:
    """What an areal interpolation kept and lost."""

    method: str
    total_in: float
    total_out: float
    split_total: float = 0.0  # carried by source polygons that straddle several targets

    @property
    def split_share(self) -> float:
        """The share of the total in source areas cut by target boundaries (0 when empty)."""
        return self.split_total / self.total_in if self.total_in else 0.0

    @property
    def lost(self) -> float:
        """The total not carried to any target."""
        return self.total_in - self.total_out

    @property
    def lost_share(self) -> float:
        """The share of the total lost (0 when empty)."""
        return self.lost / self.total_in if self.total_in else 0.0

    def describe(self) -> str:
        """The report in one sentence: totals in and out, the loss and the share split by area."""
        return (
            f"{self.method}: {self.total_in:,.0f} in, {self.total_out:,.0f} out, {self.lost:,.1f} lost "
            f"({self.lost_share:.3%}) where the targets do not cover the sources; {self.split_share:.1%} of the "
            "total sits in source areas cut by target boundaries, shared by area (an assumption of uniform density)"
        )


def interpolate(
    source: gpd.GeoDataFrame, column: str, target: gpd.GeoDataFrame
) -> tuple[pd.Series, InterpolationReport]:
    """Area-weighted transfer of an extensive count from `source` polygons to `target` polygons.

    Each source polygon's count is shared among the targets in proportion to the intersected area
    over the whole source area (tobler's `area_interpolate` with `allocate_total=False`), so whatever
    part of a source lies outside every target is lost, and the report says how much. (With
    `allocate_total=True` tobler would divide by the covered area only, hiding any loss.)
    """
    if column not in source.columns:
        raise InputError(f"no column {column!r} to interpolate")
    if source.crs != target.crs:
        target = target.to_crs(source.crs)
    result = area_interpolate(
        source_df=source[[column, "geometry"]].reset_index(drop=True),
        target_df=target[["geometry"]].reset_index(drop=True),
        extensive_variables=[column],
        allocate_total=False,
    )
    values = pd.Series(result[column].to_numpy(), index=target.index, name=column)
    report = InterpolationReport(
        "area-weighted (tobler)",
        float(source[column].sum()),
        float(values.sum()),
        float(source[column][straddling(source, target)].sum()),
    )
    return values, report


def straddling(
    source: gpd.GeoDataFrame, target: gpd.GeoDataFrame, tolerance: float = 0.01
) -> pd.Series:
    """True for each source polygon of which no single target holds more than 1 - tolerance of the area."""
    src, tgt = source.geometry.values, target.geometry.values
    pairs_src, pairs_tgt = shapely.STRtree(tgt).query(src, predicate="intersects")
    shared = shapely.area(shapely.intersection(src[pairs_src], tgt[pairs_tgt]))
    best = (
        pd.Series(shared)
        .groupby(pairs_src)
        .max()
        .reindex(range(len(src)), fill_value=0.0)
        .to_numpy()
    )
    return pd.Series(best < (1 - tolerance) * shapely.area(src), index=source.index)


def vintage_crosswalk(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Link sector codes of two vintages through their IBSA tables (normalised by `read_quartier_table`).

    A code present in both is `same code`. Otherwise Statbel keeps the first eight characters of a
    recoded sector (21001A00- → 21001A00K): codes sharing them are linked, as `recoded` when one old
    code meets one new code, `merged` when several old codes meet one new code, `split` when one old
    code meets several new ones, and `recoded (n:m)` otherwise; an old code with no such new code is
    `no match`. `same_quartier` says whether both sides sit in the same Monitoring quartier. Without
    the new vintage's geometry the table cannot tell more: counts move exactly only on 1:1 and n:1 links.
    """
    rows = []
    old_codes, new_codes = set(old.index), set(new.index)
    new_by_prefix: dict[str, list[str]] = {}
    for code in sorted(new_codes - old_codes):
        new_by_prefix.setdefault(code[:8], []).append(code)
    old_by_prefix: dict[str, list[str]] = {}
    for code in sorted(old_codes - new_codes):
        old_by_prefix.setdefault(code[:8], []).append(code)
    for code in sorted(old_codes):
        if code in new_codes:
            rows.append((code, code, "same code"))
            continue
        targets = new_by_prefix.get(code[:8], [])
        if not targets:
            rows.append((code, None, "no match"))
            continue
        sources = old_by_prefix[code[:8]]
        if len(targets) == 1:
            relation = "recoded" if len(sources) == 1 else "merged"
        else:
            relation = "split" if len(sources) == 1 else "recoded (n:m)"
        rows.extend((code, target, relation) for target in targets)
    frame = pd.DataFrame(rows, columns=["old_code", "new_code", "relation"])
    old_q = frame["old_code"].map(old["monitoring"])
    new_q = frame["new_code"].map(new["monitoring"])
    frame["same_quartier"] = (old_q == new_q) & frame["new_code"].notna()
    return frame


def transfer(
    values: pd.Series,
    source: gpd.GeoDataFrame,
    target: gpd.GeoDataFrame,
    membership: pd.DataFrame | None = None,
    source_layer: str | None = None,
    target_layer: str | None = None,
) -> tuple[pd.Series, InterpolationReport]:
    """Move a count from any layer to any other: exactly when the source nests in the target through
    the sector memberships, by area weighting otherwise (with the loss and the split share stated)."""
    if membership is not None and source_layer and target_layer:
        members = membership.assign(sector=membership.index)
        if source_layer in members.columns and target_layer in members.columns:
            pairs = (
                nesting(membership, source_layer, target_layer)
                if source_layer != "sector"
                else None
            )
            if pairs is None or (pairs["share"] == 1).all():
                keys = members.drop_duplicates(source_layer).set_index(source_layer)[target_layer]
                unknown = values.index.difference(keys.index)
                if len(unknown):
                    raise UnknownCodeError(
                        f"{source_layer} {unknown[0]!r} is not in the loaded layer"
                    )
                moved = values.groupby(keys.loc[values.index].values).sum()
                moved = moved.reindex(target.index, fill_value=0)
                total = float(values.sum())
                return moved, InterpolationReport(
                    f"exact ({source_layer} nests in {target_layer})", total, float(moved.sum())
                )
    frame = source[["geometry"]].copy()
    frame["value"] = values.reindex(source.index).fillna(0).astype(float)
    moved, report = interpolate(frame, "value", target)
    return moved.rename(values.name), report
