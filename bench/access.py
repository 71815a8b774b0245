# ruff: noqa: E402, B023, E731  (imports after the path fix; lambdas timed inside their loop)
"""Benchmark: bassins.access against PySAL `access` (1.1.10.post3) on the same inputs, in one run.

Brussels scale: the 724 statistical sectors (population ≈ 2020, Schaerbeek sectors at their blocks'
population-weighted centre) × every service location with coordinates in the open data (the active
AFMPS pharmacies and the hospital sites), straight-line walking costs (detour 1.3, 4.8 km/h) cut at
30 minutes, catchment 15 minutes.
Belgium scale (SYNTHETIC points): 19,795 demand points × 50,000 supply points drawn uniformly in a
200 km × 152.6 km box (Belgium's 30,500 km²), straight-line costs at `--belgium-speed` km/h (20 by
default: walking would leave only ~17 sites per point) × 1.3, cut at 30 minutes.

For each of 2SFCA, E2SFCA, G2SFCA, 3SFCA and RAAM: our time, PySAL access's time, the ratio and the
largest relative difference. PySAL's RAAM builds a dense demand × supply matrix: where its estimated
memory exceeds `--pysal-memory-gb` (or it would run past 10 minutes) the run says so and gives its
time at the largest size it handles. Also: the scenario update time (add a site, close a site) and
the peak memory (tracemalloc of our computation; maximum resident size of the process).

Run: `.venv/bin/python bench/access.py [--quick]` (`--quick`: Brussels scale only, under a minute).
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

# This file is named access.py: take its folder off the path so that `access` is PySAL's package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
Access = importlib.import_module("access").Access
pysal_weights = importlib.import_module("access.weights")

from bassins.access import analysis, costs, demand, measures, weights
from bassins.access.scenario import Scenario
from bassins.access.supply import AT_POINT, Sites
from bassins.codes import LAMBERT72
from bassins.config import data_file
from bassins.population import readers
from bassins.territory import sources
from bassins.territory.layers import build_territories

METHODS = ("2sfca", "e2sfca", "g2sfca", "3sfca", "raam")
PYSAL_LIMIT_S = 600.0


def brussels_inputs():
    territories = build_territories(
        sources.read_sectors(data_file("boundaries/statbel_sectors_bxl_2022.gpkg")),
        sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv")),
        sources.read_bassin_table(data_file("reference/bassins_2024.csv")),
        vintage="2022",
    )
    pop = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    points = demand.build_demand(
        territories.sectors,
        pop.set_index("area_code")["population"].astype(float),
        blocks=demand.read_blocks(
            data_file("population/schaerbeek_population_urban_blocks.geojson")
        ),
    )
    import geopandas as gpd

    pharmacies = gpd.read_file(data_file("services/afmps_pharmacies_bxl_2022.geojson")).to_crs(
        LAMBERT72
    )
    pharmacies = pharmacies[pharmacies["status"] == "active"]
    hospitals = pd.read_csv(data_file("services/hospitals_sites_bxl_2020.csv"))
    hpts = gpd.GeoSeries(
        gpd.points_from_xy(hospitals["lon"], hospitals["lat"]), crs="EPSG:4326"
    ).to_crs(LAMBERT72)
    x = np.r_[pharmacies.geometry.x.to_numpy(), hpts.x.to_numpy()]
    y = np.r_[pharmacies.geometry.y.to_numpy(), hpts.y.to_numpy()]
    n = len(x)
    ids = np.array([f"s{i}" for i in range(n)], dtype=object)
    sites = Sites(
        ids,
        ids,
        ids,
        np.full(n, "service", dtype=object),
        x,
        y,
        np.ones(n),
        np.full(n, "1 per site", dtype=object),
        np.full(n, AT_POINT, dtype=object),
    )
    return territories, points, sites


def synthetic_belgium(speed_kmh: float, seed: int = 11):
    rng = np.random.default_rng(seed)
    width, height = 200_000.0, 152_600.0
    dxy = rng.uniform([20_000, 20_000], [20_000 + width, 20_000 + height], size=(19_795, 2))
    sxy = rng.uniform([20_000, 20_000], [20_000 + width, 20_000 + height], size=(50_000, 2))
    dem = rng.integers(50, 1200, size=len(dxy)).astype(float)
    sup = rng.integers(1, 10, size=len(sxy)).astype(float)
    return dxy, sxy, dem, sup


def pysal_access(cm, dem, sup):
    demand_df = pd.DataFrame({"geoid": np.arange(cm.n_demand), "demand": dem})
    supply_df = pd.DataFrame({"geoid": np.arange(cm.n_supply), "supply": sup})
    return Access(
        demand_df=demand_df,
        demand_index="geoid",
        demand_value="demand",
        supply_df=supply_df,
        supply_index="geoid",
        supply_value="supply",
        cost_df=cm.long(),
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )


def ours(method, cm, dem, sup, p, max_minutes):
    if method == "raam":
        return measures.raam(cm, dem, sup, tau=p["raam_tau"])
    fn = {
        "2sfca": weights.flat(),
        "e2sfca": weights.step(p["e2sfca_steps"]),
        "g2sfca": weights.gaussian(p["g2sfca_sigma"]),
        "3sfca": weights.step(p["3sfca_steps"]),
    }[method]
    return measures.fca(cm, dem, sup, method, max_minutes, fn)["access"]


def theirs(method, a, p, max_minutes):
    if method == "2sfca":
        return a.two_stage_fca(max_cost=max_minutes)["2sfca_supply"]
    if method == "e2sfca":
        return a.enhanced_two_stage_fca(
            max_cost=max_minutes, weight_fn=pysal_weights.step_fn(p["e2sfca_steps"])
        )["e2sfca_supply"]
    if method == "g2sfca":
        return a.two_stage_fca(
            name="g2sfca", max_cost=max_minutes, weight_fn=pysal_weights.gaussian(p["g2sfca_sigma"])
        )["g2sfca_supply"]
    if method == "3sfca":
        return a.three_stage_fca(
            max_cost=max_minutes, weight_fn=pysal_weights.step_fn(p["3sfca_steps"])
        )["3sfca_supply"]
    return a.raam(tau=p["raam_tau"])["raam_supply"]


def timed(function, repeat=1):
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = function()
        best = min(best, time.perf_counter() - start)
    return best, out


def rel_diff(a, b):
    b = np.asarray(pd.Series(b).reindex(range(len(a))), float)
    b = np.where(np.isnan(b) & ~np.isnan(a), 0.0, b)
    ok = np.isfinite(a) & np.isfinite(b) & (np.abs(b) > 0)
    return float(np.max(np.abs(a[ok] - b[ok]) / np.abs(b[ok]))) if ok.any() else 0.0


def traced_peak_mb(function):
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def compare(label, cm, dem, sup, max_minutes, *, raam_sizes=None, memory_gb=4.0, repeat=3):
    p = analysis.parameters(max_minutes)
    print(
        f"\n== {label}: {cm.n_demand:,} demand × {cm.n_supply:,} supply, {cm.nnz:,} pairs within "
        f"{cm.source['max_minutes']:g} min (catchment {max_minutes:g} min)"
    )
    print(
        f"{'method':8} {'bassins':>10} {'PySAL access':>14} {'ratio':>8} {'max rel diff':>13} {'peak MB':>8}"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = pysal_access(cm, dem, sup)
        for method in METHODS:
            t_ours, mine = timed(lambda: ours(method, cm, dem, sup, p, max_minutes), repeat)
            peak = traced_peak_mb(lambda: ours(method, cm, dem, sup, p, max_minutes))
            dense_gb = cm.n_demand * cm.n_supply * 8 * 6 / 1e9  # pivot, copies, masks, costs
            if method == "raam" and dense_gb > memory_gb:
                print(
                    f"{method:8} {t_ours:9.3f}s {'not run':>14} {'':>8} {'':>13} {peak:8.0f}   "
                    f"PySAL's dense RAAM would need ≈{dense_gb:.0f} GB (> {memory_gb:g} GB budget)"
                )
                if raam_sizes:
                    raam_sizes(method, p)
                continue
            t_theirs, other = timed(lambda: theirs(method, a, p, max_minutes))
            print(
                f"{method:8} {t_ours:9.3f}s {t_theirs:13.3f}s {t_theirs / t_ours:7.0f}× "
                f"{rel_diff(mine, other):13.2e} {peak:8.0f}"
            )


def raam_largest(dxy, sxy, dem, sup, speed, memory_gb):
    """PySAL's RAAM at growing fractions of the Belgium-scale problem (same density), within budget."""

    def run(method, p):
        fractions = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
        for k, fraction in enumerate(fractions):
            nd, ns = int(len(dxy) * fraction), int(len(sxy) * fraction)
            if nd * ns * 8 * 6 / 1e9 > memory_gb:
                print(
                    f"   (the next size, {nd:,} × {ns:,}, would need ≈{nd * ns * 48 / 1e9:.1f} GB "
                    f"for PySAL's dense RAAM, over the {memory_gb:g} GB budget: stopped)"
                )
                break
            # the same density: the points of a box `fraction` of the area
            side = np.sqrt(fraction)
            box = lambda xy: (
                (xy[:, 0] - 20_000 < 200_000 * side) & (xy[:, 1] - 20_000 < 152_600 * side)
            )  # noqa: E731
            dm, sm = box(dxy), box(sxy)
            cm = costs.straight_line(dxy[dm], sxy[sm], 30.0, speed_kmh=speed)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t_ours, mine = timed(lambda: measures.raam(cm, dem[dm], sup[sm], tau=p["raam_tau"]))
                a = pysal_access(cm, dem[dm], sup[sm])
                t_theirs, other = timed(lambda: theirs("raam", a, p, 15.0))
            print(
                f"   RAAM at {cm.n_demand:,} × {cm.n_supply:,} (same density): bassins {t_ours:.2f}s, "
                f"PySAL access {t_theirs:.2f}s, ratio {t_theirs / t_ours:.0f}×, max rel diff "
                f"{rel_diff(mine, other):.1e}"
            )
            following = fractions[k + 1] if k + 1 < len(fractions) else None
            if following and t_theirs * (following / fraction) ** 2 > PYSAL_LIMIT_S:
                print("   (the next size would take PySAL longer than 10 minutes: stopped)")
                break

    return run


def scenario_times(territories, points, sites):
    cm = costs.straight_line(points.xy, sites.xy, 30.0)
    setup = analysis.Setup(
        points, sites, cm, 15.0, membership=territories.sectors[["bassin", "monitoring"]]
    )
    scenario = Scenario(setup)
    x0, y0 = np.median(points.x), np.median(points.y)
    for label, edits, with_raam in (
        ("add a site (all measures but RAAM)", [{"op": "add", "x": x0, "y": y0}], False),
        ("close a site (all measures but RAAM)", [{"op": "close", "site": 0}], False),
        ("add a site (every measure, RAAM too)", [{"op": "add", "x": x0, "y": y0}], True),
    ):
        scenario.setup = (
            setup if with_raam else analysis.Setup(**{**setup.__dict__, "with_raam": False})
        )
        t, _ = timed(lambda: scenario.apply(edits), repeat=10)
        print(f"scenario update, {label}: {t * 1000:.1f} ms (best of 10)")
    t, _ = timed(lambda: costs.straight_line(points.xy, sites.xy, 30.0), repeat=5)
    print(f"full cost matrix (straight line, {cm.nnz:,} pairs): {t * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Brussels scale only")
    parser.add_argument("--belgium-speed", type=float, default=20.0, help="km/h (default 20)")
    parser.add_argument(
        "--pysal-memory-gb",
        type=float,
        default=4.0,
        help="largest dense matrix set PySAL's RAAM may build (shared machine)",
    )
    args = parser.parse_args()
    territories, points, sites = brussels_inputs()
    cm = costs.straight_line(points.xy, sites.xy, 30.0)
    compare("Brussels (real)", cm, np.round(points.demand()), sites.capacity, 15.0)
    scenario_times(territories, points, sites)
    if not args.quick:
        dxy, sxy, dem, sup = synthetic_belgium(args.belgium_speed)
        t, bcm = timed(lambda: costs.straight_line(dxy, sxy, 30.0, speed_kmh=args.belgium_speed))
        print(
            f"\nBelgium-scale cost matrix (SYNTHETIC, {args.belgium_speed:g} km/h × 1.3, cut 30 min): "
            f"{t:.1f} s, {bcm.nnz:,} pairs"
        )
        compare(
            "Belgium scale (SYNTHETIC)",
            bcm,
            dem,
            sup,
            30.0,
            repeat=1,
            raam_sizes=raam_largest(dxy, sxy, dem, sup, args.belgium_speed, args.pysal_memory_gb),
            memory_gb=args.pysal_memory_gb,
        )
    print(
        f"\nmaximum resident size of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
