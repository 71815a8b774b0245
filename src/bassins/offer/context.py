"""The template context of an offer page, built once for the web page and for its PDF.

No request involved: `page_context(layer, code, lang)` gives what `offer/report.html` needs (the report,
its sections, the download links, the related areas with their helpdesk lines, the map). The web view
renders it with the request; the PDF (`bassins.offer.pdf`) renders the same context to a string.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bassins.codes import bassin_slug
from bassins.errors import DataNotLoadedError, UnknownCodeError
from bassins.offer import data
from bassins.offer.report import bassin_report, commune_report

BUILDERS = {"bassin": bassin_report, "commune": commune_report}
LAYERS = tuple(BUILDERS)


def build(layer: str, code: str, lang: str, analysis=None) -> dict:
    """The report of one area (of the current analysis unless given), or Http404 for an unknown area."""
    analysis = analysis if analysis is not None else data.current_analysis()
    try:
        return BUILDERS[layer](analysis, code, lang)
    except UnknownCodeError as error:
        raise Http404(error.reason) from error


def area_links(names: dict | None, lang: str) -> dict:
    """Links to the page of every bassin and commune, by name; `names` as `data.area_names()` gives them
    (the analysis has them already: read from the database only when not given)."""
    names = data.area_names(("bassin", "commune")) if names is None else names
    column = "name_nl" if lang == "nl" else "name_fr"
    out = {}
    for layer in LAYERS:
        frame = names.get(layer)
        if frame is None:
            raise DataNotLoadedError(
                "the territories are not loaded yet: run `bassins territories load`"
            )
        out[layer] = [
            {
                "code": code,
                "name": row[column],
                "url": reverse(f"offer:{layer}", kwargs={"code": code}),
            }
            for code, row in frame.sort_values(column).iterrows()
        ]
    return out


def related(analysis, layer: str, code: str, lang: str) -> dict:
    """The areas the page links to and the helpdesk lines it carries: a bassin's communes (whole or
    part) and its own line; a commune's bassin(s) with their lines. From the analysis' own inputs."""
    membership = analysis.membership
    column = "name_nl" if lang == "nl" else "name_fr"
    names = analysis.inputs.names

    def bassin(code: str) -> dict:
        frame = names.get("bassin")
        row = frame.loc[code] if frame is not None and code in frame.index else {}
        phone = row.get("helpdesk_phone") if hasattr(row, "get") else None
        return {
            "code": code,
            "name": row.get(column, code) if hasattr(row, "get") else code,
            "helpdesk_phone": phone if isinstance(phone, str) else "",
            "url": reverse("offer:bassin", kwargs={"code": code}),
            "site_url": reverse("sites:bassin", kwargs={"slug": bassin_slug(code, lang)}),
        }

    def commune_name(code: str) -> str:
        frame = names.get("commune")
        return str(frame.at[code, column]) if frame is not None and code in frame.index else code

    if layer == "bassin":
        inside = membership[membership["bassin"] == code]
        communes = []
        for commune in sorted(inside["commune"].dropna().unique(), key=commune_name):
            whole = bool((membership.loc[membership["commune"] == commune, "bassin"] == code).all())
            communes.append(
                {
                    "code": commune,
                    "name": commune_name(commune),
                    "whole": whole,
                    "url": reverse("offer:commune", kwargs={"code": commune}),
                }
            )
        return {"bassins": [bassin(code)], "communes": communes}
    inside = membership[membership["commune"] == code]
    return {
        "bassins": [bassin(c) for c in sorted(inside["bassin"].dropna().unique())],
        "communes": [],
    }


def page_context(layer: str, code: str, lang: str, *, analysis=None) -> dict:
    """Everything `offer/report.html` shows for (layer, code) in `lang` (see the module docstring)."""
    with translation.override(lang):
        analysis = analysis if analysis is not None else data.current_analysis()
        report = build(layer, code, lang, analysis)
        charts_by_table: dict[str, list] = {}
        for chart in report["charts"]:
            charts_by_table.setdefault(chart["table"], []).append(chart)
        sections = []
        for table in report["tables"]:
            kwargs = {"code": code, "table": table.key}
            sections.append(
                {
                    "table": table,
                    "rows": table.display(lang),
                    "heading": HEADINGS.get(table.key, table.caption),
                    "charts": charts_by_table.get(table.key, []),
                    "csv": reverse(f"offer:{layer}-table", kwargs=kwargs | {"fmt": "csv"}),
                    "xlsx": reverse(f"offer:{layer}-table", kwargs=kwargs | {"fmt": "xlsx"}),
                }
            )
        return {
            "current_language": lang,
            "report": report,
            "sections": sections,
            "related": related(analysis, layer, code, lang),
            "map": {
                "bassins": reverse("portal:layer-geojson", args=["bassin"]),
                "communes": reverse("portal:layer-geojson", args=["commune"]),
                "bassin_url": reverse("offer:bassin", kwargs={"code": "CODE"}),
            },
            "json_url": reverse(f"offer:{layer}-json", kwargs={"code": code}),
            "xlsx_url": reverse(f"offer:{layer}-xlsx", kwargs={"code": code}),
            "pdf_url": reverse(f"offer:{layer}-pdf", kwargs={"code": code}),
            "links": area_links(analysis.inputs.names, lang),
            "generated": timezone.now(),
        }


#: Short section headings (the table captions say more).
HEADINGS = {
    "bassins": _("Services by bassin"),
    "communes": _("Services by commune"),
    "categories": _("Sectors of activity"),
    "views": _("Head office, sites, area served: the three views"),
    "precision": _("Location precision"),
    "reconciliation": _("Reconciliation of the counts"),
}
