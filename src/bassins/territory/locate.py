"""Point → territory lookup, vectorised.

`SectorIndex` answers "which statistical sector (and so which sub-municipality, commune, Monitoring
quartier, quartier social-santé, bassin) holds each point" for millions of points at once. It overlays a
regular grid on the region: a cell that lies wholly inside one sector answers every point falling in
it by array indexing; only points in cells crossed by a boundary are tested exactly against the
polygons (shapely's STRtree). The answers are the same as a point-in-polygon join (`geopandas.sjoin`,
predicate "intersects"; a point on a shared boundary goes to the first sector in index order); see
bench/locate.py. A point on a grid line or on the edge of the grid (the region's bounding box) is
tested exactly like a point near a boundary. Points outside the region come back with `inside` False,
not as an error; with a `tolerance`, a point that close to a sector is placed in the nearest one
(status "near"). Coordinates that do not fit the CRS they are given in (Lambert 2008 given as
Lambert 72 and the reverse, latitude/longitude swapped, metres given as degrees) are refused with a
CoordinateSystemError, never answered as "outside". Pure module: no Django.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from bassins.codes import (
    BELGIUM_L72,
    BELGIUM_L2008,
    BELGIUM_WGS84,
    BRUSSELS_BOUNDS_L72,
    LAMBERT72,
    LAMBERT2008,
    REGION,
    WGS84,
)
from bassins.errors import CoordinateSystemError, InputError
from bassins.territory.layers import PARENT_LAYERS

OUTSIDE = -1
UNDECIDED = -2
#: A point closer than this fraction of a cell to a grid line is tested exactly (rounding-proof).
GRID_EPSILON = 1e-9
RESULT_COLUMNS = [
    "sector",
    *[layer for layer in PARENT_LAYERS if layer != REGION],
    "inside",
    "status",
]


class SectorIndex:
    """A lookup structure over sector polygons in EPSG:31370.

    sectors: a (Geo)DataFrame indexed by sector code with a `geometry` column (EPSG:31370) and the
    membership columns of `PARENT_LAYERS` (missing ones are answered as None).

    cell_size: the side in metres of the grid that answers most points without a polygon test
    (building it takes seconds: worth it for a server locating many points); None: no grid, every
    point is tested against the polygons (the same answers; for a few hundred points at once).
    """

    def __init__(self, sectors, cell_size: float | None = 40.0):
        self.codes = np.asarray(sectors.index, dtype=object)
        self.geoms = np.asarray(sectors.geometry.values, dtype=object)
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.parents = {
            layer: np.asarray(sectors[layer], dtype=object)
            if layer in sectors.columns
            else np.full(len(self.codes), None, dtype=object)
            for layer in PARENT_LAYERS
            if layer != REGION
        }
        self.grid = None
        if cell_size is not None:
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
        if self.grid is None:
            return self._exact(x, y, np.flatnonzero(finite), result)
        with np.errstate(invalid="ignore"):
            fx = (x - self.origin[0]) / self.cell
            fy = (y - self.origin[1]) / self.cell
            col, row = np.floor(fx), np.floor(fy)
            # The grid's far edges (the bounding box's max x and max y) belong to the last cell.
            on_grid = finite & (fx >= 0) & (fy >= 0) & (fx <= self.shape[1]) & (fy <= self.shape[0])
            col = np.minimum(col, self.shape[1] - 1)
            row = np.minimum(row, self.shape[0] - 1)
            on_line = (np.abs(fx - np.round(fx)) < GRID_EPSILON) | (
                np.abs(fy - np.round(fy)) < GRID_EPSILON
            )
        cells = np.full(x.shape, OUTSIDE, dtype=np.int64)
        cells[on_grid] = self.grid[row[on_grid].astype(np.int64), col[on_grid].astype(np.int64)]
        # A point on a grid line touches two cells (four at a corner): decide it exactly.
        cells[on_grid & on_line] = UNDECIDED
        result[:] = np.where(cells >= 0, cells, OUTSIDE)
        return self._exact(x, y, np.flatnonzero(cells == UNDECIDED), result)

    def _exact(self, x, y, exact: np.ndarray, result: np.ndarray) -> np.ndarray:
        """`result` with the points at positions `exact` placed by a polygon test."""
        if exact.size:
            points = shapely.points(x[exact], y[exact])
            point_ids, sector_ids = self.tree.query(points, predicate="intersects")
            # A point on a shared boundary matches two sectors: keep the first in sector order.
            order = np.lexsort((sector_ids, point_ids))
            point_ids, sector_ids = point_ids[order], sector_ids[order]
            first = np.unique(point_ids, return_index=True)[1]
            result[exact[point_ids[first]]] = sector_ids[first]
        return result

    def nearest_positions(self, x: np.ndarray, y: np.ndarray, tolerance: float) -> np.ndarray:
        """Position of the nearest sector within `tolerance` metres of each (x, y); -1 if none."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        result = np.full(x.shape, OUTSIDE, dtype=np.int64)
        finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        if finite.size and tolerance > 0:
            points = shapely.points(x[finite], y[finite])
            point_ids, sector_ids = self.tree.query_nearest(points, max_distance=tolerance)
            order = np.lexsort((sector_ids, point_ids))  # ties: first sector in index order
            point_ids, sector_ids = point_ids[order], sector_ids[order]
            first = np.unique(point_ids, return_index=True)[1]
            result[finite[point_ids[first]]] = sector_ids[first]
        return result

    def locate(self, x, y, crs: str = WGS84, tolerance: float = 0.0) -> pd.DataFrame:
        """Territory codes of each point; `crs` is that of the coordinates (WGS84 lon/lat by default).

        `status` is "inside", "outside" or "invalid" (not a finite number); with a `tolerance` in
        metres, a point outside every sector but that close to one is placed in the nearest sector
        with status "near" and `inside` True (the region rule, bassins.codes.in_region).
        """
        lx, ly = to_lambert72(x, y, crs)
        positions = self.sector_positions(lx, ly)
        near = np.zeros(positions.shape, dtype=bool)
        if tolerance > 0 and (positions < 0).any():
            missing = np.flatnonzero(positions < 0)
            found = self.nearest_positions(lx[missing], ly[missing], tolerance)
            positions[missing] = found
            near[missing[found >= 0]] = True
        inside = positions >= 0
        columns = {"sector": take(self.codes, positions)}
        for layer, values in self.parents.items():
            columns[layer] = take(values, positions)
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=object) for name, values in columns.items()}
        )
        frame["inside"] = inside
        finite = np.isfinite(lx) & np.isfinite(ly)
        status = np.where(inside, "inside", np.where(finite, "outside", "invalid"))
        frame["status"] = np.where(near, "near", status)
        return frame[RESULT_COLUMNS]


def take(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """values[positions], None where a position is negative (not found)."""
    out = np.full(positions.shape, None, dtype=object)
    hit = positions >= 0
    out[hit] = values[positions[hit]]
    return out


def to_lambert72(x, y, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in EPSG:31370, after checking they fit the CRS they were given in.

    Raises CoordinateSystemError naming the first point that does not, and what it looks like:
    metres given as degrees (or the reverse), Lambert 2008 given as Lambert 72 (or the reverse),
    latitude/longitude given in the order latitude, longitude.
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    y = np.atleast_1d(np.asarray(y, dtype=float))
    if x.shape != y.shape:
        raise InputError(f"{x.size} x values but {y.size} y values")
    try:
        source = CRS.from_user_input(crs)
    except Exception as error:
        raise CoordinateSystemError(f"unknown coordinate reference system {crs!r}") from error
    check_fits(x, y, source)
    if source == CRS.from_user_input(LAMBERT72):
        return x, y
    transformer = Transformer.from_crs(source, LAMBERT72, always_xy=True)
    return transformer.transform(x, y)


def _within(x: np.ndarray, y: np.ndarray, bounds: tuple[float, float, float, float]) -> np.ndarray:
    minx, miny, maxx, maxy = bounds
    return (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)


def check_fits(x: np.ndarray, y: np.ndarray, source: CRS) -> None:
    """Raises CoordinateSystemError when a point is recognisably in another CRS than `source`."""
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return
    epsg = source.to_epsg()
    name = f"{source.name} (EPSG:{epsg})" if epsg else source.name

    def refuse(mask: np.ndarray, looks_like: str) -> None:
        bad = mask & finite
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise CoordinateSystemError(
                f"point {i + 1} of {x.size} ({x[i]:g}, {y[i]:g}) was given as {name} but {looks_like}"
            )

    degrees = _within(x, y, BELGIUM_WGS84)
    swapped = _within(y, x, BELGIUM_WGS84) & ~degrees
    if source.is_geographic:
        refuse(
            (np.abs(x) > 180) | (np.abs(y) > 90),
            "is not a longitude/latitude in degrees: projected metres (Belgian Lambert 72 is "
            "EPSG:31370, Lambert 2008 EPSG:3812)?",
        )
        if epsg == 4326:
            refuse(
                swapped,
                "looks like latitude, longitude in that order: give the longitude first "
                "(Brussels: longitude 4.24 to 4.48, latitude 50.76 to 50.92)",
            )
        return
    if (np.abs(x[finite]) <= 180).all() and (np.abs(y[finite]) <= 90).all() or degrees.any():
        refuse(
            degrees | swapped | ((np.abs(x) <= 180) & (np.abs(y) <= 90)),
            f"looks like longitude/latitude degrees, not metres: use {WGS84} for WGS84",
        )
    lambert72 = _within(x, y, BELGIUM_L72)
    lambert2008 = _within(x, y, BELGIUM_L2008)
    if epsg == 31370:
        refuse(
            lambert2008 & ~lambert72,
            f"looks like Belgian Lambert 2008 ({LAMBERT2008}: Brussels x 640 to 660 km, y 660 to "
            f"680 km), not Lambert 72 ({LAMBERT72}: Brussels x 140 to 160 km, y 160 to 180 km)",
        )
    elif epsg == 3812:
        refuse(
            lambert72 & ~lambert2008,
            f"looks like Belgian Lambert 72 ({LAMBERT72}: Brussels x 140 to 160 km, y 160 to "
            f"180 km), not Lambert 2008 ({LAMBERT2008}: Brussels x 640 to 660 km, y 660 to 680 km)",
        )


def region_bounds_wgs84() -> tuple[float, float, float, float]:
    """The bounds of the Brussels region in WGS84: (lon min, lat min, lon max, lat max)."""
    transformer = Transformer.from_crs(LAMBERT72, "EPSG:4326", always_xy=True)
    minx, miny, maxx, maxy = BRUSSELS_BOUNDS_L72
    (x0, x1), (y0, y1) = transformer.transform([minx, maxx], [miny, maxy])
    return x0, y0, x1, y1
