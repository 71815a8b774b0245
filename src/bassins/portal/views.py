"""Public pages. Thin: each view gathers data from the stores and hands it to a template or JSON."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bassins.errors import DataNotLoadedError
from bassins.portal.context import lang_code
from bassins.territory import store
from bassins.territory.summary import bassin_composition

MAP_LAYERS = {"bassin", "commune", "monitoring", "submunicipality", "qss", "region"}


def bassin_rows(lang: str) -> list[dict]:
    name = "name_nl" if lang == "nl" else "name_fr"
    bassins = store.layer_frame("bassin", geometry=False)
    composition = bassin_composition(
        store.membership(),
        store.layer_frame("commune", geometry=False),
        store.layer_frame("submunicipality", geometry=False),
        lang,
    )
    rows = []
    for code, row in bassins.sort_values(name).iterrows():
        rows.append(
            {
                "code": code,
                "name": row[name],
                "name_fr": row["name_fr"],
                "name_nl": row["name_nl"],
                "area_km2": round(float(row["area_km2"]), 2),
                "n_sectors": int(row["n_sectors"]),
                "basis": row.get("basis"),
                "helpdesk_phone": row.get("helpdesk_phone") or "",
                "communes": composition.get(code, []),
            }
        )
    return rows


def home(request):
    lang = lang_code()
    try:
        rows = bassin_rows(lang)
        region = store.layer_frame("region", geometry=False).iloc[0]
        context = {
            "bassins": rows,
            "region_km2": round(float(region["area_km2"]), 2),
            "region_sectors": int(region["n_sectors"]),
            "loaded": True,
            "qss_loaded": "qss" in store.loaded_layers(),
        }
    except DataNotLoadedError as error:
        context = {"loaded": False, "error": str(error)}
    return render(request, "portal/home.html", context, status=200 if context["loaded"] else 503)


def home_json(request):
    lang = lang_code()
    try:
        return JsonResponse(
            {"bassins": bassin_rows(lang), "language": lang},
            json_dumps_params={"ensure_ascii": False},
        )
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)


def layer_geojson(request, layer: str):
    """A layer's simplified WGS84 geometries for maps (full resolution: `bassins territories export`)."""
    if layer not in MAP_LAYERS:
        raise Http404(_("Unknown layer"))
    from bassins.territory.models import Area

    try:
        generation = store.active_generation()
        if layer not in store.loaded_layers():
            return JsonResponse(
                {"error": str(DataNotLoadedError(f"layer {layer!r} is not loaded"))}, status=404
            )
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    features = []
    for area in Area.objects.filter(layer__generation=generation, layer__name=layer).order_by(
        "code"
    ):
        features.append(
            '{{"type":"Feature","properties":{},"geometry":{}}}'.format(
                json.dumps(
                    {
                        "code": area.code,
                        "name_fr": area.name_fr,
                        "name_nl": area.name_nl,
                        "area_km2": round(area.area_km2 or 0, 3),
                        "n_sectors": area.n_sectors,
                        **area.parents,
                    },
                    ensure_ascii=False,
                ),
                area.geojson or "null",
            )
        )
    body = '{{"type":"FeatureCollection","features":[{}]}}'.format(",".join(features))
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
