"""The provenance block of an offer report, generated from the data, in French, Dutch or English.

Pure (no Django). Sections: sources (from `source_summary()` and the frame), records, what was excluded
and why, location precision, the populations used (source, reference date, basis, method and notes)
and the standing limits (head-office convention, individual practitioners absent, nothing about
capacity/activity/quality/volume, extract date, population date).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from bassins.codes import PRECISIONS, REGION_CODE
from bassins.offer.counts import TOTAL
from bassins.offer.i18n import gettext as _
from bassins.offer.i18n import gettext_noop
from bassins.offer.texts import TEXTS, fmt_date, fmt_dec, fmt_int, t
from bassins.population import readers
from bassins.population.aggregate import LayerPopulation, Note

POPULATION_SOURCES = {
    readers.COMMUNE_SOURCE_LABEL: "popsource.commune",
    readers.C2020_SOURCE_LABEL: "popsource.c2020",
}
SECTOREN_LABEL = re.compile(
    re.escape(readers.SECTOREN_SOURCE_LABEL).replace(re.escape("{year}"), r"(?P<year>\d{4})")
)


def provenance_block(
    analysis,
    lang: str = "fr",
    *,
    layers: tuple[str, ...] = ("bassin", "commune", "region"),
    name_of: Callable[[str, str], str] | None = None,
) -> dict:
    """{"title": ..., "sections": [{"key", "heading", "lines": [...]}, ...]} for `analysis` (OfferAnalysis)."""
    name_of = name_of or (lambda layer, code: code)
    sections = [
        {
            "key": "sources",
            "heading": t("prov.sources", lang),
            "lines": source_lines(analysis, lang),
        },
        {
            "key": "records",
            "heading": t("prov.records", lang),
            "lines": record_lines(analysis, lang),
        },
        {
            "key": "excluded",
            "heading": t("prov.excluded", lang),
            "lines": exclusion_lines(analysis, lang),
        },
        {
            "key": "precision",
            "heading": t("prov.precision", lang),
            "lines": precision_lines(analysis, lang),
        },
        {
            "key": "unresolved",
            "heading": _("Not placed anywhere, counted", lang),
            "lines": unresolved_lines(analysis, lang),
        },
        {
            "key": "estimated",
            "heading": _("Estimated shares (like-with-like rates)", lang),
            "lines": apportionment_lines(analysis, lang, layers, name_of),
        },
        {
            "key": "population",
            "heading": t("prov.population", lang),
            "lines": population_lines(analysis, lang, layers, name_of),
        },
        {"key": "limits", "heading": t("prov.limits", lang), "lines": limit_lines(analysis, lang)},
    ]
    return {"title": t("prov.title", lang), "sections": sections}


def extract_dates(analysis) -> list[str]:
    """The distinct extract dates (YYYY-MM-DD) of the analysed locations, sorted; cached."""
    cache = getattr(analysis, "_cache", {})
    if "extract_dates" not in cache:
        dates = pd.Series(analysis.locations["extract_date"].dropna().unique()).astype(str).str[:10]
        cache["extract_dates"] = sorted(set(dates[dates != ""]))
    return cache["extract_dates"]


def source_lines(analysis, lang: str) -> list[str]:
    """One provenance line per directory source in `lang`: records, extract date, what was left out."""
    locations = analysis.locations
    per_source = locations.groupby(locations["source"].fillna("?"))
    summary = analysis.inputs.sources
    lines = []
    if summary is not None and len(summary):
        for row in summary.to_dict("records"):
            source = str(row.get("source") or row.get("name") or "?")
            name = source_name(row, lang)
            label = name  # the source's name: its file name is not the reader's concern
            records = row.get("records", row.get("rows"))
            if records is None or pd.isna(records):
                records = int((locations["source"] == source).sum())
            date = row.get("extract_date")
            if date is None or (isinstance(date, float) and pd.isna(date)) or date == "":
                date = _dates_of(locations, source)
            lines.append(
                t(
                    "prov.source_line",
                    lang,
                    label=label,
                    records=fmt_int(records, lang),
                    extract_date=fmt_date(date, lang),
                )
            )
    else:
        for source, group in per_source:
            lines.append(
                t(
                    "prov.source_line",
                    lang,
                    label=source,
                    records=fmt_int(len(group), lang),
                    extract_date=fmt_date(_dates_of(group, None), lang),
                )
            )
    return lines


def source_name(row: dict, lang: str) -> str:
    """A directory source (a row of `source_summary()`) in the reader's words: its `source_label_<lang>`
    when the summary has one (`bassins.offer.data` adds them), else its code."""
    return str(row.get(f"source_label_{lang}") or row.get("source") or row.get("name") or "?")


def record_lines(analysis, lang: str) -> list[str]:
    """Provenance lines in `lang` on the records counted: services, organisations, statuses."""
    loc = analysis.locations
    cache = getattr(analysis, "_cache", {})
    if "record_counts" not in cache:
        cache["record_counts"] = (loc["service_id"].nunique(), loc["organization_id"].nunique())
    services, organizations = cache["record_counts"]
    notes = {}
    for view in analysis.views.values():
        notes.update(view.notes)
    return [
        t(
            "prov.records_line",
            lang,
            services=fmt_int(services, lang),
            organizations=fmt_int(organizations, lang),
            locations=fmt_int(len(loc), lang),
            declarations=fmt_int(len(analysis.declarations), lang),
        ),
        t(
            "prov.view_notes",
            lang,
            **{
                k: fmt_int(notes.get(k, 0), lang)
                for k in (
                    "duplicate_head_office",
                    "head_office_from_organization",
                    "services_without_head_office",
                    "services_without_site",
                    "services_without_area",
                )
            },
        ),
    ]


def exclusion_lines(analysis, lang: str) -> list[str]:
    """Records left out at import (from the source summary) and left out of this analysis, with why."""
    lines = []
    summary = analysis.inputs.sources
    if summary is not None and len(summary) and "excluded" in summary.columns:
        for row in summary.to_dict("records"):
            count = row.get("excluded")
            if count is None or pd.isna(count) or not int(count):
                continue
            lines.append(
                t(
                    "prov.import_excluded_line",
                    lang,
                    source=source_name(row, lang),
                    count=fmt_int(count, lang),
                    reasons=row.get(f"excluded_reasons_{lang}")
                    or row.get("excluded_reasons")
                    or "?",
                )
            )
    rows = analysis.exclusions.frame()
    lines += [
        t(
            "prov.excluded_line",
            lang,
            frame=t(f"frame.{r['frame']}", lang),
            count=fmt_int(r["count"], lang),
            reason=t(f"excl.{r['reason']}", lang, detail=detail_text(r, lang)),
        )
        for r in rows.to_dict("records")
    ]
    return lines or [t("prov.nothing_excluded", lang)]


UNRESOLVED_REASONS = {
    "no_location": gettext_noop("{count} {units} without a location ({view})"),
    "outside_region": gettext_noop("{count} {units} located outside the Region ({view})"),
    "no_head_office": gettext_noop(
        "{count} {units} without a head office, of their own or of their organisation ({view})"
    ),
    "unknown_area": gettext_noop(
        "{count} {units} naming an area that is in no loaded territory ({view})"
    ),
}
OTHER_REASON = gettext_noop("{count} {units}: {reason} ({view})")
#: the apportionment methods of `counts` (APPORTION_*) in words
APPORTION_METHODS = (
    gettext_noop("sector population"),
    gettext_noop("area population"),
    gettext_noop("equal shares"),
)


def unresolved_lines(analysis, lang: str) -> list[str]:
    """Services without a location, declared areas resolving to no territory, unknown territory codes:
    each counted, by view (`OfferAnalysis.unresolved`)."""
    unresolved = analysis.unresolved()
    lines = []
    for view in ("head_office", "site", "area_served"):
        unit = t(f"unit.{analysis.views[view].unit_name}", lang)
        for reason, count in sorted(unresolved[view].items()):
            lines.append(
                _(
                    UNRESOLVED_REASONS.get(reason, OTHER_REASON),
                    lang,
                    count=fmt_int(count, lang),
                    units=unit,
                    reason=reason,
                    view=t(f"view.{view}", lang),
                )
            )
    for area in unresolved["unknown_areas"]:
        lines.append(
            _(
                "Declared area {layer} {code}: in no loaded territory ({count})",
                lang,
                layer=area["declared_layer"],
                code=area["declared_code"],
                count=fmt_int(area["count"], lang),
            )
        )
    for code in unresolved["unknown_codes"]:
        lines.append(
            _(
                "Unknown territory codes, dropped from the rows (the rows are kept): {detail} "
                "({count})",
                lang,
                detail=code["detail"],
                count=fmt_int(code["count"], lang),
            )
        )
    return lines or [_("Every unit is placed in the Region.", lang)]


def apportionment_lines(analysis, lang: str, layers, name_of) -> list[str]:
    """How the units that cannot be placed at a layer are shared among their candidate areas."""
    lines = []
    for layer in layers:
        if layer == "region" or layer not in analysis.layers:
            continue
        shared = analysis.apportioned("head_office", layer)
        count = int(analysis.counts("head_office", layer).not_placed[TOTAL])
        if not count:
            continue
        details = "; ".join(
            _(
                "{units} in {where} → {shares}",
                lang,
                units=fmt_int(group["units"], lang),
                where=group_place(group, lang, name_of),
                shares=", ".join(
                    f"{name_of(layer, area)} {fmt_dec(100 * share, lang, 1)} %"
                    for area, share in group["shares"].items()
                ),
            )
            for group in shared.groups
        )
        lines.append(
            _(
                "{layer}: {count} services of the Region cannot be placed in one area at this level; "
                "each is shared among the areas it may be in, in proportion to their population there "
                "({method}). These shares are ESTIMATES: {details}.",
                lang,
                layer=t(f"layer.{layer}", lang),
                count=fmt_int(count, lang),
                method=_(shared.method, lang),
                details=details,
            )
        )
        if shared.narrowed:
            lines[-1] += " " + _(
                "{count} of them are known by a postcode: each of those is shared only among the "
                "areas holding the sub-municipalities that postcode covers (Brussels postcode table).",
                lang,
                count=fmt_int(shared.narrowed, lang),
            )
    return lines or [_("No estimate: every service in the Region is placed at every level.", lang)]


def group_place(group: dict, lang: str, name_of) -> str:
    """Where the units of an apportionment group are known to be: their known areas, and the
    sub-municipalities of their postcode when these narrow the candidates."""
    where = ", ".join(
        name_of(lyr, code) for lyr, code in group["known"].items() if lyr != "region"
    ) or name_of("region", REGION_CODE)
    if group.get("within"):
        where = _(
            "{where} (by postcode: {submunicipalities})",
            lang,
            where=where,
            submunicipalities=", ".join(
                name_of("submunicipality", code) for code in group["within"]
            ),
        )
    return where


def precision_lines(analysis, lang: str) -> list[str]:
    """One line per location precision (point, postcode, commune, none) with its count, in `lang`."""
    counts = analysis.locations["precision"].value_counts()
    return [
        t(
            "prov.precision_line",
            lang,
            precision=t(f"precision.{p}", lang),
            count=fmt_int(counts.get(p, 0), lang),
        )
        for p in PRECISIONS
    ]


def population_lines(analysis, lang: str, layers, name_of) -> list[str]:
    """The population lines of `layers` in `lang`: source, reference date, basis and method of each."""
    lines, seen = [], set()
    for layer in layers:
        population = analysis.population(layer)
        if population is None:
            continue
        lines.append(population_line(population, lang))
        for note in population.notes:
            key = (note.code, repr(sorted(note.params.items())))
            if key not in seen:
                seen.add(key)
                lines.append(render_note(note, lang, lambda code, lyr=layer: name_of(lyr, code)))
    for note in analysis.population_notes:
        lines.append(render_note(note, lang, lambda code: code))
    return lines or [t("prov.no_population", lang)]


def population_line(population: LayerPopulation, lang: str) -> str:
    """One line in `lang` saying where a layer's population comes from, its date and how it was built."""
    values = population.values
    bases = sorted(set(values["basis"]))
    methods = sorted(set(values["method"]))
    return t(
        "prov.population_line",
        lang,
        layer=t(f"layer.{population.layer}", lang),
        source=", ".join(population_source(s, lang) for s in population.sources),
        reference_date=fmt_date(population.reference_date, lang),
        basis=", ".join(t(f"basis.{b}", lang) for b in bases),
        method=", ".join(t(f"method.{m}", lang) for m in methods),
    )


def population_source(label: str, lang: str) -> str:
    """A population source (the English label stored with its rows) in `lang`; other labels as they are."""
    if label in POPULATION_SOURCES:
        return t(POPULATION_SOURCES[label], lang)
    match = SECTOREN_LABEL.fullmatch(label)
    return t("popsource.sectoren", lang, year=match["year"]) if match else label


def render_note(note: Note, lang: str, name_of: Callable[[str], str] = lambda code: code) -> str:
    """A population note (`bassins.population.aggregate.Note`) as a sentence."""
    p = dict(note.params)
    if note.code == "sector_shortfall":
        p = {
            "sector_total": fmt_int(p["sector_total"], lang),
            "commune_total": fmt_int(p["commune_total"], lang),
            "missing": fmt_int(p["missing"], lang),
            "percent": fmt_dec(p["percent"], lang, 2),
        }
    elif note.code == "estimated_share":
        details = "; ".join(
            f"{name_of(d['area'])} ← {d['commune']} {fmt_dec(100 * d['share'], lang, 1)} % "
            f"= {fmt_int(d['population'], lang)}"
            for d in p["details"]
        )
        p = {
            "areas": ", ".join(name_of(a) for a in p["areas"]),
            "communes": ", ".join(p["communes"]),
            "details": details,
        }
    elif note.code in ("mixed_dates", "sector_other_dates"):
        p = {**p, "dates": ", ".join(fmt_date(d, lang) for d in p["dates"])}
        if "reference_date" in p:
            p["reference_date"] = fmt_date(p["reference_date"], lang)
    elif note.code == "inferred_date":
        p = {
            "source": population_source(p["source"], lang),
            "reference_date": fmt_date(p["reference_date"], lang),
        }
    return t(f"note.{note.code}", lang, **p)


def limit_lines(analysis, lang: str) -> list[str]:
    """The standing limits of the analysis in `lang` (head offices, practitioners, capacity, extract date...)."""
    dates = extract_dates(analysis)
    lines = [
        t("limit.head_office", lang),
        t("limit.practitioners", lang),
        t("limit.capacity", lang),
        t("limit.extract", lang, dates=fmt_date(dates[-1] if dates else None, lang)),
    ]
    population = analysis.population("region") or next(
        iter(analysis.inputs.populations.values()), None
    )
    if population is not None:
        lines.append(
            t(
                "limit.population",
                lang,
                reference_date=fmt_date(population.reference_date, lang),
                basis=t(f"basis.{population.basis}", lang),
            )
        )
    return lines


def _dates_of(frame: pd.DataFrame, source: str | None) -> str | None:
    rows = frame if source is None else frame[frame["source"] == source]
    dates = sorted(
        set(pd.Series(rows["extract_date"].dropna().unique()).astype(str).str[:10]) - {""}
    )
    return dates[-1] if dates else None  # the latest extract


def detail_text(row: dict, lang: str) -> str:
    """An exclusion's detail for the reader: a service status in words, other details as they are."""
    if row["reason"] == "status" and f"status.{row['detail']}" in TEXTS:
        return t(f"status.{row['detail']}", lang)
    return row["detail"]
