"""Travel costs (minutes) between demand points and service sites, as a sparse matrix cut at a maximum.

Two sources, and the one used is recorded with every result (`CostMatrix.source`):

- **straight line** (the default): the distance between the two points in EPSG:31370 metres, times a
  stated detour factor (`DETOUR_FACTOR` = 1.3: walking routes in a dense city are typically 20-40%
  longer than the straight line), at a stated walking speed (`WALKING_SPEED_KMH` = 4.8 km/h, 80 m per
  minute);
- **walking network**: an OpenStreetMap extract (`.osm.pbf`) read with `pyrosm` (its "walking"
  network), routed with scipy's Dijkstra (`scipy.sparse.csgraph.dijkstra`, bounded by the cut) on the
  graph of its ways; each point is joined to its nearest network node by a straight segment, whose
  length is added at both ends. No detour factor on the network.

Pairs are kept up to `max_minutes` (inclusive); a pair at zero cost (a service at the demand point) is
kept as an explicit zero. The matrix is stored in CSR order (by demand point, then site) as three
arrays, so that the measures can work on the pairs directly. Pure module: no Django.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from bassins.errors import InputError

DETOUR_FACTOR = 1.3
WALKING_SPEED_KMH = 4.8
STRAIGHT_LINE = "straight_line"
NETWORK = "network"


def metres_per_minute(speed_kmh: float) -> float:
    """Metres covered in one minute at `speed_kmh`."""
    return speed_kmh * 1000.0 / 60.0


@dataclass
class CostMatrix:
    """Costs in minutes of the (demand, site) pairs within the cut, in CSR order.

    rows, cols: int arrays of the pairs' demand and site positions; minutes: their costs. indptr:
    CSR row pointer (len n_demand + 1). source: how the costs were made (kind, parameters, cut).
    """

    n_demand: int
    n_supply: int
    rows: np.ndarray
    cols: np.ndarray
    minutes: np.ndarray
    source: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = np.asarray(self.rows, dtype=np.int64)
        self.cols = np.asarray(self.cols, dtype=np.int64)
        self.minutes = np.asarray(self.minutes, dtype=float)
        key = self.rows * max(self.n_supply, 1) + self.cols
        if len(key) > 1 and not np.all(key[1:] > key[:-1]):  # not yet in CSR order
            order = np.argsort(key, kind="stable")
            self.rows, self.cols, self.minutes = (
                self.rows[order],
                self.cols[order],
                self.minutes[order],
            )
        self.indptr = np.concatenate(
            ([0], np.cumsum(np.bincount(self.rows, minlength=self.n_demand)))
        ).astype(np.int64)

    @property
    def nnz(self) -> int:
        """Number of pairs within the cut."""
        return len(self.minutes)

    def matrix(self, values: np.ndarray | None = None) -> sp.csr_matrix:
        """A scipy CSR matrix of `values` per pair (the minutes by default), n_demand x n_supply."""
        data = self.minutes if values is None else values
        return sp.csr_matrix(
            (data, self.cols, self.indptr), shape=(self.n_demand, self.n_supply), copy=False
        )

    def within(self, max_minutes: float) -> CostMatrix:
        """The pairs at or below `max_minutes` (a tighter cut of the same costs)."""
        keep = self.minutes <= max_minutes
        source = dict(
            self.source, max_minutes=min(max_minutes, self.source.get("max_minutes", np.inf))
        )
        return CostMatrix(
            self.n_demand,
            self.n_supply,
            self.rows[keep],
            self.cols[keep],
            self.minutes[keep],
            source,
        )

    def columns(self, positions) -> CostMatrix:
        """The matrix of the sites at `positions` only (in that order, renumbered 0..k-1)."""
        positions = np.asarray(positions, dtype=np.int64)
        remap = np.full(self.n_supply, -1, dtype=np.int64)
        remap[positions] = np.arange(len(positions))
        keep = remap[self.cols] >= 0
        return CostMatrix(
            self.n_demand,
            len(positions),
            self.rows[keep],
            remap[self.cols[keep]],
            self.minutes[keep],
            dict(self.source),
        )

    def dense(self, fill: float = np.nan) -> np.ndarray:
        """Dense n_demand x n_supply array, `fill` for pairs beyond the cut (small inputs only)."""
        out = np.full((self.n_demand, self.n_supply), fill, dtype=float)
        out[self.rows, self.cols] = self.minutes
        return out

    def long(self):
        """The pairs as a long frame origin, dest, cost (the layout PySAL access reads)."""
        import pandas as pd

        return pd.DataFrame({"origin": self.rows, "dest": self.cols, "cost": self.minutes})


def _check_points(xy, what: str) -> np.ndarray:
    array = np.asarray(xy, dtype=float)
    if array.ndim != 2 or array.shape[1] != 2:
        raise InputError(f"{what} must be an array of (x, y) in EPSG:31370 metres, shape (n, 2)")
    if not np.isfinite(array).all():
        bad = int(np.flatnonzero(~np.isfinite(array).all(axis=1))[0])
        raise InputError(f"{what} point {bad} has no finite coordinates")
    return array


def straight_line(
    demand_xy,
    supply_xy,
    max_minutes: float,
    *,
    detour_factor: float = DETOUR_FACTOR,
    speed_kmh: float = WALKING_SPEED_KMH,
) -> CostMatrix:
    """Straight-line costs (metres x detour factor / speed), pairs up to `max_minutes`."""
    demand = _check_points(demand_xy, "demand")
    supply = _check_points(supply_xy, "supply")
    if detour_factor < 1 or speed_kmh <= 0 or max_minutes <= 0:
        raise InputError("detour factor must be >= 1, speed and maximum minutes > 0")
    per_minute = metres_per_minute(speed_kmh) / detour_factor
    radius = max_minutes * per_minute
    source = {
        "kind": STRAIGHT_LINE,
        "detour_factor": detour_factor,
        "speed_kmh": speed_kmh,
        "max_minutes": float(max_minutes),
    }
    if not len(demand) or not len(supply):
        return CostMatrix(len(demand), len(supply), [], [], [], source)
    pairs = cKDTree(demand).sparse_distance_matrix(
        cKDTree(supply), radius * (1 + 1e-12), output_type="ndarray"
    )
    # sparse_distance_matrix leaves out pairs at distance 0: add the coincident points back.
    rows, cols, metres = pairs["i"], pairs["j"], pairs["v"]
    same = cKDTree(supply).query_ball_point(demand, r=0.0)
    extra = [(i, j) for i, js in enumerate(same) for j in js]
    if extra:
        known = set(zip(rows.tolist(), cols.tolist(), strict=True)) if len(rows) < 10**6 else set()
        extra = [p for p in extra if p not in known]
    if extra:
        e = np.array(extra, dtype=np.int64)
        rows = np.concatenate([rows, e[:, 0]])
        cols = np.concatenate([cols, e[:, 1]])
        metres = np.concatenate([metres, np.zeros(len(e))])
    minutes = metres / per_minute
    keep = minutes <= max_minutes
    return CostMatrix(len(demand), len(supply), rows[keep], cols[keep], minutes[keep], source)


def straight_line_column(
    demand_xy, point_xy, max_minutes: float, source: dict
) -> tuple[np.ndarray, np.ndarray]:
    """(demand positions, minutes) of the demand points within `max_minutes` of one new site, with
    the parameters of `source` (a straight-line source): the column a scenario adds."""
    per_minute = metres_per_minute(source["speed_kmh"]) / source["detour_factor"]
    demand = np.asarray(demand_xy, dtype=float)
    d = np.hypot(demand[:, 0] - point_xy[0], demand[:, 1] - point_xy[1]) / per_minute
    rows = np.flatnonzero(d <= max_minutes)
    return rows, d[rows]


@dataclass
class WalkingNetwork:
    """A routable walking graph: node coordinates (EPSG:31370) and a symmetric sparse graph (metres)."""

    x: np.ndarray
    y: np.ndarray
    graph: sp.csr_matrix
    source: dict

    @classmethod
    def from_edges(cls, x, y, u, v, length_m, source: dict | None = None) -> WalkingNetwork:
        """Graph from node coordinates and edges (node positions u, v; lengths in metres)."""
        n = len(x)
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        w = np.maximum(np.asarray(length_m, dtype=float), 1e-6)  # a 0 m edge would vanish
        a, b, c = np.r_[u, v], np.r_[v, u], np.r_[w, w]
        order = np.lexsort((c, b, a))  # parallel edges: keep the shortest
        a, b, c = a[order], b[order], c[order]
        first = np.r_[True, (np.diff(a) != 0) | (np.diff(b) != 0)]
        graph = sp.csr_matrix((c[first], (a[first], b[first])), shape=(n, n))
        return cls(np.asarray(x, float), np.asarray(y, float), graph, dict(source or {}))

    @classmethod
    def from_pbf(cls, path: Path | str) -> WalkingNetwork:
        """The walking network of an OpenStreetMap `.osm.pbf` extract, read with pyrosm."""
        from pyproj import Transformer
        from pyrosm import OSM

        path = Path(path)
        if not path.exists():
            raise InputError(f"walking network file {path} not found")
        try:
            nodes, edges = OSM(str(path)).get_network(network_type="walking", nodes=True)
        except Exception as error:  # pyrosm raises plain exceptions on a bad file
            raise InputError(
                f"{path.name}: not a readable OpenStreetMap extract ({error})"
            ) from error
        if nodes is None or edges is None or not len(edges):
            raise InputError(f"{path.name}: no walkable way in the extract")
        to_l72 = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
        x, y = to_l72.transform(nodes["lon"].to_numpy(float), nodes["lat"].to_numpy(float))
        position = {int(node): i for i, node in enumerate(nodes["id"].to_numpy())}
        u = np.array([position[int(a)] for a in edges["u"]], dtype=np.int64)
        v = np.array([position[int(b)] for b in edges["v"]], dtype=np.int64)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        source = {
            "file": path.name,
            "sha256": digest,
            "reader": "pyrosm walking network",
            "nodes": len(x),
            "edges": len(u),
        }
        # lengths measured in Lambert 72 metres, like the straight-line costs and the snaps
        # (pyrosm's own `length` is a spherical approximation, about 0.2% off here)
        lengths = edges.geometry.to_crs("EPSG:31370").length.to_numpy(float)
        return cls.from_edges(x, y, u, v, lengths, source)

    def costs(
        self, demand_xy, supply_xy, max_minutes: float, *, speed_kmh: float = WALKING_SPEED_KMH
    ) -> CostMatrix:
        """Network walking costs (snap + shortest path + snap, at `speed_kmh`) up to `max_minutes`."""
        from scipy.sparse.csgraph import dijkstra

        demand = _check_points(demand_xy, "demand")
        supply = _check_points(supply_xy, "supply")
        per_minute = metres_per_minute(speed_kmh)
        limit = max_minutes * per_minute
        tree = cKDTree(np.column_stack([self.x, self.y]))
        d_snap, d_node = tree.query(demand)
        s_snap, s_node = tree.query(supply)
        rows, cols, metres = [], [], []
        unique_nodes, inverse = np.unique(s_node, return_inverse=True)
        chunk = 64
        for start in range(0, len(unique_nodes), chunk):
            block = unique_nodes[start : start + chunk]
            dist = dijkstra(self.graph, directed=False, indices=block, limit=limit)
            for k in range(len(block)):
                for j in np.flatnonzero(inverse == start + k):
                    total = dist[k, d_node] + d_snap + s_snap[j]
                    hit = np.flatnonzero(total <= limit)
                    rows.append(hit)
                    cols.append(np.full(len(hit), j))
                    metres.append(total[hit])
        source = {
            "kind": NETWORK,
            "speed_kmh": speed_kmh,
            "max_minutes": float(max_minutes),
            "snap_max_m": float(max(d_snap.max(initial=0), s_snap.max(initial=0))),
            **self.source,
        }
        return CostMatrix(
            len(demand), len(supply), _cat(rows), _cat(cols), _cat(metres) / per_minute, source
        )


def _cat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.array([])
