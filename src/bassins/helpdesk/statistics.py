"""Statistics of the helpdesk's cases per bassin and for the region, with small-number suppression.

Pure functions on pandas frames (no Django): `bassins.helpdesk.frames` builds the frames from the
database. The frames:

- cases: one row per case: case_id, bassin, month (YYYY-MM), channel, caller_profession,
  caller_organisation_type, age_band, outcome, minutes;
- situations / needs: one row per (case, term): case_id, bassin, term;
- orientations: one row per orientation: case_id, bassin, category;
- unmet: one row per unmet need: case_id, bassin, need, territory, reason.

A table (`crosstab`) has one row per category and one column per bassin, then a TOTAL column counted
on the whole frame (not added up from the bassin columns: the two ways must agree, and the tests check
that they do), and a TOTAL row. For multi-valued dimensions (a case has several situations) cells count
mentions, so the TOTAL row counts mentions too, not cases.

Suppression (`suppress`): every cell from 1 to THRESHOLD - 1 is hidden (primary), then in every row and
every column (margins included) where exactly one cell is hidden, the smallest other cell is hidden too
(complementary), until no row or column has a single hidden cell: a hidden value can then never be
recovered by subtracting the published cells from a published total. Zeros are published (they say
nobody; a hidden cell is never shown as a zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

THRESHOLD = 5
TOTAL = "TOTAL"
UNKNOWN_TERRITORY = "unknown"
HIDDEN = "x"  # how a suppressed cell is written in tables and exports

CASE_DIMENSIONS = (
    "month",
    "channel",
    "caller_profession",
    "caller_organisation_type",
    "age_band",
    "outcome",
)


@dataclass
class Table:
    """A statistics table: counts (with margins), the mask of hidden cells, a title key."""

    key: str
    counts: pd.DataFrame
    hidden: pd.DataFrame = field(default=None)  # type: ignore[assignment]
    unit: str = "cases"

    def __post_init__(self):
        if self.hidden is None:
            self.hidden = pd.DataFrame(False, index=self.counts.index, columns=self.counts.columns)

    def published(self) -> pd.DataFrame:
        """The table as shown: hidden cells replaced by HIDDEN (object dtype)."""
        shown = self.counts.astype(object)
        return shown.mask(self.hidden, HIDDEN)


def crosstab(frame: pd.DataFrame, column: str, bassins, categories=None) -> pd.DataFrame:
    """Counts of `column`'s values (rows) per bassin (columns), with a TOTAL column and row.

    The TOTAL column is counted on the whole frame; `categories` (optional) fixes the rows, so that
    a category nobody has shows as 0 rather than disappearing."""
    values = frame[column].fillna("").astype(str)
    per_bassin = pd.crosstab(values, frame["bassin"]) if len(frame) else pd.DataFrame()
    rows = list(categories) if categories is not None else sorted(values.unique())
    table = per_bassin.reindex(index=rows, columns=list(bassins), fill_value=0)
    table[TOTAL] = values.value_counts().reindex(rows, fill_value=0)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name = column
    table.columns.name = "bassin"
    return table.astype("int64")


def suppress(counts: pd.DataFrame, threshold: int = THRESHOLD) -> pd.DataFrame:
    """The mask of cells to hide in `counts` (margins included): primary then complementary."""
    values = counts.to_numpy(dtype="int64")
    hidden = (values > 0) & (values < threshold)
    inner = np.ones_like(hidden)
    if TOTAL in counts.index:
        inner[list(counts.index).index(TOTAL), :] = False
    if TOTAL in counts.columns:
        inner[:, list(counts.columns).index(TOTAL)] = False

    def hide_one_more(line_values, line_hidden, line_inner) -> int | None:
        candidates = [i for i in range(len(line_values)) if not line_hidden[i]]
        if not candidates:
            return None
        # smallest non-zero inner cell first, then non-zero margins, then zeros
        return min(
            candidates,
            key=lambda i: (line_values[i] == 0, not line_inner[i], line_values[i], i),
        )

    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            lines = range(values.shape[0]) if axis == 0 else range(values.shape[1])
            for n in lines:
                if axis == 0:
                    line_v, line_h, line_i = values[n, :], hidden[n, :], inner[n, :]
                else:
                    line_v, line_h, line_i = values[:, n], hidden[:, n], inner[:, n]
                if line_h.sum() == 1 and len(line_v) > 1:
                    pick = hide_one_more(line_v, line_h, line_i)
                    if pick is not None:
                        if axis == 0:
                            hidden[n, pick] = True
                        else:
                            hidden[pick, n] = True
                        changed = True
    return pd.DataFrame(hidden, index=counts.index, columns=counts.columns)


def single_hidden_lines(hidden: pd.DataFrame) -> list[str]:
    """Rows and columns with exactly one hidden cell (recoverable by subtraction): should be none."""
    lines = [f"row {r}" for r, n in hidden.sum(axis=1).items() if n == 1]
    return lines + [f"column {c}" for c, n in hidden.sum(axis=0).items() if n == 1]


def time_spent(cases: pd.DataFrame, bassins) -> pd.DataFrame:
    """Per bassin and in total: number of cases, minutes in all, mean minutes per case."""
    rows = {}
    for name, part in [(b, cases[cases["bassin"] == b]) for b in bassins] + [(TOTAL, cases)]:
        minutes = part["minutes"].astype("int64")
        rows[name] = {
            "cases": len(part),
            "minutes": int(minutes.sum()),
            "mean_minutes": round(float(minutes.mean()), 1) if len(part) else 0.0,
        }
    return pd.DataFrame(rows)


def time_hidden(table: pd.DataFrame, threshold: int = THRESHOLD) -> pd.DataFrame:
    """Hide a bassin's time figures when it has fewer than `threshold` cases (and complementary)."""
    columns = suppress(table.loc[["cases"]], threshold).loc["cases"]
    return pd.DataFrame(
        {c: [bool(columns[c])] * len(table) for c in table.columns}, index=table.index
    )


def build_tables(
    cases: pd.DataFrame,
    long: dict[str, pd.DataFrame],
    bassins,
    *,
    suppressed: bool,
    categories: dict[str, list[str]] | None = None,
    threshold: int = THRESHOLD,
) -> list[Table]:
    """Every table of the statistics page for `bassins` (frames already limited to them)."""
    categories = categories or {}
    tables = []
    for column in CASE_DIMENSIONS:
        tables.append(Table(column, crosstab(cases, column, bassins, categories.get(column))))
    for key, column, unit in (
        ("situations", "term", "mentions"),
        ("needs", "term", "mentions"),
        ("orientations", "category", "orientations"),
        ("unmet_needs", "need", "unmet needs"),
        ("unmet_reasons", "reason", "unmet needs"),
    ):
        frame = long[key.replace("unmet_reasons", "unmet_needs")]
        cats = categories.get(key)
        tables.append(Table(key, crosstab(frame, column, bassins, cats), unit=unit))
    unmet = long["unmet_needs"]
    by_territory = unmet.assign(
        bassin=unmet["territory"].fillna("").astype(str).replace("", UNKNOWN_TERRITORY)
    )
    territories = sorted(by_territory["bassin"].unique())
    tables.append(
        Table("unmet_by_territory", crosstab(by_territory, "need", territories), unit="unmet needs")
    )
    times = Table("time_spent", time_spent(cases, bassins), unit="minutes")
    if suppressed:
        for table in tables:
            table.hidden = suppress(table.counts, threshold)
        times.hidden = time_hidden(times.counts, threshold)
    return [*tables, times]
