"""The top 10 of every dev query is the same on SQLite and on PostgreSQL.

`make test` runs the suite on SQLite, then on PostgreSQL. The SQLite pass writes the engine's top 10 of
every dev query on the real directory (service source and key per rank) to var/search-top10-sqlite.json;
the PostgreSQL pass computes the same and must find exactly that file's lists. A PostgreSQL pass run
without the SQLite pass before it fails and says so.
"""

from __future__ import annotations

import csv
import json

import pytest

from bassins.config import VAR_DIR, data_dir

pytestmark = pytest.mark.realdata
SQLITE_TOP10 = VAR_DIR / "search-top10-sqlite.json"


def dev_queries() -> list[dict]:
    path = data_dir().parent / "eval" / "orientation_dev.csv"
    if not path.exists():
        pytest.fail(f"dev queries not found: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_top10_is_the_same_on_sqlite_and_postgresql(directory_loaded):
    from django.db import connection

    from bassins.directory.brussels import commune_code
    from bassins.directory.models import ServiceAtLocation
    from bassins.search import engine, maintain
    from bassins.search.documents import _centres

    keys = {
        str(pk): f"{source}:{key}"
        for pk, source, key in ServiceAtLocation.objects.values_list(
            "id", "service__source", "service__source_key"
        )
    }
    live = maintain.live_index()
    centres = _centres()
    found = {}
    for row in dev_queries():
        commune = commune_code(row["near_commune"])
        result = engine.search(
            live,
            engine.Request(
                q=row["query"],
                lang=row["lang"] or None,
                person_commune=commune,
                near=centres.get(commune),
                per_page=10,
            ),
        )
        found[row["query"]] = [keys[hit.doc.id] for hit in result.hits]
    assert all(found.values()), [q for q, hits in found.items() if not hits]
    if connection.vendor == "sqlite":
        SQLITE_TOP10.parent.mkdir(parents=True, exist_ok=True)
        SQLITE_TOP10.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    if not SQLITE_TOP10.exists():
        pytest.fail(f"{SQLITE_TOP10} missing: run the SQLite pass first (`make test` does)")
    on_sqlite = json.loads(SQLITE_TOP10.read_text(encoding="utf-8"))
    differences = {q: (on_sqlite.get(q), found[q]) for q in found if on_sqlite.get(q) != found[q]}
    assert not differences, f"{connection.vendor} differs from SQLite: {differences}"
