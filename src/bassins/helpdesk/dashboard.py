"""The "demandes" part of a bassin's tableau de bord: what the helpdesk line was asked, published.

Public (no login, no audit: aggregates only), and therefore only **suppressed** statistics: the
tables are those of `statistics.build_tables` for the one bassin with small-number suppression
(cells from 1 to 4 hidden, then complementary cells so that no hidden value comes back by
subtraction from a published total, the count of requests included). Shown: the period covered
(first and last month of the requests counted), the count of requests (hidden below 5), requests by
situation type and by need, unmet needs by need (with a chart) and by reason, and outcomes. Drafts
are not counted; anonymised cases are (the statistics outlive the retention).

`part(request, bassin_code)` follows the site-part contract (docs of the `sites` helper, CONTRACTS):
None when the bassin has no counted request.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bassins import codes
from bassins.helpdesk import frames, statistics
from bassins.portal.context import lang_code

# table key -> heading (in the order shown)
PART_TABLES = {
    "situations": gettext_lazy("Situation types"),
    "needs": gettext_lazy("Needs"),
    "unmet_needs": gettext_lazy("Unmet needs by need"),
    "unmet_reasons": gettext_lazy("Unmet needs by reason"),
    "outcome": gettext_lazy("Outcome of the requests"),
}
CHARTED = ("unmet_needs",)
CASE_TABLES = statistics.CASE_DIMENSIONS  # their TOTAL row is the count of requests


def published_tables(bassin_code: str) -> tuple[list[statistics.Table], dict] | None:
    """The suppressed tables of `bassin_code` and the period / count facts; None without cases."""
    cases, long = frames.case_frames([bassin_code])
    if cases.empty:
        return None
    tables = statistics.build_tables(
        cases, long, [bassin_code], suppressed=True, categories=frames.categories()
    )
    by_key = {t.key: t for t in tables}
    month = by_key["month"]
    total_hidden = bool(month.hidden.loc[statistics.TOTAL, statistics.TOTAL])
    # The count of requests is the margin of every table by case: hidden if any of them hides it.
    for key in CASE_TABLES:
        total_hidden |= bool(by_key[key].hidden.loc[statistics.TOTAL, statistics.TOTAL])
    facts = {
        "requests": None if total_hidden else int(len(cases)),
        "few": len(cases) < statistics.THRESHOLD,
        "first_month": min(cases["month"]),
        "last_month": max(cases["month"]),
    }
    return tables, facts


def _month(value: str) -> str:
    year, month = (int(p) for p in value.split("-"))
    return formats.date_format(dt.date(year, month, 1), "F Y")


def part_rows(table: statistics.Table, bassin_code: str, names: dict[str, str]) -> list[dict]:
    """The rows of a table as the part shows them: categories with a count or hidden (zeros left
    out: they say nobody, which the other rows already tell)."""
    rows = []
    for index in table.counts.index:
        if index == statistics.TOTAL:
            continue
        value = int(table.counts.loc[index, bassin_code])
        hidden = bool(table.hidden.loc[index, bassin_code])
        if value == 0 and not hidden:
            continue
        label = names.get(str(index), str(index)) or str(index)
        rows.append({"label": label, "value": None if hidden else value, "hidden": hidden})
    return rows


def part(request, bassin_code: str) -> dict | None:
    """The "demandes" block of bassin `bassin_code`'s tableau de bord (None: nothing counted)."""
    if bassin_code not in codes.BASSIN_CODES:
        raise ValueError(f"unknown bassin code {bassin_code!r}")
    found = published_tables(bassin_code)
    if found is None:
        return None
    tables, facts = found
    lang = lang_code()
    names = frames.labels(lang)
    by_key = {t.key: t for t in tables}
    from bassins.helpdesk import charts

    shown = []
    for key, title in PART_TABLES.items():
        table = by_key[key]
        rows = part_rows(table, bassin_code, names.get(key, {}))
        chart = None
        if key in CHARTED and rows:
            kept = [i for i in table.counts.index if i == statistics.TOTAL or _kept(table, i)]
            subset = statistics.Table(
                key,
                table.counts.loc[kept, [bassin_code, statistics.TOTAL]],
                table.hidden.loc[kept, [bassin_code, statistics.TOTAL]],
                table.unit,
            )
            chart = charts.table_chart(
                subset,
                names.get(key, {}),
                title=str(title),
                words=charts.Words(
                    hidden=_("hidden (%(mark)s)") % {"mark": statistics.HIDDEN},
                    same_as_table=_("Same figures as the table below: "),
                    total=_("total"),
                ),
                fmt=lambda v: formats.number_format(v, decimal_pos=0),
            )
        shown.append({"key": key, "title": title, "rows": rows, "chart": chart})
    return {
        "title": gettext_lazy("Requests to the helpdesk"),
        "template": "helpdesk/site_part.html",
        "context": {
            "bassin": bassin_code,
            "requests": facts["requests"],
            "few": facts["few"],
            "first_month": _month(facts["first_month"]),
            "last_month": _month(facts["last_month"]),
            "threshold": statistics.THRESHOLD,
            "hidden_mark": statistics.HIDDEN,
            "tables": shown,
        },
        "url": None,
        "date": f"{facts['last_month']}-01",
    }


def _kept(table: statistics.Table, index) -> bool:
    return bool(table.hidden.loc[index].any()) or bool(table.counts.loc[index].any())
