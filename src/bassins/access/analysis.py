"""One accessibility computation feeding every output (page, `.json`, CSV/GeoJSON, CLI, scenarios).

`Setup` gathers the inputs (demand points and group, sites, cost matrix, catchment in minutes, the
sector membership and a deprivation score per sector); `evaluate` returns a `Result`: every measure
per demand point, the equity figures and the tables by area, and the provenance (cost source,
parameters, exclusions, fallbacks).

Parameters scale with the catchment `max_minutes` (PySAL access's defaults are for 30-minute
drives): E2SFCA steps at thirds of it with Luo and Qi's weights 1, 0.68, 0.22; 3SFCA steps at
the same fractions as PySAL's (10/20/30/60 of 30 minutes) with its weights; G2SFCA sigma = half
of it; RAAM tau = it. Pure module: no Django.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.access import equity, measures, weights
from bassins.access.costs import CostMatrix
from bassins.access.demand import DemandPoints
from bassins.access.supply import Sites

FCA = ("2sfca", "e2sfca", "g2sfca", "3sfca")
MEASURES = ("nearest_minutes", "count_within", *FCA, "raam")
AREA_LAYERS = ("bassin", "monitoring")


def parameters(max_minutes: float) -> dict:
    """The weights and parameters of every method for a catchment of `max_minutes`."""
    q = max_minutes / 3.0
    s = max_minutes / 30.0
    return {
        "e2sfca_steps": {q: 1.0, 2 * q: 0.68, 3 * q: 0.22},
        "3sfca_steps": {k * s: v for k, v in weights.THREE_STAGE_STEPS.items()},
        "g2sfca_sigma": max_minutes / 2.0,
        "raam_tau": float(max_minutes),
    }


@dataclass
class Setup:
    """The inputs of one computation."""

    demand: DemandPoints
    sites: Sites
    costs: CostMatrix
    max_minutes: float
    group: str = "total"
    membership: pd.DataFrame | None = None  # index sector code; columns bassin, monitoring, ...
    deprivation: pd.Series | None = None  # per sector code, higher = more deprived
    with_raam: bool = True
    category: str = ""


@dataclass
class Result:
    """Per-point values, equity figures, area tables and provenance of one computation."""

    points: pd.DataFrame
    equity: dict
    areas: dict[str, pd.DataFrame]
    provenance: dict
    ratios: dict[str, np.ndarray] = field(default_factory=dict)


def measure_values(setup: Setup, costs: CostMatrix | None = None, supply=None) -> dict:
    """Every measure per demand point (and the FCA ratios per site) on `costs` (default the setup's)."""
    costs = costs if costs is not None else setup.costs
    supply = setup.sites.capacity if supply is None else supply
    d = setup.demand.demand(setup.group)
    p = parameters(setup.max_minutes)
    minutes, site = measures.nearest(costs)
    values = {
        "nearest_minutes": minutes,
        "nearest_site": site,
        "count_within": measures.count_within(costs, setup.max_minutes),
    }
    ratios = {}
    fns = {
        "2sfca": weights.flat(),
        "e2sfca": weights.step(p["e2sfca_steps"]),
        "g2sfca": weights.gaussian(p["g2sfca_sigma"]),
        "3sfca": weights.step(p["3sfca_steps"]),
    }
    for method, fn in fns.items():
        out = measures.fca(costs, d, supply, method, setup.max_minutes, fn)
        values[method] = out["access"]
        ratios[method] = out["ratio"]
    if setup.with_raam:
        values["raam"] = measures.raam(costs, np.round(d), supply, tau=p["raam_tau"])
    else:
        values["raam"] = np.full(len(d), np.nan)
    values["_ratios"] = ratios
    return values


def equity_figures(setup: Setup, values: dict) -> dict:
    """Gini and concentration index of every FCA measure and of the count within the catchment;
    people beyond the catchment of any site; population-weighted mean minutes to the nearest."""
    d = setup.demand.demand(setup.group)
    dep = (
        setup.deprivation.reindex(setup.demand.sector).to_numpy(float)
        if setup.deprivation is not None
        else np.full(len(d), np.nan)
    )
    out = {}
    for name in ("count_within", *FCA):
        ci = equity.concentration_index(values[name], dep, d)
        out[name] = {"gini": equity.gini(values[name], d), "concentration": ci["index"]}
    out["deprivation_points"] = ci["points"]
    out["deprivation_people"] = ci["people"]
    out["deprivation_left_out"] = ci["left_out"]
    beyond = ~(values["nearest_minutes"] <= setup.max_minutes)
    out["population"] = float(d.sum())
    out["people_beyond"] = float(d[beyond].sum())
    out["share_beyond"] = float(d[beyond].sum() / d.sum()) if d.sum() else float("nan")
    finite = np.isfinite(values["nearest_minutes"])
    out["mean_nearest_minutes_within_cut"] = (
        float((values["nearest_minutes"][finite] * d[finite]).sum() / d[finite].sum())
        if d[finite].sum()
        else float("nan")
    )
    return out


def _area_index(setup: Setup, layer: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(area codes, area position of each known point, which points have an area), kept on the
    demand points for the membership in use (scenarios reuse them)."""
    cache = setup.demand.__dict__.setdefault("_area_index", {})
    key = (id(setup.membership), layer)
    if key not in cache:
        column = setup.membership[layer]
        of_sector = dict(
            zip(column.index.astype(str).tolist(), column.to_numpy(object).tolist(), strict=True)
        )
        codes = [of_sector.get(s) for s in setup.demand.sector.tolist()]
        known = np.array([c is not None and c == c for c in codes], dtype=bool)
        names, inverse = np.unique(
            np.array([c for c, k in zip(codes, known, strict=True) if k], dtype=str),
            return_inverse=True,
        )
        cache[key] = (setup.membership, names, inverse, known)
    return cache[key][1:]


def area_tables(setup: Setup, values: dict) -> dict[str, pd.DataFrame]:
    """Per bassin and Monitoring quartier: population, people beyond the catchment, share, and the
    population-weighted mean of every FCA measure (plain array sums: scenarios call it often)."""
    if setup.membership is None:
        return {}
    d = setup.demand.demand(setup.group)
    beyond = ~(values["nearest_minutes"] <= setup.max_minutes)
    tables = {}
    for layer in AREA_LAYERS:
        if layer not in setup.membership.columns:
            continue
        names, inverse, known = _area_index(setup, layer)
        n = len(names)

        def total(weights, inverse=inverse, known=known, n=n):
            return np.bincount(inverse, weights=weights[known], minlength=n)

        population = total(d)
        columns = {"population": population, "people_beyond": total(d * beyond)}
        with np.errstate(invalid="ignore", divide="ignore"):
            columns["share_beyond"] = columns["people_beyond"] / population
            for name in FCA:
                columns[name] = total(values[name] * d) / population
        tables[layer] = pd.DataFrame(columns, index=pd.Index(names, name=layer))
    return tables


def provenance(setup: Setup) -> dict:
    """How the result was made: cost source, parameters, demand, sites and their exclusions."""
    demand = setup.demand
    return {
        "category": setup.category,
        "cost_source": dict(setup.costs.source),
        "max_minutes": setup.max_minutes,
        "parameters": {
            k: ({f"{a:g}": b for a, b in v.items()} if isinstance(v, dict) else v)
            for k, v in parameters(setup.max_minutes).items()
        },
        "demand_group": setup.group,
        "demand_points": len(demand),
        "demand_centres": dict(Counter(demand.centre.tolist())),
        "population_fallback": demand.fallback,
        "demand_notes": list(demand.notes),
        "sites": len(setup.sites),
        "sites_excluded": dict(setup.sites.excluded),
        "sites_placement": dict(Counter(setup.sites.placement.tolist())),
        "capacity": dict(Counter(setup.sites.capacity_basis.tolist())),
    }


def evaluate(setup: Setup) -> Result:
    """Every measure, the equity figures, the area tables and the provenance."""
    values = measure_values(setup)
    return assemble(setup, values)


def assemble(setup: Setup, values: dict) -> Result:
    """A Result from measure values (shared by `evaluate` and the scenarios)."""
    demand = setup.demand
    points = pd.DataFrame(
        {
            "id": demand.ids,
            "sector": demand.sector,
            "x": demand.x,
            "y": demand.y,
            "demand": demand.demand(setup.group),
            "centre": demand.centre,
            "population_basis": demand.basis,
        }
    )
    for name in MEASURES:
        points[name] = values[name]
    points["nearest_site"] = values["nearest_site"]
    return Result(
        points,
        equity_figures(setup, values),
        area_tables(setup, values),
        provenance(setup),
        values["_ratios"],
    )
