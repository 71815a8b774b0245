"""Offer pages per bassin and per commune, with their JSON twin and CSV/XLSX/PDF downloads.

Thin Django views over `bassins.offer.report` (pure): one computation, many views. (The module is
called `pages` because `bassins.offer.views` holds the three analytical views of the offer.)
"""

from __future__ import annotations

import functools
import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bassins.errors import DataNotLoadedError, UnknownCodeError
from bassins.offer import data, export
from bassins.offer.report import bassin_report, commune_report, report_json
from bassins.portal.context import lang_code

log = logging.getLogger(__name__)

BUILDERS = {"bassin": bassin_report, "commune": commune_report}
#: What the offer pages need (`data.missing_inputs()`), and the command that loads it.
REQUIREMENTS = {
    "territories": (_("the territories"), "bassins territories load"),
    "directory": (_("the directory of services"), "bassins directory load"),
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


def build(layer: str, code: str, lang: str, analysis=None) -> dict:
    """The report of one area (of the current analysis unless given), or Http404 for an unknown area."""
    analysis = analysis if analysis is not None else data.current_analysis()
    try:
        return BUILDERS[layer](analysis, code, lang)
    except UnknownCodeError as error:
        raise Http404(error.reason) from error


def page(request, layer: str, code: str):
    lang = lang_code()
    try:
        analysis = data.current_analysis()
        report = build(layer, code, lang, analysis)
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    charts_by_table: dict[str, list] = {}
    for chart in report["charts"]:
        charts_by_table.setdefault(chart["table"], []).append(chart)
    sections = []
    for table in report["tables"]:
        sections.append(
            {
                "table": table,
                "rows": table.display(lang),
                "heading": HEADINGS.get(table.key, table.caption),
                "charts": charts_by_table.get(table.key, []),
                "csv": reverse(
                    f"offer:{layer}-table", kwargs={"code": code, "table": table.key, "fmt": "csv"}
                ),
                "xlsx": reverse(
                    f"offer:{layer}-table", kwargs={"code": code, "table": table.key, "fmt": "xlsx"}
                ),
            }
        )
    context = {
        "report": report,
        "sections": sections,
        "json_url": reverse(f"offer:{layer}-json", kwargs={"code": code}),
        "xlsx_url": reverse(f"offer:{layer}-xlsx", kwargs={"code": code}),
        "pdf_url": reverse(f"offer:{layer}-pdf", kwargs={"code": code})
        if layer == "bassin"
        else None,
        "links": area_links(analysis.inputs.names),
    }
    return render(request, "offer/report.html", context)


def report_json_view(request, layer: str, code: str):
    lang = lang_code()
    try:
        report = build(layer, code, lang)
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return JsonResponse(report_json(report), json_dumps_params={"ensure_ascii": False})


def download(view):
    """A download view: while the data it needs are not loaded, 503 and the reason in plain text."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DataNotLoadedError as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")

    return wrapped


@download
def table_download(request, layer: str, code: str, table: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404(f"no download format {fmt!r} (csv or xlsx)")
    lang = lang_code()
    report = build(layer, code, lang)
    found = [t for t in report["tables"] if t.key == table]
    if not found:
        raise Http404(f"no table {table!r} on this page")
    name = f"offre_{layer}_{code}_{table}_{lang}"
    if fmt == "csv":
        return _attachment(export.table_csv(found[0]), "text/csv; charset=utf-8", f"{name}.csv")
    content = export.tables_xlsx(found, title=f"{report['layer_label']} {report['name']}")
    return _attachment(content, XLSX, f"{name}.xlsx")


@download
def workbook_download(request, layer: str, code: str):
    lang = lang_code()
    report = build(layer, code, lang)
    content = export.tables_xlsx(
        report["tables"],
        title=f"{report['layer_label']} {report['name']}",
        provenance=report["provenance"],
    )
    return _attachment(content, XLSX, f"offre_{layer}_{code}_{lang}.xlsx")


@download
def pdf_download(request, layer: str, code: str):
    from bassins.offer.pdf import page_pdf

    lang = lang_code()
    content = page_pdf(layer, code, lang)
    return _attachment(content, "application/pdf", f"offre_{layer}_{code}_{lang}.pdf")


def index(request):
    try:
        links = area_links()
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    return render(request, "offer/index.html", {"links": links})


def area_links(names: dict | None = None) -> dict:
    """Links to the page of every bassin and commune, by name; `names` as `data.area_names()` gives them
    (the analysis has them already: read from the database only when not given)."""
    lang = lang_code()
    names = data.area_names(("bassin", "commune")) if names is None else names
    column = "name_nl" if lang == "nl" else "name_fr"
    out = {}
    for layer in ("bassin", "commune"):
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


def not_loaded(request, error: DataNotLoadedError):
    """503: what is missing, in the reader's words (the error itself, in English, goes to the log)."""
    log.warning("offer page %s unavailable: %s", request.path, error)
    missing = [
        {"label": REQUIREMENTS[key][0], "command": REQUIREMENTS[key][1]}
        for key in data.missing_inputs()
    ]
    return render(request, "offer/not_loaded.html", {"missing": missing}, status=503)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
