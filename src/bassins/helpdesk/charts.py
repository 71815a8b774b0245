"""Charts of the helpdesk statistics: server-side SVG drawn by `bassins.offer.svg` (no JavaScript).

Pure (no Django): the caller gives the translated words. One horizontal bar chart per statistics
table, on the figures of a table of the same page:

- a table by category (month, channel, caller profile, situation type, need, orientation category,
  outcome, unmet need...): one bar per category, for the table's TOTAL column (the whole scope);
- unmet needs by need and territory: one bar per territory (the table's TOTAL row);
- time spent: the mean minutes per case of each bassin and of the whole scope.

Suppression is honoured: a hidden cell (small number, or hidden so that no small number can be found
by subtraction) is drawn as no bar with the table's hidden mark beside its label, never its value, and
the text alternative (<desc>) says "hidden" for it as well. The <desc> states every value in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bassins.helpdesk.statistics import TOTAL, Table
from bassins.offer import svg


@dataclass(frozen=True)
class Words:
    """The translated words a chart needs (the caller, who knows the language, gives them)."""

    hidden: str  # beside a hidden cell's label, e.g. "hidden (x)"
    same_as_table: str  # start of the text alternative, e.g. "Same figures as the table: "
    total: str  # the label of the TOTAL column or row, e.g. "all bassins"


def _fmt(value) -> str:
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"


def _bars(values, hidden, names: Mapping[str, str], words: Words, fmt) -> list[svg.Bar]:
    bars = []
    for key, value in values.items():
        label = names.get(str(key), str(key)) or str(key)
        if bool(hidden[key]):
            bars.append(svg.Bar(label, None, words.hidden))
        else:
            bars.append(svg.Bar(label, float(value), fmt(value)))
    return bars


def chart_bars(table: Table, names: Mapping[str, str], words: Words, fmt=_fmt) -> list[svg.Bar]:
    """The bars of `table`'s chart (see the module's docstring for which figures), hidden cells as
    bars without a value whose text is the hidden mark."""
    counts, hidden = table.counts, table.hidden
    if table.key == "time_spent":
        row = "mean_minutes"
        named = {c: (words.total if c == TOTAL else c) for c in counts.columns}
        return _bars(counts.loc[row], hidden.loc[row], {**named, **names}, words, fmt)
    if table.key == "unmet_by_territory":
        columns = [c for c in counts.columns if c != TOTAL]
        return _bars(counts.loc[TOTAL, columns], hidden.loc[TOTAL, columns], names, words, fmt)
    rows = [r for r in counts.index if r != TOTAL]
    return _bars(counts.loc[rows, TOTAL], hidden.loc[rows, TOTAL], names, words, fmt)


def table_chart(
    table: Table,
    names: Mapping[str, str],
    *,
    title: str,
    words: Words,
    fmt: Callable[[float], str] = _fmt,
) -> dict:
    """The chart of `table`: {"key", "title", "desc", "svg"}; `names` maps codes to labels."""
    bars = chart_bars(table, names, words, fmt)
    desc = words.same_as_table + "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."
    drawn = svg.bar_chart(bars, title=title, desc=desc)
    return {"key": table.key, "title": title, "desc": desc, "svg": drawn}
