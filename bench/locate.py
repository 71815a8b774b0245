"""Benchmark: 1,000,000 random points in the Brussels region assigned to statistical sectors.

bassins' `SectorIndex` against `geopandas.sjoin` (predicate "intersects") on the same points, in one run:
checks the answers are identical, prints the timings and the speed ratio. Run: `.venv/bin/python bench/locate.py [N]`.
"""

from __future__ import annotations

import sys
import time

import geopandas as gpd
import numpy as np
import shapely

from bassins.config import data_file
from bassins.territory import sources
from bassins.territory.layers import build_territories
from bassins.territory.locate import SectorIndex


def random_points_in(polygon, n: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = polygon.bounds
    xs, ys = [], []
    shapely.prepare(polygon)
    while sum(len(x) for x in xs) < n:
        x, y = rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)
        keep = shapely.contains_xy(polygon, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def timed(function, *args, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main(n: int = 1_000_000) -> None:
    territories = build_territories(
        sources.read_sectors(data_file("boundaries/statbel_sectors_bxl_2022.gpkg")),
        sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv")),
        sources.read_bassin_table(data_file("reference/bassins_2024.csv")),
        vintage="2022",
    )
    sectors = territories.sectors
    region = territories.layers["region"].geometry.iloc[0]
    x, y = random_points_in(region, n)
    print(
        f"{n:,} random points in the region ({region.area / 1e6:.2f} km²), {len(sectors)} sectors, EPSG:31370"
    )

    build_time, index = timed(SectorIndex, sectors, repeat=1)
    ours_time, ours = timed(index.sector_positions, x, y)

    polygons = gpd.GeoDataFrame(geometry=sectors.geometry.values, crs=sectors.crs)

    def with_sjoin(x, y):
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=sectors.crs)
        joined = gpd.sjoin(points, polygons, how="left", predicate="intersects")
        joined = joined[~joined.index.duplicated(keep="first")]
        return joined["index_right"].fillna(-1).astype(np.int64).to_numpy()

    sjoin_time, theirs = timed(with_sjoin, x, y)
    identical = bool(np.array_equal(ours, theirs))
    lon, lat = shapely.get_coordinates(
        gpd.GeoSeries(gpd.points_from_xy(x, y), crs=31370).to_crs(4326).values
    ).T
    wgs_time, located = timed(index.locate, lon, lat, repeat=1)
    same_from_wgs84 = float((located["sector"].to_numpy() == index.codes[ours]).mean())

    print(
        f"identical results: {identical} ({int((ours >= 0).sum()):,} points placed, {int((ours < 0).sum()):,} outside)"
    )
    print(f"bassins SectorIndex build:      {build_time:8.3f} s (once per process)")
    print(
        f"bassins SectorIndex lookup:     {ours_time:8.3f} s  ({n / ours_time / 1e6:.2f} M points/s)"
    )
    print(
        f"geopandas.sjoin (intersects):   {sjoin_time:8.3f} s  ({n / sjoin_time / 1e6:.2f} M points/s)"
    )
    print(f"ratio sjoin / bassins (lookup): {sjoin_time / ours_time:8.2f}x")
    print(
        f"ratio sjoin / bassins (incl. index build): {sjoin_time / (ours_time + build_time):.2f}x"
    )
    print(
        f"bassins full locate from WGS84 lon/lat (reprojection + all layer codes): {wgs_time:.3f} s; "
        f"same sector as from Lambert for {same_from_wgs84:.4%} (round trip through lon/lat at float precision)"
    )
    if not identical:
        sys.exit("results differ")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
