"""Counting the units of a view by area and by category, at any layer, with the reconciliation.

Pure (no Django). For a view and a layer, `count_units` returns a `LayerCounts` in which, per category
and in total:

    sum over the areas of the layer  +  not placed at this layer   =  region (units in the region)
    region                           +  outside (not in the region) =  universe (all units of the view)

"not placed at this layer" = units in the region whose location (or declared area) is too coarse for the
layer (a commune-precision service in Bruxelles-Ville at bassin level, a region-wide declaration at
commune level...). "outside" = units with no location, located outside the region, without head office
(head-office view) or with an unknown declared area. Both are explicit rows of every table, so the sum
over the bassins, the sum over the communes and the regional total always reconcile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.offer.inputs import CANDIDATE_SUBMUNICIPALITIES, LAYERS
from bassins.offer.views import ViewUnits

TOTAL = "total"
NOT_PLACED = "_not_placed"
OUTSIDE = "_outside"
REGION = "_region"


@dataclass
class LayerCounts:
    """Counts of one view at one layer (see the module's identities)."""

    view: str
    layer: str
    unit: str
    table: pd.DataFrame  # index: every area of the layer; columns: categories + TOTAL (additive)
    services: (
        pd.DataFrame
    )  # distinct services per area (same shape; additive only in the head-office view)
    not_placed: pd.Series  # per category + TOTAL
    outside: pd.Series  # per category + TOTAL
    region: pd.Series  # per category + TOTAL
    universe: pd.Series  # per category + TOTAL
    by_precision: pd.DataFrame  # index precision; columns placed, not_placed, outside, total
    reasons: pd.Series  # why units are outside: reason -> count
    extra: dict = field(default_factory=dict)

    @property
    def categories(self) -> list[str]:
        """The category columns of the table (every column but TOTAL)."""
        return [c for c in self.table.columns if c != TOTAL]

    def with_margins(self) -> pd.DataFrame:
        """The table with the rows NOT_PLACED, REGION, OUTSIDE appended (per category + TOTAL)."""
        margins = pd.DataFrame(
            [self.not_placed, self.region, self.outside], index=[NOT_PLACED, REGION, OUTSIDE]
        )
        return pd.concat([self.table, margins[self.table.columns]])

    def check(self) -> None:
        """Raise AssertionError when an identity does not hold (it always should)."""
        summed = self.table.sum()
        if not (summed + self.not_placed == self.region).all():
            raise AssertionError(
                f"{self.view}/{self.layer}: areas {summed.to_dict()} + not placed "
                f"{self.not_placed.to_dict()} != region {self.region.to_dict()}"
            )
        if not (self.region + self.outside == self.universe).all():
            raise AssertionError(f"{self.view}/{self.layer}: region + outside != universe")


def count_units(
    view: ViewUnits, layer: str, areas: list[str], categories: list[str] | None = None
) -> LayerCounts:
    """Counts of `view` at `layer` for the areas `areas` (all areas of the layer, zeros included)."""
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}")
    units = view.units
    cats = sorted(set(categories or []) | set(units["category"]))
    column = f"at_{layer}"
    placed = units[units[column].notna()]
    table = _crosstab(placed, column, areas, cats, "unit_id")
    services = _crosstab(
        placed,
        column,
        areas,
        cats,
        "service_key" if "service_key" in units else "service_id",
        distinct=True,
    )
    in_region = units[units["in_region"]]
    not_placed = _by_category(in_region[in_region[column].isna()], cats)
    outside_units = units[~units["in_region"]]
    outside = _by_category(outside_units, cats)
    region = _by_category(in_region, cats)
    universe = _by_category(units, cats)
    status = pd.Series("outside", index=units.index)
    status[units["in_region"]] = "not_placed"
    status[units[column].notna()] = "placed"
    by_precision = (
        pd.crosstab(units["precision"], status).reindex(
            columns=["placed", "not_placed", "outside"], fill_value=0
        )
        if len(units)
        else pd.DataFrame(columns=["placed", "not_placed", "outside"])
    )
    by_precision["total"] = by_precision.sum(axis=1)
    reasons = outside_units["reason"].value_counts()
    reasons = reasons[reasons > 0].sort_index()
    reasons.index = reasons.index.astype(object)
    counts = LayerCounts(
        view.view,
        layer,
        view.unit_name,
        table,
        services,
        not_placed,
        outside,
        region,
        universe,
        by_precision.astype(int),
        reasons,
    )
    if view.view == "area_served":
        serving = view.serving(layer, areas)
        counts.extra["serving"] = _crosstab(
            serving, "area_code", areas, cats, "service_key", distinct=True
        )
    counts.check()
    return counts


def _crosstab(
    frame: pd.DataFrame,
    column: str,
    areas: list[str],
    cats: list[str],
    what: str,
    distinct: bool = False,
) -> pd.DataFrame:
    if (
        distinct and len(frame) and not pd.api.types.is_integer_dtype(frame[what])
    ):  # integers: faster
        frame = frame.assign(**{what: pd.factorize(frame[what])[0]})
    if len(frame):
        grouped = frame.groupby([column, "category"], observed=True)[what]
        cells = grouped.nunique() if distinct else grouped.size()
        table = cells.unstack("category", fill_value=0)
        totals = (
            frame.groupby(column, observed=True)[what].nunique()
            if distinct
            else frame.groupby(column, observed=True).size()
        )
    else:
        table, totals = pd.DataFrame(), pd.Series(dtype=int)
    table.index = table.index.astype(object)
    table.columns = table.columns.astype(object)
    totals.index = totals.index.astype(object)
    table = table.reindex(index=areas, columns=cats, fill_value=0).fillna(0).astype(int)
    table[TOTAL] = totals.reindex(areas, fill_value=0).astype(int).to_numpy()
    table.index.name = "area_code"
    table.columns.name = None
    return table


def _by_category(frame: pd.DataFrame, cats: list[str]) -> pd.Series:
    counts = frame["category"].value_counts()
    counts.index = counts.index.astype(object)
    counts = counts.reindex(cats, fill_value=0).astype(int)
    counts[TOTAL] = int(len(frame))
    return counts


def compare_views(by_view: dict[str, LayerCounts]) -> pd.DataFrame:
    """Per area of one layer (plus the NOT_PLACED, REGION and OUTSIDE rows), the count of each view.

    Columns: head_office (services by head office), site (activity sites), site_services (distinct
    services with a site there; does not add up), area_served (declarations placed in the area),
    serving (services declaring an area that covers it, wholly or partly; does not add up),
    site_minus_head_office.
    """
    layers = {c.layer for c in by_view.values()}
    if len(layers) != 1:
        raise ValueError(f"counts of several layers: {sorted(layers)}")
    columns = {}
    for view, counts in by_view.items():
        columns[view] = counts.with_margins()[TOTAL]
        if view == "site":
            columns["site_services"] = counts.services[TOTAL].reindex(columns[view].index)
        if view == "area_served" and "serving" in counts.extra:
            columns["serving"] = counts.extra["serving"][TOTAL].reindex(columns[view].index)
    frame = pd.DataFrame(columns)
    if "head_office" in frame and "site" in frame:
        frame["site_minus_head_office"] = frame["site"] - frame["head_office"]
    order = [
        c
        for c in [
            "head_office",
            "site",
            "site_services",
            "area_served",
            "serving",
            "site_minus_head_office",
        ]
        if c in frame
    ]
    return frame[order].astype("Int64")


# -- apportionment of the units not placed at a layer -----------------------------------------------

APPORTION_SECTORS = "sector population"  # weights: population of the sectors shared with the area
APPORTION_AREAS = "area population"  # weights: the candidate areas' own populations
APPORTION_EQUAL = "equal shares"  # no population for any candidate: equal shares


@dataclass
class Apportionment:
    """The units of a view in the region but not placed at a layer, shared among their candidate areas.

    A unit's candidate areas are the areas of the layer that hold part of the smallest area the unit is
    known to be in (the intersection of its known codes: Bruxelles-Ville for a commune-precision head
    office there, the region for a region-wide declaration), narrowed, for a unit known by a postcode, to
    the areas holding the sub-municipalities that postcode may cover (`candidate_submunicipalities`:
    postcode 1000 -> Bruxelles-Ville's centre, not Laeken; when none of them lies in the smallest known
    area the unit is shared as without them, and counted in `unnarrowed`). Each candidate gets a share of the unit
    proportional to its population there (`APPORTION_SECTORS`, from the population per sector), or,
    without a population per sector, to the candidate's own population (`APPORTION_AREAS`). The shares of
    a unit add up to 1, so that, per category and in total,

        sum over the areas of (placed + estimated) = region (units in the region).

    These shares are ESTIMATES (the unit is in one of the candidates, we do not know which).
    """

    layer: str
    estimated: pd.DataFrame  # area x categories + TOTAL: the estimated (apportioned) units, float
    method: str  # the weights used (APPORTION_*)
    groups: list[dict]  # per group of units with the same candidates: known, within, units, shares
    fallback: int = 0  # units shared in equal parts (no population for any candidate)
    unapportioned: pd.Series | None = None  # per category + TOTAL: units with no candidate area
    narrowed: int = 0  # units whose candidates were narrowed to their postcode's sub-municipalities
    unnarrowed: int = 0  # units whose postcode's sub-municipalities lie outside their known area

    def combined(self, counts: LayerCounts) -> pd.DataFrame:
        """Placed + estimated units per area (float), same shape as `counts.table`."""
        return counts.table.astype(float) + self.estimated[counts.table.columns]

    def check(self, counts: LayerCounts, tolerance: float = 1e-6) -> None:
        """Raise AssertionError unless the placed and estimated units add up to the region."""
        summed = self.combined(counts).sum()
        if self.unapportioned is not None:
            summed = summed + self.unapportioned.reindex(summed.index, fill_value=0)
        gap = (summed - counts.region.astype(float)).abs()
        if (gap > tolerance).any():
            raise AssertionError(
                f"{counts.view}/{counts.layer}: placed + estimated {summed.to_dict()} "
                f"!= region {counts.region.to_dict()}"
            )


def apportion(
    view: ViewUnits,
    counts: LayerCounts,
    membership: pd.DataFrame,
    *,
    sector_population: pd.Series | None = None,
    area_population: pd.Series | None = None,
) -> Apportionment:
    """Share the units of `view` in the region but not placed at `counts.layer` (see `Apportionment`).

    membership: the normalised sector membership (`inputs.normalise_membership`); sector_population:
    population per sector (index sector code); area_population: population per area of the layer.
    """
    layer = counts.layer
    areas = list(counts.table.index)
    columns = list(counts.table.columns)
    cats = [c for c in columns if c != TOTAL]
    shares = np.zeros((len(areas), len(cats)))
    totals = np.zeros(len(areas))
    lost = np.zeros(len(cats))
    units = view.units
    pending = units[units["in_region"] & units[f"at_{layer}"].isna()]
    use_sectors = sector_population is not None and float(sector_population.sum()) > 0
    method = APPORTION_SECTORS if use_sectors else APPORTION_AREAS
    groups, fallback, narrowed, unnarrowed = [], 0, 0, 0
    if len(pending) and areas:
        known = [lyr for lyr in LAYERS if lyr != layer]
        codes = pending[[f"at_{lyr}" for lyr in known]].astype(object)
        codes = codes.where(codes.notna(), "")
        # the postcode's sub-municipalities are part of the grouping key (same candidates, same group)
        within_of = (
            pending[CANDIDATE_SUBMUNICIPALITIES].astype(object)
            if CANDIDATE_SUBMUNICIPALITIES in pending
            else pd.Series(None, index=pending.index, dtype=object)
        )
        codes[CANDIDATE_SUBMUNICIPALITIES] = within_of.where(within_of.notna(), "").astype(str)
        group_of = codes.groupby(list(codes.columns), sort=True).ngroup().to_numpy()
        first = codes.groupby(group_of, sort=True).first()
        category_of = pd.Categorical(pending["category"].astype(object), categories=cats).codes
        # per sector: its area of the layer (position in `areas`, -1 if none) and its population
        position = {code: i for i, code in enumerate(areas)}
        sector_layer = membership["sector"] if layer == "sector" else membership[layer]
        area_of = np.array([position.get(code, -1) for code in sector_layer], dtype=int)
        sector_pop = (
            sector_population.reindex(membership.index).fillna(0.0).to_numpy(dtype=float)
            if use_sectors
            else np.zeros(len(membership))
        )
        area_pop = np.array(
            [
                float(area_population.get(a, 0.0)) if area_population is not None else 0.0
                for a in areas
            ]
        )
        area_pop = np.nan_to_num(area_pop)
        layer_codes = {
            lyr: (membership.index if lyr == "sector" else membership[lyr]).to_numpy(dtype=object)
            for lyr in known
        }
        sector_sub = membership["submunicipality"].to_numpy(dtype=object)
        for g, values in enumerate(first.itertuples(index=False, name=None)):
            *values, within = values
            key = tuple((lyr, code) for lyr, code in zip(known, values, strict=True) if code != "")
            inside = np.ones(len(membership), dtype=bool)
            for lyr, code in key:
                inside &= layer_codes[lyr] == code
            if not inside.any():  # inconsistent codes (should not happen): the whole region
                inside[:] = True
            rows = group_of == g
            n_units = int(rows.sum())
            within = within.split()
            if within:
                narrow = inside & np.isin(sector_sub, within)
                if narrow.any():
                    inside = narrow
                    narrowed += n_units
                else:  # the postcode's sub-municipalities are not in the known area: as without
                    within = []
                    unnarrowed += n_units
            by_category = np.bincount(
                category_of[rows][category_of[rows] >= 0], minlength=len(cats)
            )
            held = inside & (area_of >= 0)
            present = np.bincount(area_of[held], minlength=len(areas)) > 0
            if not present.any():  # no area of the layer there (a layer not loaded everywhere)
                lost += by_category
                continue
            if use_sectors:
                weights = np.bincount(area_of[held], weights=sector_pop[held], minlength=len(areas))
            else:
                weights = np.where(present, area_pop, 0.0)
            if weights.sum() <= 0:
                weights = present.astype(float)
                fallback += n_units
            weights = weights / weights.sum()
            shares += np.outer(weights, by_category)
            totals += weights * n_units
            groups.append(
                {
                    "known": dict(key),
                    "within": within,
                    "units": n_units,
                    "shares": {areas[i]: float(weights[i]) for i in np.flatnonzero(present)},
                }
            )
    estimated = pd.DataFrame(shares, index=counts.table.index, columns=cats)
    estimated[TOTAL] = totals
    estimated = estimated[columns]
    unapportioned = pd.Series(lost, index=cats).astype(int)
    unapportioned[TOTAL] = int(lost.sum())
    result = Apportionment(
        layer, estimated, method, groups, fallback, unapportioned, narrowed, unnarrowed
    )
    result.check(counts)
    return result
