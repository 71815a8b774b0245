"""Territories as GeoJSON (`/api/territories/`): every layer of the active generation, simplified for
maps (the geometries the portal's maps draw) or at full resolution (`simplified=false`, as
`bassins territories export` writes them), WGS84 (RFC 7946)."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Query, Router

from bassins.api import schemas
from bassins.api.hsds_api import ERRORS, json_response
from bassins.errors import DataNotLoadedError

router = Router(tags=["Territories"])
GEOJSON = "application/geo+json"
GEOJSON_EXTRA = {
    "responses": {
        200: {
            "content": {
                GEOJSON: {"schema": {"$ref": "#/components/schemas/FeatureCollection"}},
            }
        }
    }
}


@router.get("/", response={200: list[schemas.LayerInfo], **ERRORS}, summary="Territory layers")
def layers(request):
    """The layers of the active generation, how many areas each has and where its GeoJSON is."""
    from bassins.territory import store

    out = []
    for name, layer in sorted(store.loaded_layers().items()):
        out.append(
            {
                "layer": name,
                "loaded": True,
                "areas": layer.areas.count(),
                "has_geometry": bool(layer.has_geometry),
                "geojson": reverse("api:layer", kwargs={"layer": name})
                if layer.has_geometry
                else None,
            }
        )
    return json_response(out)


@router.get(
    "/{layer}",
    response={200: schemas.FeatureCollection, **ERRORS},
    openapi_extra=GEOJSON_EXTRA,
    url_name="layer",
    summary="One layer as GeoJSON",
)
def layer(
    request,
    layer: str,
    simplified: bool = Query(True, description="Geometries simplified for maps (2 m)."),
):
    """The areas of one layer with their codes, names (FR/NL), area, sectors and parent areas."""
    from bassins.portal.views import simplified_layer_geojson
    from bassins.territory import store

    loaded = store.loaded_layers()
    if layer not in loaded:
        known = ", ".join(sorted(loaded))
        raise Http404(f"no layer {layer[:40]!r} (layers: {known})")
    if not loaded[layer].has_geometry:
        raise DataNotLoadedError(f"layer {layer!r} has no geometry in this vintage")
    body = simplified_layer_geojson(layer) if simplified else store.export_geojson(layer)
    if not simplified:
        body = json.dumps(json.loads(body), ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type=GEOJSON + "; charset=utf-8")
