"""Benchmark: quality of the orientation search on helpdesk queries, engine against a plain baseline.

Queries: a CSV with columns query, lang, near_commune, expected_categories (';'-separated), situation
(`../shared/eval/orientation_dev.csv` beside the data directory by default, `--queries FILE` for any
file of that shape). A hit is relevant when one of the service's categories (its primary category or a
sub-category of it) is expected.

Measures, over the same loaded directory and the same queries, for two systems:
* engine: bassins.search (analysis, stems, typo tolerance, taxonomy synonyms, BM25F, coverage of the
  person's commune and bassin, distance), the request read as the page reads its form, the person's
  commune given as `near` (its centre, its bassin when it lies in one);
* baseline: SQLite FTS5 BM25 over name + description (French and Dutch), the query's words OR'ed, no
  synonyms, no stemming (FTS5's unicode61 tokenizer folds case and accents only).
success@5 (a relevant hit in the top 5), nDCG@10 (binary gains, ideal = the relevant records there are,
up to 10) and MRR (reciprocal rank of the first relevant hit, 0 past rank 10). Prints each query's rank
of the first relevant hit for both, then the means; the last line is `success@5=0.xx` for the engine.

Run: `.venv/bin/python bench/search_quality.py [--queries FILE]` on a loaded database (`bassins load`).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import sqlite3
import sys
from pathlib import Path


def default_queries() -> Path:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    from bassins.config import data_dir

    return Path(data_dir()).parent / "eval" / "orientation_dev.csv"


def read_queries(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        for column in ("query", "expected_categories"):
            if not (row.get(column) or "").strip():
                sys.exit(f"{path}: row {number}: column {column} is empty")
    return rows


def metrics(relevant: list[bool], total_relevant: int) -> tuple[float, float, float]:
    success = 1.0 if any(relevant[:5]) else 0.0
    dcg = sum(1.0 / math.log2(rank + 2) for rank, rel in enumerate(relevant[:10]) if rel)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(10, total_relevant)))
    ndcg = dcg / ideal if ideal else 0.0
    first = next((rank for rank, rel in enumerate(relevant[:10]) if rel), None)
    mrr = 1.0 / (first + 1) if first is not None else 0.0
    return success, ndcg, mrr


class Baseline:
    """SQLite FTS5 BM25 on name + description; plain words OR'ed."""

    def __init__(self, documents):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, description)")
        rows = []
        for doc in documents:
            name = " ".join(text for _lang, text in doc.texts.get("name", [])[:3])
            body = " ".join(text for _lang, text in doc.texts.get("body", [])[:3])
            rows.append((doc.id, name, body))
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)

    def search(self, query: str, limit: int = 10) -> list[str]:
        words = re.findall(r"\w+", query.lower())
        if not words:
            return []
        expression = " OR ".join(f'"{word}"' for word in words)
        return [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), id LIMIT ?",
                (expression, limit),
            )
        ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    import django

    django.setup()
    from bassins.search import engine, maintain, service

    path = args.queries or default_queries()
    queries = read_queries(path)
    live = maintain.build()
    docs = live.base.docs
    concepts = live.base.concepts
    by_id = {doc.id: doc for doc in docs}
    baseline = Baseline(docs)

    def relevant_codes(expected: list[str]) -> set[str]:
        return {child for code in expected for child in concepts.descendants(code)}

    def is_relevant(doc, codes) -> bool:
        return bool(codes & set(doc.categories))

    totals = {"engine": [0.0, 0.0, 0.0], "baseline": [0.0, 0.0, 0.0]}
    print(f"queries: {path} ({len(queries)}); documents: {len(docs)}")
    print(f"{'query':45} {'expected':22} engine baseline (rank of the first relevant hit)")
    for row in queries:
        expected = [c.strip() for c in row["expected_categories"].split(";") if c.strip()]
        codes = relevant_codes(expected)
        total_relevant = sum(is_relevant(doc, codes) for doc in docs)
        params = {"q": row["query"], "lang": row.get("lang") or "", "per_page": "10"}
        if (row.get("near_commune") or "").strip():
            params["near"] = row["near_commune"].strip()
        request = service.request_from(params)  # what the page reads from its form
        result = engine.search(live, request)
        ranked = {
            "engine": [is_relevant(hit.doc, codes) for hit in result.hits],
            "baseline": [is_relevant(by_id[i], codes) for i in baseline.search(row["query"])],
        }
        firsts = []
        for system, relevant in ranked.items():
            values = metrics(relevant, total_relevant)
            for k in range(3):
                totals[system][k] += values[k]
            first = next((r + 1 for r, rel in enumerate(relevant) if rel), None)
            firsts.append(str(first) if first else "-")
        print(f"{row['query'][:45]:45} {';'.join(expected)[:22]:22} {firsts[0]:>6} {firsts[1]:>8}")
    n = len(queries)
    for system in ("baseline", "engine"):
        s, g, m = (value / n for value in totals[system])
        print(f"{system:9} success@5={s:.2f} nDCG@10={g:.2f} MRR={m:.2f} (n={n})")
    print(f"success@5={totals['engine'][0] / n:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
