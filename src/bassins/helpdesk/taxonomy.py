"""The helpdesk's situation and needs taxonomy: the reference CSV shipped with the package.

The table is editable data: the migration loads it (`load_terms`: adds new codes, updates labels,
keeps the others) and the admin edits terms afterwards.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bassins.errors import InputError

TERMS_FILE = Path(__file__).parent / "data" / "situation_terms.csv"
COLUMNS = ("code", "label_fr", "label_nl", "label_en")


def read_terms(path: Path = TERMS_FILE) -> list[dict[str, str]]:
    """The rows of the terms file, checked: every column there, codes unique and non-empty."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing columns {missing}", source=str(path))
        rows, seen = [], set()
        for number, row in enumerate(reader, start=2):
            code = (row["code"] or "").strip()
            if not code or code in seen:
                raise InputError(
                    f"empty or repeated code {code!r}", source=str(path), row=number, field="code"
                )
            seen.add(code)
            rows.append({c: (row[c] or "").strip() for c in COLUMNS})
    return rows


def load_terms(term_model, path: Path = TERMS_FILE) -> int:
    """Add the file's terms (and update their labels); terms not in the file are left as they are.
    `term_model` is the Term model (or the migration's historical one). Returns the rows read."""
    rows = read_terms(path)
    for position, row in enumerate(rows):
        term_model.objects.update_or_create(
            code=row["code"], defaults={**row, "position": position}
        )
    return len(rows)
