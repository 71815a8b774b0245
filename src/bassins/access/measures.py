"""Accessibility measures on a `CostMatrix`: nearest site, count within a time, the floating-catchment
family and RAAM, as PySAL `access` defines them (`access.fca`, `access.raam`), on sparse pairs.

Conventions (the same as PySAL access unless said):
- `demand`: one value per demand point (people); `supply`: one value per site (capacity when known,
  e.g. hospital beds, else 1 per site).
- A pair takes part in a catchment when its cost is <= `max_minutes` (PySAL: `cost <= max_cost`).
- 2SFCA: R_j = S_j / Σ_i D_i w(c_ij); A_i = Σ_j R_j w(c_ij), w = 1 (plain), step weights (enhanced,
  E2SFCA) or Gaussian (G2SFCA).
- 3SFCA: the preference weight G_ij = w(c_ij) / Σ_k w(c_ik), the sum running over every pair of
  demand point i in the cost matrix (PySAL computes it on the whole cost table, before the cut);
  R_j = S_j / Σ_i D_i w_ij G_ij; A_i = Σ_j R_j w_ij G_ij.
- RAAM (Saxon and Snow 2019): PySAL's iteration, step for step (same step sizes, integer moves, the
  same first-cycles limit), on the pairs within the matrix's cut instead of a dense matrix.

Deviations, stated: a site whose catchment holds no demand gets R_j = 0 (PySAL divides by zero:
inf or NaN); a demand point with no site within reach gets 0 for the FCA family (PySAL leaves it
missing, NaN) and NaN for RAAM (as PySAL), and `inf` minutes as its nearest cost.
Pure module: no Django.
"""

from __future__ import annotations

import numpy as np

from bassins.access import weights as weights_module
from bassins.access.costs import CostMatrix
from bassins.errors import InputError

FCA_METHODS = ("2sfca", "e2sfca", "g2sfca", "3sfca")
METHODS = (*FCA_METHODS, "raam")
#: Default Gaussian width (minutes) of the G2SFCA: the weight halves at about 1.18 sigma.
GAUSSIAN_SIGMA = 10.0


def _vectors(costs: CostMatrix, demand, supply) -> tuple[np.ndarray, np.ndarray]:
    d = np.asarray(demand, dtype=float)
    s = np.asarray(supply, dtype=float)
    if d.shape != (costs.n_demand,) or s.shape != (costs.n_supply,):
        raise InputError(
            f"demand has {d.size} values for {costs.n_demand} points and supply {s.size} for "
            f"{costs.n_supply} sites"
        )
    if (d < 0).any() or (s < 0).any() or not (np.isfinite(d).all() and np.isfinite(s).all()):
        raise InputError("demand and supply must be finite numbers >= 0")
    return d, s


def nearest(costs: CostMatrix) -> tuple[np.ndarray, np.ndarray]:
    """(minutes, site position) of the nearest site of every demand point; (inf, -1) beyond the cut.

    Ties go to the first site in order."""
    minutes = np.full(costs.n_demand, np.inf)
    site = np.full(costs.n_demand, -1, dtype=np.int64)
    filled = np.flatnonzero(np.diff(costs.indptr) > 0)
    if len(filled):
        starts = costs.indptr[filled]
        best = np.minimum.reduceat(costs.minutes, starts)
        minutes[filled] = best
        site[filled] = costs.cols[
            _first_hit(costs, costs.minutes == np.repeat(minutes, np.diff(costs.indptr)))
        ]
    return minutes, site


def _first_hit(costs: CostMatrix, mask: np.ndarray) -> np.ndarray:
    """Pair position of the first True of `mask` in each non-empty row that has one (row order)."""
    hits = np.flatnonzero(mask)
    rows = costs.rows[hits]
    first = np.r_[True, np.diff(rows) != 0] if len(hits) else np.zeros(0, bool)
    return hits[first]


def count_within(costs: CostMatrix, max_minutes: float, supply=None) -> np.ndarray:
    """Number of sites (or their summed `supply`) within `max_minutes` of every demand point."""
    keep = costs.minutes <= max_minutes
    values = np.ones(costs.nnz) if supply is None else np.asarray(supply, float)[costs.cols]
    return np.bincount(costs.rows[keep], weights=values[keep], minlength=costs.n_demand)


def weight_for(method: str, *, steps=None, sigma: float | None = None):
    """The weight function of an FCA method (PySAL access's defaults unless given)."""
    if method == "2sfca":
        return weights_module.flat()
    if method == "e2sfca":
        return weights_module.step(steps or weights_module.E2SFCA_STEPS)
    if method == "g2sfca":
        return weights_module.gaussian(sigma or GAUSSIAN_SIGMA)
    if method == "3sfca":
        return weights_module.step(steps or weights_module.THREE_STAGE_STEPS)
    raise InputError(f"unknown method {method!r} (one of {', '.join(METHODS)})")


def pair_weights(
    costs: CostMatrix, method: str, max_minutes: float | None, weight=None
) -> np.ndarray:
    """The weight of every pair in the method's second stage (0 beyond `max_minutes`)."""
    weight = weight or weight_for(method)
    if method == "2sfca" and getattr(weight, "description", "") == "flat":
        inside = costs.minutes <= (np.inf if max_minutes is None else max_minutes)
        return inside.astype(float)
    w = weight(costs.minutes)
    if method == "3sfca":
        total = np.bincount(costs.rows, weights=w, minlength=costs.n_demand)
        with np.errstate(invalid="ignore", divide="ignore"):
            g = np.where(total[costs.rows] > 0, w / total[costs.rows], 0.0)
        w = w * g
    if max_minutes is not None:
        w = np.where(costs.minutes <= max_minutes, w, 0.0)
    return w


def fca(
    costs: CostMatrix,
    demand,
    supply,
    method: str = "2sfca",
    max_minutes: float | None = None,
    weight=None,
) -> dict[str, np.ndarray]:
    """A floating-catchment measure: {"access": A per demand point, "ratio": R per site,
    "catchment_demand": Σ_i D_i w_ij per site}. See the module for the formulas."""
    d, s = _vectors(costs, demand, supply)
    w = pair_weights(costs, method, max_minutes, weight)
    matrix = costs.matrix(w)  # CSR over the same arrays, no copy: two sparse products
    catchment = matrix.T @ d
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(catchment > 0, s / catchment, 0.0)
    access = matrix @ ratio
    return {"access": access, "ratio": ratio, "catchment_demand": catchment}


def raam(
    costs: CostMatrix,
    demand,
    supply,
    *,
    tau: float = 60.0,
    rho: float | None = None,
    max_cycles: int = 150,
    initial_step: float = 0.2,
    min_step: float = 0.005,
    half_life: float = 50,
    limit_initial: int = 20,
) -> np.ndarray:
    """Rational Agent Access Model cost (travel/tau + congestion) per demand point, PySAL's iteration
    on the pairs within the cut; NaN for a point with no demand or no site with supply in reach."""
    d, s = _vectors(costs, demand, supply)
    if rho is None:
        rho = d[d > 0].sum() / s[s > 0].sum()
    keep = (d[costs.rows] > 0) & (s[costs.cols] > 0)
    sub = CostMatrix(
        costs.n_demand, costs.n_supply, costs.rows[keep], costs.cols[keep], costs.minutes[keep]
    )
    result = np.full(costs.n_demand, np.nan)
    origins = np.flatnonzero(np.diff(sub.indptr) > 0)
    if not len(origins):
        return result
    # compact rows: only the origins with pairs
    counts = np.diff(sub.indptr)[origins]
    row = np.repeat(np.arange(len(origins)), counts)
    cols = sub.cols
    starts = sub.indptr[origins]
    travel = sub.minutes / tau
    supply_np = s * rho
    demand_np = d[origins]
    n_orig = len(origins)

    def first(mask):
        hits = np.flatnonzero(mask)
        return hits[np.r_[True, np.diff(row[hits]) != 0]]

    def argmin_pairs(values):
        best = np.minimum.reduceat(values, starts)
        return first(values == np.repeat(best, counts))

    assignment = np.zeros(len(cols))
    assignment[argmin_pairs(travel)] = demand_np
    total_cost = travel
    for i in range(max_cycles):
        # the pairs holding some demand (every origin has at least one: its row sums to its demand)
        held = np.flatnonzero(assignment != 0)
        demand_at_supply = np.bincount(
            cols[held], weights=assignment[held], minlength=costs.n_supply
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            congestion = demand_at_supply / supply_np
        total_cost = congestion[cols] + travel
        # the most costly held pair of each origin (PySAL: argmax masked where assignment == 0)
        held_cost, held_row = total_cost[held], row[held]
        held_starts = np.flatnonzero(np.r_[True, held_row[1:] != held_row[:-1]])
        best_max = np.maximum.reduceat(held_cost, held_starts)
        top = np.flatnonzero(
            held_cost == np.repeat(best_max, np.diff(np.r_[held_starts, len(held)]))
        )
        p_max = held[top[np.r_[True, np.diff(held_row[top]) != 0]]]
        p_min = argmin_pairs(total_cost)
        min_loc, max_loc = cols[p_min], cols[p_max]
        slmin, slmax = supply_np[min_loc], supply_np[max_loc]
        trlmin, trlmax = travel[p_min], travel[p_max]
        drlmin, drlmax = assignment[p_min], assignment[p_max]
        dr = drlmin + drlmax
        drotherlmin = demand_at_supply[min_loc] - drlmin
        drotherlmax = demand_at_supply[max_loc] - drlmax
        drlmin_new = ((slmin * slmax) / (slmin + slmax)) * (
            (trlmax - trlmin) + (dr + drotherlmax) / slmax - drotherlmin / slmin
        )
        delta = drlmin_new - drlmin
        delta = np.minimum(delta, drlmax)
        delta = np.where(max_loc == min_loc, 0, delta)
        if isinstance(initial_step, float):
            step_size = max(initial_step * 0.5 ** (i / half_life), min_step)
            delta = np.minimum(delta, step_size * demand_np).astype(int)
        else:
            step_size = int(np.round(initial_step * 0.5 ** (i / half_life)))
            step_size = max(step_size, min_step)
            delta = np.minimum(delta, step_size).astype(int)
        if i < limit_initial:
            naive = np.bincount(min_loc, weights=delta, minlength=costs.n_supply) / supply_np
            scale = np.maximum(np.nan_to_num(naive, nan=1.0), 1)
            delta = (delta / scale[min_loc]).round().astype(int)
        assignment[p_min] += delta  # one pair per origin: no repeated index
        assignment[p_max] -= delta
    weighted = np.bincount(row, weights=total_cost * assignment, minlength=n_orig)
    assigned = np.bincount(row, weights=assignment, minlength=n_orig)
    result[origins] = weighted / assigned
    return result


def compute(
    costs: CostMatrix,
    demand,
    supply,
    method: str,
    max_minutes: float | None = None,
    **options,
) -> np.ndarray:
    """The access value per demand point of `method` (one of METHODS)."""
    if method == "raam":
        return raam(costs, demand, supply, **options)
    weight = weight_for(method, steps=options.get("steps"), sigma=options.get("sigma"))
    return fca(costs, demand, supply, method, max_minutes, weight)["access"]
