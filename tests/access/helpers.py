"""Synthetic inputs for the access tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.access import analysis, costs
from bassins.access.demand import REPRESENTATIVE, DemandPoints
from bassins.access.supply import AT_POINT, Sites


def synthetic_setup(seed=0, n_demand=200, n_sites=25, max_minutes=15.0, cut=30.0):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 5000, size=(n_demand, 2))
    sectors = np.array([f"S{i:03d}" for i in range(n_demand)], dtype=object)
    pop = rng.integers(0, 2500, size=n_demand).astype(float)
    demand = DemandPoints(
        sectors,
        sectors.copy(),
        xy[:, 0],
        xy[:, 1],
        {"total": pop, "65+": np.round(pop * 0.15)},
        np.full(n_demand, REPRESENTATIVE, dtype=object),
        np.full(n_demand, "official", dtype=object),
    )
    sxy = rng.uniform(0, 5000, size=(n_sites, 2))
    ids = np.array([f"site{j}" for j in range(n_sites)], dtype=object)
    sites = Sites(
        ids,
        ids.copy(),
        ids.copy(),
        np.full(n_sites, "pharmacy", dtype=object),
        sxy[:, 0],
        sxy[:, 1],
        rng.integers(1, 5, size=n_sites).astype(float),
        np.full(n_sites, "known", dtype=object),
        np.full(n_sites, AT_POINT, dtype=object),
        {"status: temporarily_closed": 3},
    )
    membership = pd.DataFrame(
        {
            "bassin": np.where(xy[:, 0] < 2500, "N", "S"),
            "monitoring": [f"Q{int(x // 1000)}" for x in xy[:, 0]],
        },
        index=sectors,
    )
    deprivation = pd.Series(rng.uniform(0, 60, n_demand), index=sectors)
    cm = costs.straight_line(demand.xy, sites.xy, cut)
    return analysis.Setup(
        demand,
        sites,
        cm,
        max_minutes,
        membership=membership,
        deprivation=deprivation,
        category="pharmacy",
    )
