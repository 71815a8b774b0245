"""A normalised batch of HSDS rows ready to load, the common output of every parser. Pure.

Parsers turn a source file into a `Bundle`: rows per HSDS table, in the profile's internal form, with
stable identifiers (`stable_id`: a UUID derived from the source, the record's key in it and the row's
role), so that importing the same file again produces the same rows and changes nothing. The bundle
also carries what the import report needs: the source, the extract date, the records left out and why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from bassins.directory import profile
from bassins.errors import InputError

#: Namespace of the identifiers bassins makes (uuid5 of a text key).
NAMESPACE = uuid.UUID("4f0d7a53-6c1e-5b0e-9d3a-62617373696e")


def stable_id(*parts: str) -> str:
    """The same UUID for the same parts: stable_id('afmps', '212406', 'service')."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(part) for part in parts)))


@dataclass
class Exclusion:
    """A source row left out of the import: its row number (None when not a row), key and reason."""

    row: int | None
    key: str
    reason: str


@dataclass
class Bundle:
    """Rows to load, per table (table -> id -> row), and the import's provenance."""

    source: str
    label: str
    extract_date: dt.date | None = None
    scope: str = (
        ""  # source_key prefix owned by this import (records of the source outside it are kept)
    )
    delete_missing: bool = (
        True  # records of the scope absent from the bundle are deleted when loading
    )
    tables: dict[str, dict[str, dict]] = field(
        default_factory=lambda: {name: {} for name in profile.LOAD_ORDER}
    )
    excluded: list[Exclusion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    records: int = 0  # records read from the source
    stats: dict = field(default_factory=dict)

    def add(
        self, table: str, row_id: str, *, source_key: str = "", source: str | None = None, **values
    ) -> str:
        """Add a row (missing fields blank); a second row with the same id must be identical."""
        spec = profile.TABLE[table]
        row = profile.blank_row(table)
        row["id"] = row_id
        if spec.provenance:
            row["source"] = self.source if source is None else source
            row["source_key"] = source_key
        elif source is not None and "source" in row:  # funding: HSDS `source` is the funder
            values["source"] = source
        unknown = set(values) - set(row)
        if unknown:
            raise KeyError(f"{table} has no field(s) {sorted(unknown)}")
        row.update(values)
        existing = self.tables[table].get(row_id)
        if existing is not None and existing != row:
            raise InputError(
                f"two different {table} records get the same key {source_key or row_id!r}",
                source=self.label,
            )
        self.tables[table][row_id] = row
        return row_id

    def count(self, table: str) -> int:
        """The number of rows of `table`."""
        return len(self.tables[table])

    def rows(self, table: str) -> list[dict]:
        """The rows of `table`, in insertion order."""
        return list(self.tables[table].values())

    def exclude(self, row: int | None, key: str, reason: str) -> None:
        """Record that source row `row` (key `key`) is left out, and why."""
        self.excluded.append(Exclusion(row, key, reason))

    def exclusion_summary(self) -> dict[str, int]:
        """The number of exclusions per reason."""
        summary: dict[str, int] = {}
        for exclusion in self.excluded:
            summary[exclusion.reason] = summary.get(exclusion.reason, 0) + 1
        return summary
