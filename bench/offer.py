"""Benchmark: the full offer analysis on a directory scaled to 100,000 service locations.

The real records of the directory (AFMPS pharmacies, hospital sites, OSM pharmacies, the sample
directory) are repeated until the target size is reached; every copy of a geocoded location is moved by
a random jitter (normal, sigma 150 m) and located again in the sectors, so that copies spread over
neighbouring sectors. Every synthetic row is flagged (`synthetic` = True, ids suffixed "~syn<k>"); the
first copy is the real directory unchanged. Service areas are repeated with their services.

Timed: preparing the inputs and the three views, then every layer (sector, sub-municipality, commune,
Monitoring quartier, bassin, region; quartiers social-santé when loaded) x view: counts by area and
category, rates per 1,000 (total and each category), location quotients, the comparison of views, and
the pages' content for the 5 bassins and 19 communes. Prints the times and the peak memory
(tracemalloc: Python and numpy allocations; and the process's maximum resident set size).

Run: `.venv/bin/python bench/offer.py [N]` (default 100000). By default the data are loaded into a
temporary SQLite database (territories, population, directory, as `bassins load` does);
`--use-database` uses the configured database, which must be loaded already.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc


def setup_django(use_database: bool) -> None:
    if not use_database:
        os.environ["BASSINS_VAR_DIR"] = tempfile.mkdtemp(prefix="bassins-bench-offer-")
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    import django

    django.setup()
    if not use_database:
        from django.core.management import call_command

        start = time.perf_counter()
        call_command("migrate", "--no-input", verbosity=0)
        from io import StringIO

        call_command("load", stdout=StringIO(), stderr=StringIO())
        print(
            f"loaded the real data into {os.environ['BASSINS_VAR_DIR']} in {time.perf_counter() - start:.1f} s"
        )


def real_frames():
    """The real directory frames, with the coordinates of the geocoded locations (EPSG:31370)."""
    import numpy as np
    from pyproj import Transformer

    from bassins.directory import frames
    from bassins.directory.models import Location

    locations = frames.service_location_frame()
    areas = frames.service_area_frame()
    coords = {
        str(pk): (lon, lat)
        for pk, lon, lat in Location.objects.values_list("id", "longitude", "latitude")
        if lon is not None and lat is not None
    }
    lon = np.array(
        [coords.get(i, (np.nan, np.nan))[0] for i in locations["location_id"]], dtype=float
    )
    lat = np.array(
        [coords.get(i, (np.nan, np.nan))[1] for i in locations["location_id"]], dtype=float
    )
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(lon, lat)
    locations["x"], locations["y"] = x, y
    return locations, areas, frames.source_summary()


def scale(locations, areas, n: int, seed: int = 2024):
    """Repeat the real rows to `n` rows: copies of geocoded rows are jittered and located again."""
    import numpy as np
    import pandas as pd

    from bassins.territory import store

    rng = np.random.default_rng(seed)
    copies = int(np.ceil(n / len(locations)))
    index = store.sector_index()
    parts, area_parts = [], []
    for k in range(copies):
        part = locations.copy()
        suffix = "" if k == 0 else f"~syn{k}"
        part["synthetic"] = k > 0
        for column in ("service_id", "location_id", "organization_id"):
            part[column] = part[column].where(
                part[column].isna(), part[column].astype(str) + suffix
            )
        if k:
            moved = (part["precision"] == "point") & part["x"].notna()
            x = part.loc[moved, "x"].to_numpy() + rng.normal(0, 150, moved.sum())
            y = part.loc[moved, "y"].to_numpy() + rng.normal(0, 150, moved.sum())
            found = index.locate(x, y, crs="EPSG:31370")
            for column in ("sector", "submunicipality", "commune", "monitoring", "bassin", "qss"):
                part.loc[moved, column] = found[column].to_numpy(dtype=object)
            part.loc[moved, "region"] = np.where(found["inside"].to_numpy(), "04000", None)
            part.loc[moved, "x"], part.loc[moved, "y"] = x, y
        parts.append(part)
        area = areas.copy()
        area["service_id"] = area["service_id"].astype(str) + suffix
        area_parts.append(area)
    scaled = pd.concat(parts, ignore_index=True).iloc[:n]
    kept = set(scaled["service_id"])
    scaled_areas = pd.concat(area_parts, ignore_index=True)
    return scaled, scaled_areas[scaled_areas["service_id"].isin(kept)].reset_index(drop=True)


def run(locations, areas, sources):
    from bassins.offer import data
    from bassins.offer.analysis import OfferAnalysis, OfferInputs
    from bassins.offer.report import bassin_report, commune_report
    from bassins.territory import store

    membership = store.membership()
    populations, _ = data.populations(membership)
    inputs = OfferInputs(
        locations=locations,
        membership=membership,
        areas=areas,
        sources=sources,
        categories=data.category_labels(),
        names=data.area_names(),
        populations=populations,
    )
    timings = {}
    start = time.perf_counter()
    analysis = OfferAnalysis(inputs)
    timings["prepare inputs and the three views"] = time.perf_counter() - start
    start = time.perf_counter()
    results = analysis.run_all()
    timings[f"all layers x views x categories ({len(analysis.layers)} layers)"] = (
        time.perf_counter() - start
    )
    start = time.perf_counter()
    for code in analysis.areas("bassin"):
        bassin_report(analysis, code, "fr")
    for code in analysis.areas("commune"):
        commune_report(analysis, code, "fr")
    timings["page content, 5 bassins + 19 communes"] = time.perf_counter() - start
    return analysis, results, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "n", nargs="?", type=int, default=100_000, help="service locations (default 100000)"
    )
    parser.add_argument(
        "--use-database", action="store_true", help="use the configured, already loaded database"
    )
    args = parser.parse_args()
    setup_django(args.use_database)

    from bassins.offer.counts import TOTAL

    locations, areas, sources = real_frames()
    real_rows = len(locations)
    start = time.perf_counter()
    scaled, scaled_areas = scale(locations, areas, args.n)
    prep = time.perf_counter() - start
    synthetic = int(scaled["synthetic"].sum())
    print(
        f"directory: {real_rows:,} real service locations repeated with jitter to {len(scaled):,} "
        f"({synthetic:,} synthetic, flagged), {len(scaled_areas):,} declared areas; built in {prep:.1f} s"
    )

    # First pass: timings (no tracing). Second pass: the same work under tracemalloc, for peak memory.
    total_start = time.perf_counter()
    analysis, results, timings = run(scaled, scaled_areas, sources)
    total = time.perf_counter() - total_start
    for name, seconds in timings.items():
        print(f"  {name:55} {seconds:7.2f} s")
    print(f"  {'total':55} {total:7.2f} s")
    tables = sum(1 for key in results if key[1] != "compare")
    print(
        f"  {tables} count tables (layer x view), {len(analysis.categories)} categories, "
        f"{sum(len(e.get('rates', {})) for k, e in results.items() if k[1] != 'compare')} rate tables"
    )
    del analysis, results
    tracemalloc.start()
    analysis, results, _ = run(scaled, scaled_areas, sources)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"peak memory of the analysis (tracemalloc, Python and numpy allocations) {peak / 2**20:,.0f} MiB; "
        f"process maximum resident set size {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"
    )
    for view in ("head_office", "site", "area_served"):
        counts = analysis.counts(view, "bassin")
        print(
            f"  {view:12} per bassin {counts.table[TOTAL].to_dict()} not placed {counts.not_placed[TOTAL]:,} "
            f"region {counts.region[TOTAL]:,} outside {counts.outside[TOTAL]:,}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
