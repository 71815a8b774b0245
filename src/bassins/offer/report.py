"""The content of an offer page (per bassin, per commune): facts, tables, charts, provenance.

Pure (no Django). One computation feeds the HTML page, its JSON twin, the CSV/XLSX downloads and the PDF:
`bassin_report(analysis, "NE", "fr")` / `commune_report(analysis, "21015", "nl")` return a dict with
`title`, `facts` (sentences), `tables` (`Table` objects: caption, columns, raw rows), `charts` (inline
SVG with a text alternative) and `provenance` (see `bassins.offer.provenance`).

Every rate carries the population's reference date and basis; a rate resting on an estimated
population is marked "≈ … (estimation)" in the table, and the note under the table says how it was
estimated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from bassins.codes import PRECISIONS, REGION_CODE
from bassins.offer import intervals, svg
from bassins.offer.counts import NOT_PLACED, OUTSIDE, REGION, TOTAL
from bassins.offer.i18n import gettext as _
from bassins.offer.i18n import gettext_noop
from bassins.offer.provenance import provenance_block, render_note
from bassins.offer.rates import SMALL, rank
from bassins.offer.texts import fmt_date, fmt_dec, fmt_int, fmt_pct, pick, t
from bassins.offer.views import VIEWS

KINDS = ("text", "code", "int", "dec", "pct", "date", "rate", "lq", "basis")
NUMERIC = ("int", "dec", "pct", "rate", "lq")


@dataclass
class Column:
    """A column of a report table: key, label and kind (how its cells are formatted)."""

    key: str
    label: str
    kind: str = "text"


@dataclass
class Table:
    """A report table: its key, caption, columns, rows, row-header column and notes."""

    key: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    header: str = "name"  # the column whose cells are row headers (<th scope="row">)
    notes: list[str] = field(default_factory=list)

    def records(self) -> list[dict]:
        """Rows with JSON-safe raw values (NaN -> None, dates -> ISO)."""
        return [{c.key: _raw(row.get(c.key)) for c in self.columns} for row in self.rows]

    def display(self, lang: str) -> list[dict]:
        """Rows ready for a template: cells with text, whether numeric, whether a row header."""
        out = []
        for row in self.rows:
            cells = [
                {
                    "text": _format(row.get(c.key), c.kind, lang, row),
                    "numeric": c.kind in NUMERIC,
                    "header": c.key == self.header,
                }
                for c in self.columns
            ]
            out.append(
                {
                    "cells": cells,
                    "highlight": bool(row.get("_highlight")),
                    "margin": bool(row.get("_margin")),
                }
            )
        return out

    def as_dict(self) -> dict:
        """The table as a JSON-safe dict: key, caption, notes, columns and records."""
        return {
            "key": self.key,
            "caption": self.caption,
            "notes": self.notes,
            "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in self.columns],
            "rows": self.records(),
        }


class Namer:
    """Names of areas and categories in one language."""

    def __init__(self, analysis, lang: str):
        self.analysis, self.lang = analysis, lang
        column = "name_nl" if lang == "nl" else "name_fr"
        self.names = {
            layer: frame[column].to_dict()
            for layer, frame in analysis.inputs.names.items()
            if column in frame.columns
        }
        cats = analysis.inputs.categories
        label = {"nl": "label_nl", "en": "label_en"}.get(lang, "label_fr")
        self.categories = {}
        if cats is not None and len(cats):
            lab = label if label in cats.columns else "label_fr"
            self.categories = dict(zip(cats["slug"], cats[lab], strict=False))

    def area(self, layer: str, code: str) -> str:
        """The name of area `code` of `layer` (its code when unnamed; the special rows named)."""
        if code in (NOT_PLACED, OUTSIDE, REGION):
            return t(f"row.{code}", self.lang)
        name = self.names.get(layer, {}).get(code)
        return (
            str(name)
            if name is not None and not (isinstance(name, float) and math.isnan(name))
            else str(code)
        )

    def category(self, slug: str) -> str:
        """The label of category `slug` (the slug itself when unlabelled)."""
        if slug == "(none)":
            return t("category.(none)", self.lang)
        return str(self.categories.get(slug) or slug)


# -- reports --------------------------------------------------------------------------------------------


def bassin_report(analysis, code: str, lang: str = "fr") -> dict:
    """The offer page of bassin `code`."""
    _check_area(analysis, "bassin", code)
    namer = Namer(analysis, lang)
    name = namer.area("bassin", code)
    communes = _communes_of_bassin(analysis, code)
    tables = [
        area_table(analysis, "bassin", code, lang, namer, key="bassins"),
        communes_in_bassin_table(analysis, code, communes, lang, namer),
        category_table(analysis, "bassin", code, lang, namer),
        views_table(analysis, "bassin", lang, namer, highlight=code),
        precision_table(analysis, "bassin", lang),
        reconciliation_table(analysis, lang),
    ]
    charts = [
        rate_chart(analysis, "bassin", None, code, lang, namer, table="bassins"),
        rate_chart(
            analysis, "commune", [c for c, _ in communes], None, lang, namer, table="communes"
        ),
        quotient_chart(analysis, "bassin", code, lang, namer),
        views_chart(analysis, "bassin", lang, namer),
    ]
    return _report(analysis, "bassin", code, name, lang, namer, tables, [c for c in charts if c])


def commune_report(analysis, code: str, lang: str = "fr") -> dict:
    """The offer page of commune `code`."""
    _check_area(analysis, "commune", code)
    namer = Namer(analysis, lang)
    name = namer.area("commune", code)
    tables = [
        area_table(analysis, "commune", code, lang, namer, key="communes"),
        category_table(analysis, "commune", code, lang, namer),
        views_table(analysis, "commune", lang, namer, highlight=code),
        precision_table(analysis, "commune", lang),
        reconciliation_table(analysis, lang),
    ]
    charts = [
        rate_chart(analysis, "commune", None, code, lang, namer, table="communes"),
        quotient_chart(analysis, "commune", code, lang, namer),
    ]
    return _report(analysis, "commune", code, name, lang, namer, tables, [c for c in charts if c])


def _report(analysis, layer, code, name, lang, namer, tables, charts) -> dict:
    layers = tuple(dict.fromkeys([layer, "bassin", "commune", "region"]))
    return {
        "layer": layer,
        "code": code,
        "name": name,
        "lang": lang,
        "layer_label": t(f"layer.{layer}", lang),
        "facts": facts(analysis, layer, code, lang, namer),
        "views": [
            {"key": v, "label": t(f"view.{v}", lang), "definition": t(f"view_def.{v}", lang)}
            for v in VIEWS
        ],
        "tables": tables,
        "charts": charts,
        "provenance": provenance_block(analysis, lang, layers=layers, name_of=namer.area),
    }


def report_json(report: dict) -> dict:
    """The JSON twin of a report (tables as raw records; charts left out: they repeat tables)."""
    return {k: v for k, v in report.items() if k not in ("tables", "charts")} | {
        "tables": [table.as_dict() for table in report["tables"]]
    }


# -- facts ----------------------------------------------------------------------------------------------

FACTS = {
    "count": gettext_noop(
        "{name}: {count} services by head office, {share} of the regional total ({region})."
    ),
    "rate": gettext_noop(
        "{rate} services per 1,000 inhabitants (Region: {region_rate}); population {population} on {date} ({basis})."
    ),
    "views": gettext_noop(
        "Other views: {sites} activity sites ({site_services} services), {declared} declared areas within the area and {serving} services declaring they serve it."
    ),
    "rank": gettext_noop(
        "Rank among the {n} municipalities (services per 1,000 inhabitants): {rank}."
    ),
    "not_placed": gettext_noop(
        "Services in the Region known only by municipality or postcode, which cannot be placed in a {layer} (row 'not placed at this level'): {count}."
    ),
}


def _fact(key, lang, **params):
    return pick(FACTS[key], lang, **params)


def facts(analysis, layer: str, code: str, lang: str, namer: Namer) -> list[str]:
    """The key facts of area `code` of `layer` in sentences: count and share of the region,
    rate per 1,000 inhabitants, rank, the other views and the services not placed."""
    ho = analysis.counts("head_office", layer)
    count = int(ho.table.at[code, TOTAL])
    region_total = int(ho.region[TOTAL])
    out = [
        _fact(
            "count",
            lang,
            name=namer.area(layer, code),
            count=fmt_int(count, lang),
            share=fmt_pct(count / region_total if region_total else float("nan"), lang),
            region=fmt_int(region_total, lang),
        )
    ]
    r = analysis.rates("head_office", layer)
    region = analysis.region_rate("head_office", layer=layer)
    if r is not None and region is not None:
        row = r.loc[code]
        out.append(
            _fact(
                "rate",
                lang,
                rate=_rate_text(row["rate"], row["basis"], lang)
                + f" ({fmt_dec(row['rate_low'], lang)}–{fmt_dec(row['rate_high'], lang)})",
                region_rate=fmt_dec(region["rate"], lang),
                population=_pop_text(row["population"], row["basis"], lang),
                date=fmt_date(row["reference_date"], lang),
                basis=t(f"basis.{row['basis']}", lang),
            )
        )
    if layer == "commune" and r is not None:
        ranks = rank(r["rate"])
        out.append(_fact("rank", lang, n=len(r), rank=_na(ranks.get(code))))
    site = analysis.counts("site", layer)
    area = analysis.counts("area_served", layer)
    out.append(
        _fact(
            "views",
            lang,
            sites=fmt_int(site.table.at[code, TOTAL], lang),
            site_services=fmt_int(site.services.at[code, TOTAL], lang),
            declared=fmt_int(area.table.at[code, TOTAL], lang),
            serving=fmt_int(area.extra["serving"].at[code, TOTAL], lang),
        )
    )
    if ho.not_placed[TOTAL]:
        out.append(
            _fact(
                "not_placed",
                lang,
                count=fmt_int(ho.not_placed[TOTAL], lang),
                layer=t(f"layer.{layer}", lang).lower(),
            )
        )
        if r is not None:
            out.append(
                _(
                    "Their ESTIMATED share ({share} here) is counted in each area's rate (≈): see "
                    "the notes under the table.",
                    lang,
                    share=fmt_dec(r.at[code, "estimated"], lang, 1),
                )
            )
    return out


# -- tables ---------------------------------------------------------------------------------------------

CAPTIONS = {
    "bassins": gettext_noop(
        "Services by head office, per bassin: number, share of the regional total and rate per 1,000 inhabitants"
    ),
    "communes": gettext_noop(
        "Services by head office, per municipality: number, share of the regional total, rate per 1,000 inhabitants and rank"
    ),
    "communes_in_bassin": gettext_noop(
        "Municipalities of the bassin: services by head office and rate per 1,000 inhabitants"
    ),
    "categories": gettext_noop(
        "Services by head office and by sector of activity: comparison with the Region and location quotient"
    ),
    "views": gettext_noop(
        "The three views compared: head office, activity sites, declared area served"
    ),
    "precision": gettext_noop("Location precision and placement at level {layer}"),
    "reconciliation": gettext_noop(
        "Reconciliation: sum over bassins = regional total = sum over municipalities, for each view"
    ),
}
LABELS = {
    "name": gettext_noop("Area"),
    "category": gettext_noop("Sector of activity"),
    "code": gettext_noop("Code"),
    "count": gettext_noop("Services (head office)"),
    "share": gettext_noop("Share of regional total"),
    "population": gettext_noop("Population"),
    "reference_date": gettext_noop("Population date"),
    "basis": gettext_noop("Population basis"),
    "rate": gettext_noop("Services per 1,000 inh."),
    "rank": gettext_noop("Rank (rate)"),
    "in_bassin": gettext_noop("In the bassin"),
    "local_share": gettext_noop("Local share"),
    "region_count": gettext_noop("Region (number)"),
    "region_share": gettext_noop("Regional share"),
    "lq": gettext_noop("Location quotient"),
    "region_rate": gettext_noop("Region per 1,000 inh."),
    "head_office": gettext_noop("Head office (services)"),
    "site": gettext_noop("Activity sites"),
    "site_services": gettext_noop("Services with a site here"),
    "area_served": gettext_noop("Declared areas (within the area)"),
    "serving": gettext_noop("Services declaring to serve"),
    "site_minus_head_office": gettext_noop("Sites − head offices"),
    "precision": gettext_noop("Precision"),
    "view": gettext_noop("View"),
    "placed": gettext_noop("placed"),
    "not_placed": gettext_noop("not placeable at this level"),
    "outside": gettext_noop("outside / no location"),
    "total": gettext_noop("total"),
    "sum_bassins": gettext_noop("Sum over bassins"),
    "not_placed_bassin": gettext_noop("Not placed in a bassin"),
    "sum_communes": gettext_noop("Sum over municipalities"),
    "not_placed_commune": gettext_noop("Not placed in a municipality"),
    "region_total": gettext_noop("Regional total"),
    "universe": gettext_noop("View total"),
    "ok": gettext_noop("Reconciles"),
    "whole": gettext_noop("whole"),
    "part": gettext_noop("part"),
    "yes": gettext_noop("yes"),
    "no": gettext_noop("NO"),
    "part_row": gettext_noop("{name} (part in the bassin)"),
    "estimated_marker": gettext_noop("estimate"),
    "lq_note": gettext_noop(
        "Location quotient = the sector's share among the area's services / its share in the Region; 1 = as in the Region, 2 = twice as represented."
    ),
    "part_note": gettext_noop(
        "A municipality 'partly' in the bassin is first shown whole; the row 'part in the bassin' counts only the services located precisely enough to be placed in the bassin."
    ),
    "views_note": gettext_noop(
        "The columns 'services with a site here' and 'services declaring to serve' do not add up: a service may appear in several areas."
    ),
}


def _l(key, lang, **params):
    return pick(LABELS[key], lang, **params)


def _caption(key, lang, **params):
    return pick(CAPTIONS[key], lang, **params)


def _rate_cells(r: pd.DataFrame, code: str, ranks: pd.Series) -> dict:
    """The estimated units, population (with its date and basis), rate with its 95% interval and rank
    of area `code`, from a rates frame (`analysis.rates`)."""
    return {
        "estimated_units": r.at[code, "estimated"],
        "units": r.at[code, "count"],
        "population": r.at[code, "population"],
        "reference_date": r.at[code, "reference_date"],
        "basis": r.at[code, "basis"],
        "rate": r.at[code, "rate"],
        "rate_low": r.at[code, "rate_low"],
        "rate_high": r.at[code, "rate_high"],
        "small": bool(r.at[code, "small"]),
        "rank": ranks.get(code),
    }


def _region_cells(region: dict) -> dict:
    """The region's population (with its date and basis), rate and 95% interval."""
    cells = {
        key: region[key]
        for key in ("population", "reference_date", "basis", "rate", "rate_low", "rate_high")
    }
    return cells | {"units": region["count"]}


def _rate_columns(lang: str, *, rank: bool) -> list[Column]:
    columns = [
        Column("estimated_units", _("Estimated share of the units not placed (≈)", lang), "dec"),
        Column("units", _("Units the rate rests on", lang), "dec"),
        Column("population", _l("population", lang), "int"),
        Column("reference_date", _l("reference_date", lang), "date"),
        Column("basis", _l("basis", lang), "basis"),
        Column("rate", _l("rate", lang), "rate"),
        Column("rate_low", _("95% interval: low", lang), "dec"),
        Column("rate_high", _("95% interval: high", lang), "dec"),
    ]
    return columns + [Column("rank", _l("rank", lang), "int")] if rank else columns


def _rate_notes(analysis, layer: str, lang: str) -> list[str]:
    """How the rates are made comparable and how sure they are (under every rate table)."""
    apportioned = analysis.apportioned("head_office", layer)
    notes = [
        _(
            "Like with like: each area's rate counts the services placed in it plus an ESTIMATED share "
            "(≈) of the {count} services of the Region that cannot be placed at this level, shared "
            "among the areas they may be in, in proportion to those areas' population there ({method}). "
            "The Region's rate uses the same population as the areas, so that it is their "
            "population-weighted mean.",
            lang,
            count=fmt_int(analysis.counts("head_office", layer).not_placed[TOTAL], lang),
            method=_(apportioned.method, lang),
        ),
        _(
            "95% interval: exact Poisson limits below 10 services, Byar's method from 10 (Public "
            "Health England, Technical Guide: Confidence intervals). Figures resting on fewer than "
            "{small} services are marked (n<{small}); location quotients resting on fewer than {small} "
            "services are left out of the charts.",
            lang,
            small=SMALL,
        ),
    ]
    benchmark = analysis.region_rate("head_office", layer=layer)
    if benchmark is not None and benchmark["population_gap"]:
        notes.append(
            _(
                "Population of the Region for the comparison: {population}, the sum of the areas' "
                "populations on {date}; the official regional total is {official} ({gap} residents "
                "are filed under no known statistical sector).",
                lang,
                population=fmt_int(benchmark["population"], lang),
                official=fmt_int(benchmark["official_population"], lang),
                gap=fmt_int(benchmark["population_gap"], lang),
                date=fmt_date(benchmark["reference_date"], lang),
            )
        )
    return notes


def area_table(analysis, layer: str, highlight: str, lang: str, namer: Namer, *, key: str) -> Table:
    """Every area of `layer` in the head-office view, with the NOT_PLACED, REGION and OUTSIDE rows."""
    ho = analysis.counts("head_office", layer)
    r = analysis.rates("head_office", layer)
    region = analysis.region_rate("head_office", layer=layer)
    ranks = rank(r["rate"]) if r is not None else None
    rows = []
    for code in ho.table.index:
        row = {
            "name": namer.area(layer, code),
            "code": code,
            "count": int(ho.table.at[code, TOTAL]),
            "share": (r.at[code, "share"] if r is not None else None) if ho.region[TOTAL] else None,
            "_highlight": code == highlight,
        }
        if r is not None:
            row.update(_rate_cells(r, code, ranks))
        rows.append(row)
    rows.append(
        {
            "name": namer.area(layer, NOT_PLACED),
            "code": "",
            "count": int(ho.not_placed[TOTAL]),
            "share": ho.not_placed[TOTAL] / ho.region[TOTAL] if ho.region[TOTAL] else None,
            "_margin": True,
        }
    )
    region_row = {
        "name": namer.area(layer, REGION),
        "code": REGION_CODE,
        "count": int(ho.region[TOTAL]),
        "share": 1.0,
        "_margin": True,
    }
    if region is not None:
        region_row.update(_region_cells(region))
    rows.append(region_row)
    rows.append(
        {
            "name": namer.area(layer, OUTSIDE),
            "code": "",
            "count": int(ho.outside[TOTAL]),
            "_margin": True,
        }
    )
    columns = [
        Column("name", _l("name", lang)),
        Column("code", _l("code", lang), "code"),
        Column("count", _l("count", lang), "int"),
        Column("share", _l("share", lang), "pct"),
    ]
    if r is not None:
        columns += _rate_columns(lang, rank=layer == "commune")
    return Table(
        key,
        _caption(key, lang),
        columns,
        rows,
        notes=_population_notes(analysis, layer, lang, namer)
        + (_rate_notes(analysis, layer, lang) if r is not None else []),
    )


def communes_in_bassin_table(
    analysis, bassin: str, communes: list[tuple[str, bool]], lang: str, namer: Namer
) -> Table:
    """The communes of `bassin` (whole or part) with their counts and rates, the parts in the bassin
    on rows of their own."""
    ho = analysis.counts("head_office", "commune")
    r = analysis.rates("head_office", "commune")
    ranks = rank(r["rate"]) if r is not None else None
    units = analysis.views["head_office"].units
    sector_pop = analysis.population("sector")
    rows = []
    for code, whole in communes:
        row = {
            "name": namer.area("commune", code),
            "code": code,
            "in_bassin": _l("whole" if whole else "part", lang),
            "count": int(ho.table.at[code, TOTAL]),
        }
        if r is not None:
            row.update(_rate_cells(r, code, ranks))
        rows.append(row)
        if not whole:
            n = int(((units["at_commune"] == code) & (units["at_bassin"] == bassin)).sum())
            part = {
                "name": _l("part_row", lang, name=namer.area("commune", code)),
                "code": code,
                "in_bassin": _l("part", lang),
                "count": n,
                "_margin": True,
            }
            if sector_pop is not None:
                m = analysis.membership
                sectors = m.index[(m["commune"] == code) & (m["bassin"] == bassin)]
                values = sector_pop.values.reindex(sectors)
                population = float(values["population"].sum())
                basis = max(
                    values["basis"].dropna(), key=["official", "inferred date", "estimated"].index
                )
                part.update(
                    population=population,
                    reference_date=sector_pop.reference_date,
                    basis=basis,
                    rate=n / population * 1000 if population else None,
                    units=n,
                )
                if population:
                    low, high = intervals.rate_limits(n, population)
                    part.update(rate_low=low, rate_high=high, small=n < SMALL)
            rows.append(part)
    region = analysis.region_rate("head_office", layer="commune")
    if region is not None:
        rows.append(
            {
                "name": namer.area("region", REGION),
                "code": REGION_CODE,
                "count": region["count"],
                **_region_cells(region),
                "_margin": True,
            }
        )
    columns = [
        Column("name", _l("name", lang)),
        Column("code", _l("code", lang), "code"),
        Column("in_bassin", _l("in_bassin", lang)),
        Column("count", _l("count", lang), "int"),
    ]
    if r is not None:
        columns += _rate_columns(lang, rank=True)
    notes = [_l("part_note", lang)] if any(not whole for _c, whole in communes) else []
    if r is not None:
        notes += _rate_notes(analysis, "commune", lang)
    return Table("communes", _caption("communes_in_bassin", lang), columns, rows, notes=notes)


def category_table(analysis, layer: str, code: str, lang: str, namer: Namer) -> Table:
    """The categories of area `code` of `layer`: units, rates and location quotients."""
    ho = analysis.counts("head_office", layer)
    lq = analysis.quotients("head_office", layer)
    units = analysis.apportioned("head_office", layer).combined(ho)
    population = analysis.population(layer)
    region_population = analysis.population("region")
    area_total = units.at[code, TOTAL]
    region_total = ho.region[TOTAL]
    with_rates = population is not None and region_population is not None
    rows = []
    for category in ho.categories:
        n = int(ho.table.at[code, category])
        estimated = float(units.at[code, category]) - n
        row = {
            "name": namer.category(category),
            "code": category,
            "count": n,
            "estimated_units": estimated,
            "units": n + estimated,
            "small": n + estimated < SMALL,
            "local_share": (n + estimated) / area_total if area_total else None,
            "region_count": int(ho.region[category]),
            "region_share": ho.region[category] / region_total if region_total else None,
            "lq": lq.at[code, category],
        }
        if with_rates:
            r = analysis.rates("head_office", layer, category)
            benchmark = analysis.region_rate("head_office", category, layer=layer)
            row["rate"] = r.at[code, "rate"]
            row["rate_low"] = r.at[code, "rate_low"]
            row["rate_high"] = r.at[code, "rate_high"]
            row["basis"] = population.values.at[code, "basis"]
            row["region_rate"] = benchmark["rate"]
        rows.append(row)
    rows.sort(key=lambda r: (-r["units"], r["name"]))
    columns = [
        Column("name", _l("category", lang)),
        Column("count", _l("count", lang), "int"),
        Column("estimated_units", _("Estimated share of the units not placed (≈)", lang), "dec"),
        Column("local_share", _l("local_share", lang), "pct"),
        Column("region_count", _l("region_count", lang), "int"),
        Column("region_share", _l("region_share", lang), "pct"),
        Column("lq", _l("lq", lang), "lq"),
    ]
    if with_rates:
        columns += [
            Column("rate", _l("rate", lang), "rate"),
            Column("rate_low", _("95% interval: low", lang), "dec"),
            Column("rate_high", _("95% interval: high", lang), "dec"),
            Column("region_rate", _l("region_rate", lang), "dec"),
        ]
    notes = [_l("lq_note", lang)]
    if with_rates:
        notes += _rate_notes(analysis, layer, lang)
    return Table("categories", _caption("categories", lang), columns, rows, notes=notes)


def views_table(
    analysis, layer: str, lang: str, namer: Namer, *, highlight: str | None = None
) -> Table:
    """The three views' counts by area of `layer` (row `highlight` marked)."""
    frame = analysis.compare(layer)
    rows = []
    for code, values in frame.iterrows():
        row = {
            "name": namer.area(layer, code),
            "code": code if code not in (NOT_PLACED, REGION, OUTSIDE) else "",
            "_highlight": code == highlight,
            "_margin": code in (NOT_PLACED, REGION, OUTSIDE),
        }
        row.update({k: (None if pd.isna(v) else int(v)) for k, v in values.items()})
        rows.append(row)
    columns = [Column("name", _l("name", lang)), Column("code", _l("code", lang), "code")] + [
        Column(c, _l(c, lang), "int") for c in frame.columns
    ]
    definitions = [
        f"{t(f'view.{v}', lang)} : {t(f'view_def.{v}', lang)}"
        if lang == "fr"
        else f"{t(f'view.{v}', lang)}: {t(f'view_def.{v}', lang)}"
        for v in VIEWS
    ]
    return Table(
        "views",
        _caption("views", lang),
        columns,
        rows,
        notes=definitions + [_l("views_note", lang)],
    )


def precision_table(analysis, layer: str, lang: str) -> Table:
    """Head-office and site units by location precision: placed at `layer`, not placed, outside."""
    rows = []
    for view in ("head_office", "site"):
        counts = analysis.counts(view, layer)
        for precision in PRECISIONS:
            if precision not in counts.by_precision.index:
                values = {"placed": 0, "not_placed": 0, "outside": 0, "total": 0}
            else:
                values = counts.by_precision.loc[precision].to_dict()
            rows.append(
                {
                    "name": f"{t(f'view.{view}', lang)} — {t(f'precision.{precision}', lang)}",
                    "view": view,
                    "precision": precision,
                    **{k: int(v) for k, v in values.items()},
                }
            )
    columns = [
        Column("name", f"{_l('view', lang)} — {_l('precision', lang)}"),
        Column("placed", _l("placed", lang), "int"),
        Column("not_placed", _l("not_placed", lang), "int"),
        Column("outside", _l("outside", lang), "int"),
        Column("total", _l("total", lang), "int"),
    ]
    return Table(
        "precision",
        _caption("precision", lang, layer=t(f"layer.{layer}", lang).lower()),
        columns,
        rows,
    )


def reconciles(analysis, view: str) -> bool:
    """Whether the published counts of `view` add up to what the units themselves say: the units in the
    region and all the units, counted afresh from the view's units (not from the tables), against the
    sum over the bassins + not placed, the sum over the communes + not placed, and region + outside."""
    units = analysis.views[view].units
    in_region, universe = int(units["in_region"].sum()), len(units)
    b, c = analysis.counts(view, "bassin"), analysis.counts(view, "commune")
    return (
        int(b.table[TOTAL].sum()) + int(b.not_placed[TOTAL]) == in_region
        and int(c.table[TOTAL].sum()) + int(c.not_placed[TOTAL]) == in_region
        and int(b.region[TOTAL]) + int(b.outside[TOTAL]) == universe
        and int(c.region[TOTAL]) + int(c.outside[TOTAL]) == universe
    )


def reconciliation_table(analysis, lang: str) -> Table:
    """Per view, whether the bassin and commune counts reconcile (same total)."""
    rows = []
    for view in VIEWS:
        b, c = analysis.counts(view, "bassin"), analysis.counts(view, "commune")
        sum_b, sum_c = int(b.table[TOTAL].sum()), int(c.table[TOTAL].sum())
        ok = reconciles(analysis, view)
        rows.append(
            {
                "name": t(f"view.{view}", lang),
                "view": view,
                "sum_bassins": sum_b,
                "not_placed_bassin": int(b.not_placed[TOTAL]),
                "region_total": int(b.region[TOTAL]),
                "sum_communes": sum_c,
                "not_placed_commune": int(c.not_placed[TOTAL]),
                "outside": int(b.outside[TOTAL]),
                "universe": int(b.universe[TOTAL]),
                "ok": _l("yes" if ok else "no", lang),
            }
        )
    columns = (
        [Column("name", _l("view", lang))]
        + [
            Column(k, _l(k, lang), "int")
            for k in (
                "sum_bassins",
                "not_placed_bassin",
                "region_total",
                "sum_communes",
                "not_placed_commune",
                "outside",
                "universe",
            )
        ]
        + [Column("ok", _l("ok", lang))]
    )
    return Table("reconciliation", _caption("reconciliation", lang), columns, rows)


# -- charts ---------------------------------------------------------------------------------------------

CHART_TEXT = {
    "rate_title": gettext_noop("Services (head office) per 1,000 inhabitants, by {layer}"),
    "lq_title": gettext_noop("Location quotient by sector of activity — {name}"),
    "views_title": gettext_noop("Number by view, by {layer}"),
    "region": gettext_noop("Region"),
    "same_as_table": gettext_noop("Same figures as the table '{caption}'. "),
}


def _c(key, lang, **params):
    return pick(CHART_TEXT[key], lang, **params)


def _rate_words(value, low, high, units, basis, lang) -> str:
    """A rate with its interval and the units it rests on, e.g. "≈ 0,72 (0,63–0,83), 218 services"."""
    text = _rate_text(value, basis, lang)
    if not pd.isna(low) and not pd.isna(high):
        text += f" ({fmt_dec(low, lang)}–{fmt_dec(high, lang)})"
    return text + ", " + _("{count} services", lang, count=_units_text(units, lang))


def _units_text(units, lang) -> str:
    """A count that may hold an estimated share: whole numbers as such, others "≈ 218"."""
    units = float(units)
    return fmt_int(units, lang) if units == round(units) else f"≈ {fmt_int(round(units), lang)}"


def rate_chart(analysis, layer, codes, highlight, lang, namer, *, table: str) -> dict | None:
    """The bar chart of head-office rates per 1,000 inhabitants of `codes` of `layer`, with the
    region as reference; None when there is no population."""
    r = analysis.rates("head_office", layer)
    region = analysis.region_rate("head_office", layer=layer)
    if r is None or region is None:
        return None
    codes = codes if codes is not None else list(r.index)
    items, left_out = [], []  # rates resting on few units are marked (they carry their interval)
    for code in codes:
        label = namer.area(layer, code)
        if r.at[code, "basis"] == "estimated":
            label += " (≈)"
        if r.at[code, "small"]:
            label += f" ({_('n<{small}', lang, small=SMALL)})"
        words = _rate_words(
            r.at[code, "rate"],
            r.at[code, "rate_low"],
            r.at[code, "rate_high"],
            r.at[code, "count"],
            r.at[code, "basis"],
            lang,
        )
        items.append(
            svg.Bar(
                label,
                r.at[code, "rate"],
                words,
                code == highlight,
                r.at[code, "rate_low"],
                r.at[code, "rate_high"],
            )
        )
    title = _c("rate_title", lang, layer=t(f"layer.{layer}", lang).lower())
    region_words = _rate_words(
        region["rate"], region["rate_low"], region["rate_high"], region["count"], "official", lang
    )
    desc = (
        _c(
            "same_as_table",
            lang,
            caption=_caption("bassins" if table == "bassins" else "communes", lang),
        )
        + "; ".join(f"{item.label}: {item.text}" for item in items)
        + f"; {_c('region', lang)}: {region_words}."
        + _left_out(left_out, lang)
    )
    chart = svg.bar_chart(
        items,
        title=title,
        desc=desc,
        reference=(f"{_c('region', lang)} {fmt_dec(region['rate'], lang)}", region["rate"]),
    )
    return {
        "key": f"rates_{layer}",
        "title": title,
        "desc": desc,
        "svg": chart,
        "table": table,
        "left_out": left_out,
    }


def _left_out(labels: list[str], lang: str) -> str:
    if not labels:
        return ""
    return " " + _(
        "Not shown (fewer than {small} services): {labels}.",
        lang,
        small=SMALL,
        labels=", ".join(labels),
    )


def quotient_chart(analysis, layer, code, lang, namer) -> dict | None:
    """The bar chart of the location quotients of area `code`; None when it has none."""
    lq = analysis.quotients("head_office", layer)
    if code not in lq.index:
        return None
    ho = analysis.counts("head_office", layer)
    units = analysis.apportioned("head_office", layer).combined(ho)
    row = lq.loc[code]
    items, left_out = [], []
    for category in row.index:
        label = namer.category(category)
        n = float(units.at[code, category])
        if n < SMALL or pd.isna(row[category]):
            left_out.append(label)
            continue
        words = f"{fmt_dec(row[category], lang)}, " + _(
            "{count} services", lang, count=_units_text(n, lang)
        )
        items.append((svg.Bar(label, row[category], words), row[category]))
    items.sort(key=lambda pair: -pair[1])
    bars = [bar for bar, _value in items]
    title = _c("lq_title", lang, name=namer.area(layer, code))
    desc = (
        _c("same_as_table", lang, caption=_caption("categories", lang))
        + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
        + "."
        + _left_out(left_out, lang)
    )
    chart = svg.bar_chart(
        bars, title=title, desc=desc, reference=(f"{_c('region', lang)} = 1", 1.0)
    )
    return {
        "key": f"lq_{layer}",
        "title": title,
        "desc": desc,
        "svg": chart,
        "table": "categories",
        "left_out": left_out,
    }


def views_chart(analysis, layer, lang, namer) -> dict:
    """The grouped bar chart of the three views' counts by area of `layer`."""
    frame = analysis.compare(layer)
    areas = [c for c in frame.index if c not in (NOT_PLACED, REGION, OUTSIDE)]
    series = ["head_office", "site", "area_served"]
    groups = [
        (
            namer.area(layer, c),
            [None if pd.isna(frame.at[c, s]) else float(frame.at[c, s]) for s in series],
        )
        for c in areas
    ]
    title = _c("views_title", lang, layer=t(f"layer.{layer}", lang).lower())
    desc = (
        _c("same_as_table", lang, caption=_caption("views", lang))
        + "; ".join(
            f"{label}: "
            + ", ".join(
                f"{t(f'view.{s}', lang)} {fmt_int(v, lang)}"
                for s, v in zip(series, vs, strict=False)
            )
            for label, vs in groups
        )
        + "."
    )
    chart = svg.grouped_bar_chart(
        groups,
        [t(f"view.{name}", lang) for name in series],
        title=title,
        desc=desc,
        fmt=lambda v: fmt_int(v, lang),
    )
    return {"key": f"views_{layer}", "title": title, "desc": desc, "svg": chart, "table": "views"}


# -- helpers --------------------------------------------------------------------------------------------


def _check_area(analysis, layer: str, code: str) -> None:
    from bassins.errors import UnknownCodeError

    if code not in analysis.areas(layer):
        raise UnknownCodeError(
            f"no {layer} {code!r} in the loaded territories "
            f"(known: {', '.join(analysis.areas(layer))})",
            field=layer,
        )


def _communes_of_bassin(analysis, bassin: str) -> list[tuple[str, bool]]:
    m = analysis.membership
    inside = m[m["bassin"] == bassin]
    out = []
    for commune in sorted(inside["commune"].dropna().unique()):
        whole = bool((m.loc[m["commune"] == commune, "bassin"] == bassin).all())
        out.append((commune, whole))
    return out


def _population_notes(analysis, layer: str, lang: str, namer: Namer) -> list[str]:
    population = analysis.population(layer)
    if population is None:
        return [t("prov.no_population", lang)]
    return [
        render_note(note, lang, lambda code: namer.area(layer, code)) for note in population.notes
    ]


def _rate_text(value, basis, lang) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = fmt_dec(value, lang)
    return f"≈ {text} ({_l('estimated_marker', lang)})" if basis == "estimated" else text


def _small_text(text: str, row: dict, lang: str) -> str:
    """A figure resting on fewer than SMALL units, marked so."""
    return f"{text} ({_('n<{small}', lang, small=SMALL)})" if row.get("small") else text


def _pop_text(value, basis, lang) -> str:
    text = fmt_int(value, lang)
    return f"≈ {text}" if basis == "estimated" else text


def _na(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _format(value, kind: str, lang: str, row: dict) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "" if kind in ("text", "code") else "–"
    if kind == "int":
        text = fmt_int(value, lang)
        return (
            f"≈ {text}"
            if row.get("basis") == "estimated" and value == row.get("population")
            else text
        )
    if kind == "dec":
        return fmt_dec(value, lang)
    if kind == "rate":
        return _small_text(_rate_text(float(value), row.get("basis"), lang), row, lang)
    if kind == "lq":
        return _small_text(fmt_dec(value, lang), row, lang)
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind == "date":
        return fmt_date(value, lang)
    if kind == "basis":
        return t(f"basis.{value}", lang)
    return str(value)


def _raw(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value
