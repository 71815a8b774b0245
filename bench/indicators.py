"""Benchmark: every loaded indicator computed and compared at every layer (724 sectors up to the
region), against a plain reference implementation.

The platform's path (`bassins.indicators.collect` + `tidy.build`: read and validate every source of
the data directory, aggregate by sums through the sector memberships, Wilson / exact Poisson / Byar
limits at 95% and 99.8%, comparison with the region) is timed, with its peak memory (tracemalloc and
the process's maximum resident set size), and the tidy table is written to a CSV file.

The reference is written here from the published formulas, row by row with Python loops and dicts,
its Poisson limits from scipy's chi-squared quantiles (not from `bassins.indicators.poisson`): it
takes the same native rows, sums them to every layer, computes the values, limits and comparisons,
and must give the same table (largest relative difference printed; the run fails above 1e-9).
PHStatsMethods is not a dependency of bassins; the reference plays its part.

Run: `.venv/bin/python bench/indicators.py [--out FILE] [--repeat N]` (no database needed: the
territories and populations are read from the data directory, `BASSINS_DATA_DIR`).
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path


def inputs():
    from bassins.config import data_file
    from bassins.population import readers
    from bassins.territory import sources
    from bassins.territory.layers import build_territories

    territories = build_territories(
        sources.read_sectors(data_file("boundaries/statbel_sectors_bxl_2022.gpkg")),
        sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv")),
        sources.read_bassin_table(data_file("reference/bassins_2024.csv")),
        vintage="2022",
    )
    communes = readers.read_commune_population_by_sex(data_file(readers.COMMUNE_FILE))
    sectors = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    return territories, communes, sectors


def platform(territories, communes, sectors):
    from bassins.config import data_dir
    from bassins.indicators import collect, registry

    return collect.collect_directory(
        data_dir(),
        territories.membership(),
        territories.sectors,
        registry.registry(),
        communes_population=communes,
        sectors_population=sectors,
    )


# -- the plain reference ------------------------------------------------------------------------------


def _chi2_limits(observed: float, confidence: float) -> tuple[float, float]:
    from scipy.stats import chi2, norm

    if observed < 10:
        alpha = 1 - confidence
        low = 0.0 if observed == 0 else chi2.ppf(alpha / 2, 2 * observed) / 2
        return low, chi2.ppf(1 - alpha / 2, 2 * observed + 2) / 2
    z = norm.ppf(1 - (1 - confidence) / 2)
    o, o1 = observed, observed + 1
    return (
        o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3,
        o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3,
    )


def _wilson(o: float, n: float, confidence: float) -> tuple[float, float]:
    from scipy.stats import norm

    z = norm.ppf(1 - (1 - confidence) / 2)
    p = o / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


LAYER_ORDER = ("sector", "submunicipality", "commune", "monitoring", "qss", "bassin", "region")


def reference(rows, membership, registry):
    """The same table by loops: {key: (count, denominator, value, l95, u95, l998, u998, cmp998)}."""
    members = {layer: membership[layer].to_dict() for layer in membership.columns}
    members["sector"] = {code: code for code in membership.index}
    table: dict[tuple, list] = {}
    records = rows.to_dict("records")
    for r in records:
        key = (
            r["indicator"],
            r["layer"],
            r["area_code"],
            r["period"],
            r["sex"],
            r["age_band"],
            r["category"],
        )
        table[key] = [r["count"], r["denominator"], r["value"]]
    sums: dict[tuple, list] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for r in records:
        indicator = registry[r["indicator"]]
        if indicator.aggregation != "sum" or r["layer"] != indicator.native_layer:
            continue
        start = LAYER_ORDER.index(r["layer"])
        for layer in LAYER_ORDER[start + 1 :]:
            if layer not in indicator.layers:
                continue
            if r["layer"] == "sector":
                target = members[layer].get(r["area_code"])
            else:  # a commune sums to the region only (the other layers split communes)
                target = "04000" if layer == "region" else None
            if target is None:
                continue
            key = (
                r["indicator"],
                layer,
                target,
                r["period"],
                r["sex"],
                r["age_band"],
                r["category"],
            )
            s = sums[key]
            if r["count"] == r["count"]:
                s[0] += r["count"]
                s[2] += 1
            if r["denominator"] == r["denominator"]:
                s[1] += r["denominator"]
                s[3] += 1
    for key, (c, d, nc, nd) in sums.items():
        if key not in table:
            table[key] = [c if nc else math.nan, d if nd else math.nan, math.nan]
    out = {}
    for key, (c, d, v) in table.items():
        indicator = registry[key[0]]
        m, limits = indicator.multiplier, [math.nan] * 4
        if indicator.kind in ("count", "measure"):
            v = c
        elif indicator.kind != "value":
            v = c / d * m if d and d == d and d > 0 else math.nan
            if indicator.kind == "proportion" and d == d and d > 0:
                limits = [x * m for level in (0.95, 0.998) for x in _wilson(c, d, level)]
            elif indicator.kind == "rate" and d == d and d > 0:
                limits = [x / d * m for level in (0.95, 0.998) for x in _chi2_limits(c, level)]
        out[key] = [c, d, v, *limits]
    for key, row in out.items():
        indicator = registry[key[0]]
        region = out.get((key[0], "region", "04000", *key[3:]))
        comparison = "not compared"
        if indicator.kind in ("proportion", "rate") and region and key[1] != "region":
            low, high, r = row[5], row[6], region[2]
            if low == low and high == high and r == r:
                if low > r or high < r:
                    up = low > r
                    if indicator.polarity == "neither":
                        comparison = "higher" if up else "lower"
                    else:
                        comparison = (
                            "better"
                            if up == (indicator.polarity == "higher_is_better")
                            else "worse"
                        )
                else:
                    comparison = "similar"
        row.append(comparison)
    return out


def compare(table, ref) -> tuple[float, int]:
    """Largest relative difference of the numbers (values above 1e-9), and the number of rows
    compared; every key, every number (to 1e-9 relative, 1e-12 absolute) and every comparison
    must agree, or the run stops naming the first row that differs."""
    from bassins.indicators import tidy

    ours = {tuple(r[k] for k in tidy.KEY): r for r in table.to_dict("records")}
    if set(ours) != set(ref):
        missing = sorted(set(ref) ^ set(ours))[:3]
        raise SystemExit(f"the tables differ in their rows, e.g. {missing}")
    worst = 0.0
    columns = ("count", "denominator", "value", "lower95", "upper95", "lower998", "upper998")
    for key, expected in ref.items():
        row = ours[key]
        for column, value in zip(columns, expected[:7], strict=True):
            got = row[column]
            if value != value and got != got:
                continue
            if (value != value) != (got != got):
                raise SystemExit(f"{key} {column}: {got} vs reference {value}")
            if abs(got - value) > 1e-12 + 1e-9 * abs(value):  # 1e-12: Wilson's 0 vs ±1e-15
                raise SystemExit(f"{key} {column}: {got} vs reference {value}")
            if abs(value) > 1e-9:
                worst = max(worst, abs(got - value) / abs(value))
        if row["comparison998"] != expected[7]:
            raise SystemExit(f"{key}: comparison {row['comparison998']} vs reference {expected[7]}")
    return worst, len(ref)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None, help="where to write the tidy table (CSV)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best one printed)")
    args = parser.parse_args()
    from bassins.indicators import registry

    territories, communes, sectors = inputs()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        collected = platform(territories, communes, sectors)
        times.append(time.perf_counter() - start)
    tracemalloc.start()  # a run of its own: tracing slows the code it measures
    platform(territories, communes, sectors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    table = collected.table
    out = (
        Path(args.out)
        if args.out
        else Path(tempfile.mkdtemp(prefix="bassins-bench-")) / "indicators.csv"
    )
    table.to_csv(out, index=False)
    layers = table.groupby("layer").size().to_dict()
    print(
        f"files read: {len(collected.files)} + population + area; indicators: {table['indicator'].nunique()}"
    )
    print(f"rows: {len(table):,} ({', '.join(f'{k} {v:,}' for k, v in sorted(layers.items()))})")
    print(
        f"platform (read, validate, aggregate, limits, compare): best {min(times):.2f} s of {args.repeat}"
    )
    print(
        f"peak traced memory {peak / 2**20:.0f} MiB; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    print(f"tidy table written to {out}")
    # the reference takes the same native rows (already read): it is timed on the statistics only;
    # so are we, for the ratio
    from bassins.indicators import tidy

    start = time.perf_counter()
    ours = tidy.build(collected.rows, territories.membership(), registry.registry())
    ours_stats = time.perf_counter() - start
    start = time.perf_counter()
    ref = reference(tidy.normalise(collected.rows), territories.membership(), registry.registry())
    ref_time = time.perf_counter() - start
    worst, n = compare(ours, ref)
    print(
        f"statistics only (aggregate, limits, compare): platform {ours_stats:.2f} s, plain reference "
        f"{ref_time:.2f} s: ratio {ref_time / ours_stats:.1f} x; {n:,} rows identical "
        f"(largest relative difference {worst:.1e})"
    )
    if worst > 1e-9:
        print("FAILED: the platform and the reference differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
