"""Offer pages per bassin and per commune, with their JSON twin and CSV/XLSX/PDF downloads.

Thin Django views over `bassins.offer.context` (the page's context, shared with the PDF) and
`bassins.offer.report` (pure): one computation, many views. What only changes with the data is served
from the cache under the data version (`bassins.web.cache`). (The module is called `pages` because
`bassins.offer.views` holds the three analytical views of the offer.)
"""

from __future__ import annotations

import functools
import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bassins.errors import DataNotLoadedError
from bassins.offer import data, export, pdf
from bassins.offer.context import HEADINGS, area_links, build, page_context
from bassins.offer.report import report_json
from bassins.portal.context import lang_code
from bassins.web.cache import by_data_version, cached_page, request_data_version

__all__ = ["HEADINGS", "build"]

log = logging.getLogger(__name__)

#: What the offer pages need (`data.missing_inputs()`), and the command that loads it.
REQUIREMENTS = {
    "territories": (_("the territories"), "bassins territories load"),
    "directory": (_("the directory of services"), "bassins directory load"),
}


@cached_page
def page(request, layer: str, code: str):
    lang = lang_code()
    try:
        context = page_context(layer, code, lang)
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    return render(request, "offer/report.html", context)


@cached_page
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
@cached_page
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
@cached_page
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
    """The page as a tagged PDF, printed once per data version, area and language."""
    lang = lang_code()
    version = request_data_version(request)
    content = by_data_version(
        "pdf", layer, code, lang, version=version, build=lambda: pdf.page_pdf(layer, code, lang)
    )
    response = _attachment(content, "application/pdf", f"offre_{layer}_{code}_{lang}.pdf")
    response["ETag"] = f'"{version}-pdf"'
    return response


@cached_page
def index(request):
    try:
        links = area_links(None, lang_code())
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    return render(request, "offer/index.html", {"links": links})


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
