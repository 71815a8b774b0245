"""Scenarios: add, move or close service sites and get the change in every measure and equity figure.

`Scenario(setup)` keeps the base result. `apply(edits)` computes only the cost columns of the added
or moved sites (straight line with the base's detour and speed, or the walking network when the base
was routed on one), drops the columns of the closed or moved ones, and recomputes the measures on the
edited matrix (each measure is a few passes over the pairs: milliseconds at Brussels scale). The
result equals a full recomputation from scratch on the edited sites (tested). Edits:
{"op": "add", "x": .., "y": .., "capacity": 1}, {"op": "close", "site": i},
{"op": "move", "site": i, "x": .., "y": ..}, with x, y in EPSG:31370. Pure module: no Django.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bassins.access import analysis
from bassins.access.costs import STRAIGHT_LINE, CostMatrix, straight_line_column
from bassins.access.supply import AT_POINT, Sites
from bassins.errors import InputError

ADDED = "added (scenario)"


class Scenario:
    """What-if analysis on a base `analysis.Setup`."""

    def __init__(self, setup: analysis.Setup, network=None):
        self.setup = setup
        self.network = network
        self.base = analysis.evaluate(setup)

    def _column(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        source = self.setup.costs.source
        cut = source.get("max_minutes", self.setup.max_minutes)
        if source.get("kind") == STRAIGHT_LINE:
            return straight_line_column(self.setup.demand.xy, (x, y), cut, source)
        if self.network is None:
            raise InputError("the base costs come from a walking network: give it to the scenario")
        column = self.network.costs(
            self.setup.demand.xy, [[x, y]], cut, speed_kmh=source["speed_kmh"]
        )
        return column.rows, column.minutes

    def edited(self, edits: list[dict]) -> tuple[Sites, CostMatrix]:
        """The sites and the cost matrix after `edits` (only new columns are computed)."""
        sites = self.setup.sites
        n = len(sites)
        keep = np.ones(n, dtype=bool)
        new_xy, new_capacity = [], []
        for edit in edits:
            op = edit.get("op")
            if op in ("close", "move"):
                site = int(edit.get("site", -1))
                if not 0 <= site < n:
                    raise InputError(f"no site {site} to {op} (there are {n})")
                keep[site] = False
                if op == "move":
                    new_xy.append((float(edit["x"]), float(edit["y"])))
                    new_capacity.append(float(sites.capacity[site]))
            elif op == "add":
                capacity = float(edit.get("capacity", 1.0))
                if not capacity > 0:
                    raise InputError("an added site needs a capacity > 0")
                new_xy.append((float(edit["x"]), float(edit["y"])))
                new_capacity.append(capacity)
            else:
                raise InputError(f"unknown scenario operation {op!r} (add, move, close)")
        kept = np.flatnonzero(keep)
        remap = np.full(n, -1, dtype=np.int64)
        remap[kept] = np.arange(len(kept))
        base = self.setup.costs
        in_kept = keep[base.cols]
        rows = [base.rows[in_kept]]
        cols = [remap[base.cols[in_kept]]]
        minutes = [base.minutes[in_kept]]
        for k, (x, y) in enumerate(new_xy):
            r, m = self._column(x, y)
            rows.append(r)
            cols.append(np.full(len(r), len(kept) + k))
            minutes.append(m)
        costs = CostMatrix(
            base.n_demand,
            len(kept) + len(new_xy),
            np.concatenate(rows),
            np.concatenate(cols),
            np.concatenate(minutes),
            dict(base.source),
        )
        m = len(new_xy)
        new_sites = Sites(
            ids=np.concatenate([sites.ids[kept], [f"new-{k}" for k in range(m)]]).astype(object),
            service_ids=np.concatenate([sites.service_ids[kept], [""] * m]).astype(object),
            names=np.concatenate([sites.names[kept], [""] * m]).astype(object),
            category=np.concatenate([sites.category[kept], [self.setup.category] * m]).astype(
                object
            ),
            x=np.concatenate([sites.x[kept], [p[0] for p in new_xy]]),
            y=np.concatenate([sites.y[kept], [p[1] for p in new_xy]]),
            capacity=np.concatenate([sites.capacity[kept], new_capacity]),
            capacity_basis=np.concatenate([sites.capacity_basis[kept], [ADDED] * m]).astype(object),
            placement=np.concatenate([sites.placement[kept], [AT_POINT] * m]).astype(object),
            excluded=dict(sites.excluded),
        )
        return new_sites, costs

    def apply(self, edits: list[dict]) -> dict:
        """The scenario's result and its change against the base, measure by measure."""
        sites, costs = self.edited(edits)
        setup = replace(self.setup, sites=sites, costs=costs)
        result = analysis.assemble(setup, analysis.measure_values(setup))
        return {"result": result, "change": change(self.base, result)}


def change(base: analysis.Result, new: analysis.Result) -> dict:
    """Differences new - base: per point for every measure, and for every equity figure."""
    with np.errstate(invalid="ignore"):  # inf - inf (beyond the cut before and after): NaN
        per_point = {
            name: (new.points[name].to_numpy(float) - base.points[name].to_numpy(float))
            for name in analysis.MEASURES
        }
    figures = {}
    for key, value in new.equity.items():
        old = base.equity.get(key)
        if isinstance(value, dict):
            figures[key] = {k: value[k] - old[k] for k in value}
        elif isinstance(value, float | int):
            figures[key] = value - old
    return {"points": per_point, "equity": figures}
