"""The offer tables (`/api/offer/`): per bassin and per commune, the same tables as the offer pages'
downloads (`bassins.offer.context.build`, `bassins.offer.export.table_csv`), as JSON or CSV, in
French, Dutch or English."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router

from bassins.api import schemas
from bassins.api.hsds_api import ERRORS, json_response

router = Router(tags=["Offer"])
LAYERS = ("bassin", "commune")
LangQ = Query("fr", description="Language of captions and labels: fr, nl or en.")
CSV_EXTRA = {
    "responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
}


def _report(layer: str, code: str, lang: str) -> dict:
    from bassins.offer.context import build

    if layer not in LAYERS:
        raise Http404(f"no offer layer {layer[:40]!r} (layers: {', '.join(LAYERS)})")
    with translation.override(lang):
        return build(layer, code, lang)


@router.get("/", response={200: list[schemas.OfferLayer], **ERRORS}, summary="Offer areas")
def areas(request, lang: Literal["fr", "nl", "en"] = LangQ):
    """The bassins and communes that have offer tables."""
    from bassins.offer.context import area_links

    links = area_links(None, lang)
    return json_response(
        [
            {
                "layer": layer,
                "areas": [
                    {
                        "code": area["code"],
                        "name": area["name"],
                        "url": reverse(
                            "api:offer_tables", kwargs={"layer": layer, "code": area["code"]}
                        )
                        + f"?lang={lang}",
                    }
                    for area in links[layer]
                ],
            }
            for layer in LAYERS
        ]
    )


@router.get(
    "/{layer}/{code}",
    response={200: schemas.OfferTables, **ERRORS},
    url_name="offer_tables",
    summary="The offer tables of an area",
)
def tables(request, layer: str, code: str, lang: Literal["fr", "nl", "en"] = LangQ):
    """The tables of one bassin or commune and their JSON and CSV URLs."""
    report = _report(layer, code, lang)
    out = []
    for table in report["tables"]:
        url = reverse("api:offer_table", kwargs={"layer": layer, "code": code, "table": table.key})
        out.append(
            {
                "key": table.key,
                "caption": table.caption,
                "json_url": f"{url}?lang={lang}",
                "csv_url": f"{url}?lang={lang}&format=csv",
            }
        )
    return json_response(
        {"layer": layer, "code": code, "name": report["name"], "language": lang, "tables": out}
    )


@router.get(
    "/{layer}/{code}/{table}",
    response={200: schemas.OfferTable, **ERRORS},
    openapi_extra=CSV_EXTRA,
    url_name="offer_table",
    summary="One offer table",
)
def table(
    request,
    layer: str,
    code: str,
    table: str,
    lang: Literal["fr", "nl", "en"] = LangQ,
    format: Literal["json", "csv"] = Query("json", description="json or csv"),
):
    """One table: JSON (columns and raw rows) or CSV (the offer page's download)."""
    from bassins.offer import export

    report = _report(layer, code, lang)
    found = [t for t in report["tables"] if t.key == table]
    if not found:
        keys = ", ".join(t.key for t in report["tables"])
        raise Http404(f"no table {table[:40]!r} for {layer} {code} (tables: {keys})")
    if format == "csv":
        response = HttpResponse(export.table_csv(found[0]), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="offre_{layer}_{code}_{table}_{lang}.csv"'
        )
        return response
    return json_response(found[0].as_dict())
