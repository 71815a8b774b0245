"""Public pages. Thin: each view gathers data from the stores and hands it to a template or JSON.

What only changes with the data is cached under the data version (`bassins.web.cache`)."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from bassins.errors import DataNotLoadedError
from bassins.portal import finder
from bassins.portal.areas import bassin_rows, commune_names
from bassins.portal.context import lang_code
from bassins.territory import store
from bassins.web.cache import cached_page

MAP_LAYERS = {"bassin", "commune", "monitoring", "submunicipality", "qss", "region"}


@cached_page
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


def find_answer(query: str, lang: str) -> dict:
    """The "find your bassin" answer as the page and the JSON give it (the reader's words)."""
    answer = finder.find(query)
    out = {
        "query": answer.query,
        "postcode": answer.postcode,
        "found": bool(answer.bassins),
        "ambiguous": answer.ambiguous,
        "communes": [],
        "bassins": [],
    }
    if answer.problem == "empty":
        out["message"] = _("Type a postcode (for example 1030) or an address in Brussels.")
        return out
    if answer.problem == "outside":
        out["message"] = _("The postcode %(postcode)s is outside the Brussels-Capital Region.") % {
            "postcode": answer.postcode
        }
        return out
    if not answer.bassins:
        out["message"] = _(
            "No Brussels postcode or commune found in “%(query)s”. Type a postcode, for example 1030."
        ) % {"query": answer.query}
        return out
    rows = {row["code"]: row for row in bassin_rows(lang)}
    out["bassins"] = [
        {
            "code": code,
            "name": rows[code]["name"],
            "helpdesk_phone": rows[code]["helpdesk_phone"],
            "url": rows[code]["url"],
        }
        for code in answer.bassins
        if code in rows
    ]
    names = commune_names(lang)
    out["communes"] = [
        {
            "code": code,
            "name": names.get(code, code),
            "url": reverse("offer:commune", kwargs={"code": code}),
        }
        for code in answer.communes
    ]
    bassin_names = [b["name"] for b in out["bassins"]]
    commune_list = ", ".join(c["name"] for c in out["communes"])
    where = answer.postcode or commune_list
    if answer.ambiguous:
        out["message"] = _(
            "%(where)s spans %(count)d bassins: %(names)s. The street decides which one; "
            "each helpdesk line below can help."
        ) % {"where": where, "count": len(bassin_names), "names": _(" and ").join(bassin_names)}
    elif answer.postcode:
        out["message"] = _("%(where)s (%(communes)s) is in the bassin %(name)s.") % {
            "where": where,
            "communes": commune_list,
            "name": bassin_names[0],
        }
    else:
        out["message"] = _("%(where)s is in the bassin %(name)s.") % {
            "where": where,
            "name": bassin_names[0],
        }
    return out


def find(request):
    """The answer page of the "find your bassin" box (the box works without JavaScript)."""
    lang = lang_code()
    query = request.GET.get("q", "")
    try:
        answer = find_answer(query, lang)
    except DataNotLoadedError:
        return render(request, "portal/find.html", {"loaded": False}, status=503)
    return render(request, "portal/find.html", {"loaded": True, "answer": answer, "query": query})


def find_json(request):
    """The "find your bassin" answer as JSON (the box's script uses it)."""
    lang = lang_code()
    try:
        answer = find_answer(request.GET.get("q", ""), lang)
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


@cached_page
def layer_geojson(request, layer: str):
    """A layer's simplified WGS84 geometries for maps (full resolution: `bassins territories export`)."""
    if layer not in MAP_LAYERS:
        raise Http404(_("Unknown layer"))
    try:
        if layer not in store.loaded_layers():
            return JsonResponse(
                {"error": str(DataNotLoadedError(f"layer {layer!r} is not loaded"))}, status=404
            )
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return HttpResponse(
        simplified_layer_geojson(layer), content_type="application/geo+json; charset=utf-8"
    )


def simplified_layer_geojson(layer: str) -> str:
    """A loaded layer's areas as a GeoJSON FeatureCollection of their simplified WGS84 geometries
    (the maps' and the API's), with codes, names, area, sectors and parent areas."""
    from bassins.territory.models import Area

    generation = store.active_generation()
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
    return '{{"type":"FeatureCollection","features":[{}]}}'.format(",".join(features))
