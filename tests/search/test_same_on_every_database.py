"""The top 10 of every dev query is the same on SQLite and on PostgreSQL.

Both passes of the suite (SQLite, then PostgreSQL) compare the engine's top 10 on the real directory with
one golden file, tests/search/golden_top10.json (service source and key per rank), so a difference
between the two databases fails one of them. `BASSINS_UPDATE_GOLDEN=1` rewrites the file (after a
deliberate change of the engine, the taxonomy synonyms or the data).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from bassins.config import data_dir

pytestmark = pytest.mark.realdata
GOLDEN = Path(__file__).with_name("golden_top10.json")


def dev_queries() -> list[dict]:
    path = data_dir().parent / "eval" / "orientation_dev.csv"
    if not path.exists():
        pytest.fail(f"dev queries not found: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_top10_matches_the_golden_file(directory_loaded):
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
    if os.environ.get("BASSINS_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differences = {q: (golden.get(q), found[q]) for q in found if golden.get(q) != found[q]}
    assert not differences, f"{connection.vendor}: {differences}"
