"""Benchmark: search latency on a directory scaled to N service locations (default 100,000).

The real documents of the loaded directory (as bassins.search.documents reads them) are repeated until N
are reached; every copy is flagged synthetic (`display["synthetic"]`, id suffixed "~syn<k>") and its
point moved by a random jitter (normal, sigma 150 m, seed 0). The first copy is the real directory.

Timed: the index build, the dev queries (`../shared/eval/orientation_dev.csv`) each run with and without
filters (person's commune, open at Monday 10:00, a 3 km radius, a category filter), p50/p95/p99 over
all runs (each with the freshness check a search makes: two indexed aggregate queries on the
configured database), and the time for one edit to become searchable (LiveIndex.replace of one
document, then the search that finds it). The ranking runs in Python on the in-process index, so the
database only serves the freshness check (also timed alone with `--database`). The first query of the
run is included (cold caches): it is the max.

Run: `.venv/bin/python bench/search_speed.py [N] [--database]` on a loaded database.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import os
import random
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--queries")
    parser.add_argument("--database", action="store_true", help="also time the freshness check")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    import django

    django.setup()
    import numpy as np
    from django.db import connection

    from bassins.directory.brussels import commune_code
    from bassins.search import documents, engine, maintain
    from bassins.search.index import Index

    sys_path = args.queries
    if not sys_path:
        from bassins.config import data_dir

        sys_path = data_dir().parent / "eval" / "orientation_dev.csv"
    queries = list(csv.DictReader(open(sys_path, encoding="utf-8")))
    concepts = documents.concepts()
    real = documents.documents()
    rng = random.Random(0)
    docs = []
    k = 0
    while len(docs) < args.n:
        for doc in real:
            if len(docs) >= args.n:
                break
            if k == 0:
                docs.append(doc)
                continue
            copy_ = copy.copy(doc)
            copy_.id = f"{doc.id}~syn{k}"
            copy_.display = dict(doc.display, synthetic=True)
            if doc.lat is not None:
                copy_.lat = doc.lat + rng.gauss(0, 150) / 111_000
                copy_.lon = doc.lon + rng.gauss(0, 150) / 70_000
            docs.append(copy_)
        k += 1
    start = time.perf_counter()
    live = engine.LiveIndex(Index(docs, concepts))
    build = time.perf_counter() - start
    print(
        f"database: {connection.vendor}; documents: {live.size} ({len(real)} real, rest synthetic)"
    )
    print(f"index build: {build:.1f} s")
    centres = documents._centres()
    monday = dt.datetime(2026, 11, 30, 10, 0)
    times = []
    for row in queries:
        commune = commune_code(row.get("near_commune") or "")
        variants = [
            engine.Request(q=row["query"], lang=row.get("lang") or None),
            engine.Request(
                q=row["query"],
                lang=row.get("lang") or None,
                person_commune=commune,
                near=centres.get(commune),
                open_at=monday,
            ),
            engine.Request(
                q=row["query"], near=centres.get(commune), radius_km=3.0, person_commune=commune
            ),
            engine.Request(
                q=row["query"], categories=tuple(row["expected_categories"].split(";")[:1])
            ),
        ]
        for request in variants:
            t = time.perf_counter()
            maintain._version()  # the freshness check every search makes (database)
            engine.search(live, request)
            times.append(time.perf_counter() - t)
    ms = np.array(times) * 1000
    print(
        f"queries: {len(ms)} ({len(queries)} x 4 filter sets) p50={np.percentile(ms, 50):.1f} ms "
        f"p95={np.percentile(ms, 95):.1f} ms p99={np.percentile(ms, 99):.1f} ms max={ms.max():.1f} ms"
    )
    edited = copy.copy(real[0])
    edited.texts = dict(edited.texts, name=[("fr", "Zyxwvu antenne nouvelle")])
    t = time.perf_counter()
    live.replace([edited], [])
    found = engine.search(live, engine.Request(q="Zyxwvu"))
    edit = time.perf_counter() - t
    assert found.hits and found.hits[0].doc.id == edited.id
    print(f"one edit searchable after: {edit * 1000:.1f} ms (overlay patch + search)")
    if args.database:
        t = time.perf_counter()
        for _ in range(50):
            maintain._version()
        print(
            f"freshness check ({connection.vendor}): {(time.perf_counter() - t) / 50 * 1000:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
