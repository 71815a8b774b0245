"""Point → territory lookup, vectorised.

`SectorIndex` answers "which statistical sector (and so which sub-municipality, commune, Monitoring
quartier, quartier social-santé, bassin) holds each point" for millions of points at once. It overlays a
regular grid on the region: a cell that lies wholly inside one sector answers every point falling in
it by array indexing; only points in cells crossed by a boundary are tested exactly against the
polygons (shapely's STRtree). The answers are the same as a point-in-polygon join (`geopandas.sjoin`,
predicate "intersects"); see bench/locate.py. Points outside the region come back with `inside` False,
not as an error. Pure module: no Django.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from bassins.errors import CoordinateSystemError, InputError
from bassins.territory.layers import PARENT_LAYERS
from bassins.territory.sources import BRUSSELS_BOUNDS_L72, LAMBERT72

OUTSIDE = -1
UNDECIDED = -2
RESULT_COLUMNS = [
    "sector",
    *[layer for layer in PARENT_LAYERS if layer != "region"],
    "inside",
    "status",
]


class SectorIndex:
    """A lookup structure over sector polygons in EPSG:31370.

    sectors: a (Geo)DataFrame indexed by sector code with a `geometry` column (EPSG:31370) and the
    membership columns of `PARENT_LAYERS` (missing ones are answered as None).
    """

    def __init__(self, sectors, cell_size: float = 40.0):
        self.codes = np.asarray(sectors.index, dtype=object)
        self.geoms = np.asarray(sectors.geometry.values, dtype=object)
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.parents = {
            layer: np.asarray(sectors[layer], dtype=object)
            if layer in sectors.columns
            else np.full(len(self.codes), None, dtype=object)
            for layer in PARENT_LAYERS
            if layer != "region"
        }
        self._build_grid(cell_size)

    def _build_grid(self, cell_size: float) -> None:
        minx, miny, maxx, maxy = shapely.total_bounds(self.geoms)
        self.origin = (minx, miny)
        self.cell = cell_size
        self.shape = (
            int(np.ceil((maxy - miny) / cell_size)),
            int(np.ceil((maxx - minx) / cell_size)),
        )
        rows, cols = np.indices(self.shape)
        x0 = minx + cols.ravel() * cell_size
        y0 = miny + rows.ravel() * cell_size
        boxes = shapely.box(x0, y0, x0 + cell_size, y0 + cell_size)
        grid = np.full(boxes.size, OUTSIDE, dtype=np.int32)
        # Cells touching any sector are undecided until shown to lie within exactly one.
        touched_cells, _ = self.tree.query(boxes, predicate="intersects")
        grid[np.unique(touched_cells)] = UNDECIDED
        cell_ids, sector_ids = self.tree.query(boxes, predicate="within")
        single = np.bincount(cell_ids, minlength=boxes.size) == 1
        keep = single[cell_ids]
        grid[cell_ids[keep]] = sector_ids[keep]
        self.grid = grid.reshape(self.shape)

    def sector_positions(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Position of the sector holding each (x, y) in EPSG:31370; -1 outside (or NaN)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        result = np.full(x.shape, OUTSIDE, dtype=np.int64)
        finite = np.isfinite(x) & np.isfinite(y)
        col = np.floor((x - self.origin[0]) / self.cell)
        row = np.floor((y - self.origin[1]) / self.cell)
        on_grid = finite & (col >= 0) & (row >= 0) & (col < self.shape[1]) & (row < self.shape[0])
        cells = np.full(x.shape, OUTSIDE, dtype=np.int64)
        cells[on_grid] = self.grid[row[on_grid].astype(np.int64), col[on_grid].astype(np.int64)]
        result[:] = np.where(cells >= 0, cells, OUTSIDE)
        exact = np.flatnonzero(cells == UNDECIDED)
        if exact.size:
            points = shapely.points(x[exact], y[exact])
            point_ids, sector_ids = self.tree.query(points, predicate="intersects")
            # A point on a shared boundary matches two sectors: keep the first in sector order.
            order = np.lexsort((sector_ids, point_ids))
            point_ids, sector_ids = point_ids[order], sector_ids[order]
            first = np.unique(point_ids, return_index=True)[1]
            result[exact[point_ids[first]]] = sector_ids[first]
        return result

    def locate(self, x, y, crs: str = "EPSG:4326") -> pd.DataFrame:
        """Territory codes of each point; `crs` is that of the coordinates (WGS84 lon/lat by default)."""
        lx, ly = to_lambert72(x, y, crs)
        positions = self.sector_positions(lx, ly)
        inside = positions >= 0
        columns = {"sector": take(self.codes, positions)}
        for layer, values in self.parents.items():
            columns[layer] = take(values, positions)
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=object) for name, values in columns.items()}
        )
        frame["inside"] = inside
        finite = np.isfinite(lx) & np.isfinite(ly)
        frame["status"] = np.where(inside, "inside", np.where(finite, "outside", "invalid"))
        return frame[RESULT_COLUMNS]


def take(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    out = np.full(positions.shape, None, dtype=object)
    hit = positions >= 0
    out[hit] = values[positions[hit]]
    return out


def to_lambert72(x, y, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in EPSG:31370, after checking they fit the CRS they were given in."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    y = np.atleast_1d(np.asarray(y, dtype=float))
    if x.shape != y.shape:
        raise InputError(f"{x.size} x values but {y.size} y values")
    try:
        source = CRS.from_user_input(crs)
    except Exception as error:
        raise CoordinateSystemError(f"unknown coordinate reference system {crs!r}") from error
    finite = np.isfinite(x) & np.isfinite(y)
    if finite.any():
        fx, fy = x[finite], y[finite]
        if source.is_geographic and ((np.abs(fx) > 180).any() or (np.abs(fy) > 90).any()):
            bad = int(np.flatnonzero((np.abs(fx) > 180) | (np.abs(fy) > 90))[0])
            raise CoordinateSystemError(
                f"point ({fx[bad]:g}, {fy[bad]:g}) is not a longitude/latitude in degrees: projected metres "
                f"(Belgian Lambert 72 is EPSG:31370, Lambert 2008 EPSG:3812) given as {source.name}?"
            )
        if not source.is_geographic and (np.abs(fx) <= 180).all() and (np.abs(fy) <= 90).all():
            raise CoordinateSystemError(
                f"all points look like longitude/latitude degrees (e.g. {fx[0]:g}, {fy[0]:g}) but were "
                f"given as {source.name} metres: use EPSG:4326 for WGS84"
            )
    if source == CRS.from_user_input(LAMBERT72):
        return x, y
    transformer = Transformer.from_crs(source, LAMBERT72, always_xy=True)
    return transformer.transform(x, y)


def region_bounds_wgs84() -> tuple[float, float, float, float]:
    transformer = Transformer.from_crs(LAMBERT72, "EPSG:4326", always_xy=True)
    minx, miny, maxx, maxy = BRUSSELS_BOUNDS_L72
    (x0, x1), (y0, y1) = transformer.transform([minx, maxx], [miny, maxy])
    return x0, y0, x1, y1
