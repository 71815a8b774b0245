"""Where would one more service help most: maximal coverage and p-median suggestions with `spopt`.

Candidates are points a user gives or, by default, the demand points themselves (sector centres).
The existing sites stay open (spopt's predefined facilities); `k` new sites are chosen.

- Maximal coverage (`spopt.locate.MCLP`): the candidates that bring the most people within
  `max_minutes` of a site (existing or new). Solved on the people beyond `max_minutes` today and
  the candidates reaching any of them (the existing sites' coverage is fixed); fewer than `k`
  picks when fewer candidates bring anyone newly within reach.
- p-median (`spopt.locate.PMedian`): the candidates that most reduce the people-weighted minutes to
  the nearest site. The existing sites enter as one column holding each point's current nearest
  minutes (the same optimum, far smaller problem); a pair beyond the cost cut counts at twice the
  cut (`BEYOND_FACTOR`); the candidates are first screened to the `screen` best by their own gain.

Costs are straight-line with the base's detour factor and speed. Pure module: no Django.
"""

from __future__ import annotations

import warnings

import numpy as np
import pulp
from spopt.locate import MCLP, PMedian

from bassins.access.costs import metres_per_minute
from bassins.errors import InputError

BEYOND_FACTOR = 2.0


def _minutes(demand_xy, candidates_xy, source) -> np.ndarray:
    per_minute = metres_per_minute(source["speed_kmh"]) / source["detour_factor"]
    d = np.asarray(demand_xy, float)
    c = np.asarray(candidates_xy, float)
    return np.hypot(d[:, None, 0] - c[None, :, 0], d[:, None, 1] - c[None, :, 1]) / per_minute


def _solver():
    return pulp.PULP_CBC_CMD(msg=False)


def _pick(c: int, candidates_xy, newly, gain) -> dict:
    return {
        "candidate": int(c),
        "x": float(candidates_xy[c, 0]),
        "y": float(candidates_xy[c, 1]),
        "people_newly_within": float(newly[c]),
        "people_minutes_saved_alone": float(gain[c]),
    }


def suggest(*args, **kwargs) -> dict:
    """Maximal-coverage and p-median suggestions (see `_suggest` for the arguments)."""
    # PuLP 3.3 warns (DeprecationWarning) about APIs that change in PuLP 4.0, once per variable
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _suggest(*args, **kwargs)


def _suggest(
    demand_xy,
    demand,
    current_nearest,
    sites_xy,
    candidates_xy,
    max_minutes: float,
    source: dict,
    *,
    k: int = 1,
    screen: int = 40,
) -> dict:
    """{"coverage": [...], "median": [...]}: the chosen candidates (position, x, y), each with the
    people it alone brings within `max_minutes` and the people-minutes it alone saves; and the
    totals of each method's set ("coverage_people_newly_within", "median_people_minutes_saved").

    The existing sites (`sites_xy`) enter through `current_nearest`, their minutes to each point."""
    del sites_xy  # see above
    if "speed_kmh" not in source or "detour_factor" not in source:
        raise InputError("suggestions need straight-line cost parameters (speed, detour factor)")
    demand = np.asarray(demand, float)
    candidates_xy = np.asarray(candidates_xy, float)
    if not len(candidates_xy) or k < 1:
        raise InputError("suggestions need at least one candidate site and k >= 1")
    cand = _minutes(demand_xy, candidates_xy, source)
    cut = float(source.get("max_minutes", max_minutes))
    current = np.where(np.isfinite(current_nearest), current_nearest, BEYOND_FACTOR * cut)
    covered = current <= max_minutes
    out = {}
    # maximal coverage: the people the existing sites already cover stay covered whatever is
    # added, so the optimum is the k candidates covering the most of the others (the same answer
    # as spopt with the existing sites predefined, on a problem a hundred times smaller)
    reaches = cand <= max_minutes
    rows = np.flatnonzero(~covered & (demand > 0) & reaches.any(axis=1))
    useful = np.flatnonzero(reaches[rows].any(axis=0))
    if len(useful) <= k:
        chosen = [int(c) for c in useful]
    else:
        mclp = MCLP.from_cost_matrix(
            cand[np.ix_(rows, useful)],
            demand[rows],
            service_radius=max_minutes,
            p_facilities=k,
        ).solve(_solver(), results=False)
        chosen = [int(useful[j]) for j, var in enumerate(mclp.fac_vars) if (var.value() or 0) > 0.5]
    # each candidate alone: people newly within, people-minutes saved
    newly = (demand[:, None] * (~covered[:, None] & (cand <= max_minutes))).sum(axis=0)
    capped = np.where(cand <= cut, cand, BEYOND_FACTOR * cut)
    gain = (demand[:, None] * np.maximum(current[:, None] - capped, 0)).sum(axis=0)
    out["coverage"] = [_pick(c, candidates_xy, newly, gain) for c in chosen]
    reach = np.zeros(len(demand), bool)
    for c in chosen:
        reach |= cand[:, c] <= max_minutes
    out["coverage_people_newly_within"] = float(demand[~covered & reach].sum())
    # p-median: existing sites as one column of current nearest minutes
    short = np.argsort(-gain, kind="stable")[: max(screen, k)]
    # only the people some screened candidate would bring closer weigh in the choice: the others
    # stay with their current site whatever is chosen (same optimum, smaller problem)
    gaining = np.flatnonzero((demand > 0) & (capped[:, short] < current[:, None]).any(axis=1))
    median_matrix = np.hstack([current[gaining, None], capped[np.ix_(gaining, short)]])
    pmedian = PMedian.from_cost_matrix(
        median_matrix,
        demand[gaining],
        p_facilities=1 + k,
        predefined_facilities_arr=np.r_[1, np.zeros(len(short), int)],
    ).solve(_solver(), results=False)
    picked = [
        int(short[j - 1])
        for j, var in enumerate(pmedian.fac_vars)
        if j >= 1 and (var.value() or 0) > 0.5
    ]
    best = current.copy()
    for c in picked:
        best = np.minimum(best, capped[:, c])
    out["median"] = [_pick(c, candidates_xy, newly, gain) for c in picked]
    out["median_people_minutes_saved"] = float((demand * (current - best)).sum())
    return out
