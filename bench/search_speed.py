"""Benchmark: search latency on a directory scaled to N service locations (default 100,000).

The real documents of the loaded directory (as bassins.search.documents reads them) are repeated until N
are reached; every copy is flagged synthetic (`display["synthetic"]`, id suffixed "~syn<k>") and its
point moved by a random jitter (normal, sigma 150 m, seed 0). The first copy is the real directory.

Timed, on the configured database (SQLite by default, PostgreSQL with DATABASE_URL):
* the index build;
* the dev queries (`../shared/eval/orientation_dev.csv`) each run with and without filters (person's
  commune, open at Monday 10:00, a 3 km radius, a category filter), p50/p95/p99 over all runs. Each
  run is what the `.json` view does minus HTTP: `service.run` (the freshness check of
  bassins.search.maintain, which asks the database at most once per second unless this process saw
  a change, then the ranking) and `service.result_data` (the page's hits, facets and reasons as
  data). Unmet needs are not counted (that would write to the database). The first query of the run
  is included (cold caches): it is the max. A second pass asks the database before every search
  (the interval set to 0: the worst case, every search more than a second after the last);
* one edit becoming searchable: a service renamed and saved in the database (in a transaction rolled
  back afterwards), then the search that finds it: the save's signal makes that search ask the
  database, read the changed records again and patch the index;
* with `--database`, the freshness check alone (one SQL statement).

The load average of the machine is printed before and after: the machine is shared, and latency
measured under load is not latency measured in quiet.

Run: `.venv/bin/python bench/search_speed.py [N] [--database] [--profile] [--tantivy]` on a loaded
database (`bassins load`). `--tantivy` also builds a tantivy index (PyPI `tantivy`, if installed) of
the same documents and times the same queries there as plain BM25 text queries, without filters,
synonyms or typo tolerance, for the engine comparison in docs/search.md.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import os
import random
import time


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as printed."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def scaled(real: list, n: int) -> list:
    """`real` repeated to `n` documents, copies flagged synthetic and jittered (seed 0)."""
    rng = random.Random(0)
    docs = []
    k = 0
    while len(docs) < n:
        for doc in real:
            if len(docs) >= n:
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
    return docs


def percentiles(seconds: list[float]) -> str:
    """p50/p95/p99/max of timings given in seconds, in ms."""
    import numpy as np

    ms = np.array(seconds) * 1000
    return (
        f"p50={np.percentile(ms, 50):.1f} ms p95={np.percentile(ms, 95):.1f} ms "
        f"p99={np.percentile(ms, 99):.1f} ms max={ms.max():.1f} ms"
    )


def tantivy_comparison(docs: list, queries: list[dict]) -> None:
    """Build a tantivy index of `docs` (name, body) and time the dev queries there."""
    try:
        import tantivy
    except ImportError:
        print("tantivy: not installed (pip install tantivy), comparison skipped")
        return
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("name", stored=False, tokenizer_name="default")
    builder.add_text_field("body", stored=False, tokenizer_name="default")
    schema = builder.build()
    start = time.perf_counter()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    for doc in docs:
        writer.add_document(
            tantivy.Document(
                id=doc.id,
                name=" ".join(text for _lang, text in doc.texts.get("name", [])),
                body=" ".join(text for _lang, text in doc.texts.get("body", [])),
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - start
    searcher = index.searcher()
    from bassins.search.text import words

    times = []
    for row in queries:
        text = " ".join(words(row["query"]))  # plain words: no syntax reaches the parser
        t = time.perf_counter()
        if text:
            query = index.parse_query(text, ["name", "body"])
            found = searcher.search(query, 20)
            [searcher.doc(address)["id"] for _score, address in found.hits]
        times.append(time.perf_counter() - t)
    print(f"tantivy {tantivy.__version__ if hasattr(tantivy, '__version__') else ''}".strip())
    print(f"  index build: {build:.1f} s (1 writer thread)")
    print(f"  queries: {len(times)} (text only) {percentiles(times)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--queries")
    parser.add_argument("--database", action="store_true", help="also time the freshness check")
    parser.add_argument("--profile", action="store_true", help="cProfile one pass of the queries")
    parser.add_argument("--tantivy", action="store_true", help="compare with a tantivy index")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from bassins.directory.brussels import commune_code
    from bassins.directory.models import Service
    from bassins.search import documents, engine, maintain, service
    from bassins.search.index import Index

    print(f"load average at start: {load_average()}")
    path = args.queries
    if not path:
        from bassins.config import data_dir

        path = data_dir().parent / "eval" / "orientation_dev.csv"
    queries = list(csv.DictReader(open(path, encoding="utf-8")))
    concepts = documents.concepts()
    real = documents.documents()
    docs = scaled(real, args.n)
    start = time.perf_counter()
    live = engine.LiveIndex(Index(docs, concepts))
    build = time.perf_counter() - start
    print(
        f"database: {connection.vendor}; documents: {live.size} ({len(real)} real, rest synthetic)"
    )
    print(f"index build: {build:.1f} s")
    maintain.install(live)
    checks = []
    version = maintain._version

    def counted_version():
        checks.append(1)
        return version()

    maintain._version = counted_version
    centres = documents._centres()
    monday = dt.datetime(2026, 11, 30, 10, 0)
    requests = []
    for row in queries:
        commune = commune_code(row.get("near_commune") or "")
        lang = row.get("lang") or None
        requests += [
            engine.Request(q=row["query"], lang=lang),
            engine.Request(
                q=row["query"],
                lang=lang,
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

    def one_pass() -> list[float]:
        times = []
        for request in requests:
            t = time.perf_counter()
            result = service.run(request, count_unmet=False)
            service.result_data(result, "fr")
            times.append(time.perf_counter() - t)
        return times

    times = one_pass()
    print(
        f"queries: {len(times)} ({len(queries)} x 4 filter sets) {percentiles(times)}; "
        f"freshness checks on the database: {len(checks)}"
    )
    from django.conf import settings

    settings.BASSINS_SEARCH_FRESHNESS_SECONDS = 0
    checks.clear()
    every = one_pass()
    print(
        f"same queries, the database asked before every search: {percentiles(every)}; "
        f"freshness checks: {len(checks)}"
    )
    del settings.BASSINS_SEARCH_FRESHNESS_SECONDS
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        one_pass()
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
    with transaction.atomic():
        edited = Service.objects.get(pk=real[0].service_id)
        edited.name_fr = "Zyxwvu antenne nouvelle"
        t = time.perf_counter()
        edited.save()
        found = service.run(engine.Request(q="Zyxwvu"), count_unmet=False)
        edit = time.perf_counter() - t
        assert found.hits and found.hits[0].doc.service_id == str(edited.pk), found.hits
        transaction.set_rollback(True)
    print(f"one edit searchable after: {edit * 1000:.1f} ms (save, re-read, overlay patch, search)")
    maintain._version = version
    if args.database:
        t = time.perf_counter()
        for _ in range(50):
            maintain._version()
        print(
            f"freshness check ({connection.vendor}): {(time.perf_counter() - t) / 50 * 1000:.2f} ms"
        )
    if args.tantivy:
        tantivy_comparison(docs, queries)
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
