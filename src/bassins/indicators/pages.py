"""The indicator pages (thin views over `profile`, `attention` and the store), each with its `.json`
twin, and the tidy CSV downloads."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bassins.codes import BASSIN_CODES, REGION_CODE
from bassins.errors import DataNotLoadedError
from bassins.indicators import charts, profile, stats, store
from bassins.portal.context import lang_code

#: The layers with pages, coarsest first.
#: The layers with pages, coarsest first; a layer with no value loaded (the quartiers social-sante
#: before their sector table is loaded) is not linked.
PAGE_LAYERS = ("region", "bassin", "qss", "commune", "monitoring", "submunicipality", "sector")


def layer_label(layer: str) -> str:
    labels = {
        "region": _("Region"),
        "bassin": _("Bassins"),
        "qss": _("Social-health districts"),
        "commune": _("Communes"),
        "monitoring": _("Monitoring quartiers"),
        "monitoring_urbis": _("Monitoring quartiers (UrbIS outlines, for maps)"),
        "submunicipality": _("Sub-municipalities"),
        "sector": _("Statistical sectors"),
    }
    return labels.get(layer, layer)


def comparison_label(code: str) -> str:
    labels = {
        stats.BETTER: _("better than the region"),
        stats.WORSE: _("worse than the region"),
        stats.SIMILAR: _("similar to the region"),
        stats.HIGHER: _("higher than the region"),
        stats.LOWER: _("lower than the region"),
        stats.NOT_COMPARED: _("not compared"),
        "": _("not compared"),
    }
    return labels.get(code, code)


def profile_key() -> list[dict]:
    """The key of the spine chart: the colours of `charts.COLOURS`, what each says."""
    colours = charts.COLOURS
    return [
        {"colours": [colours[stats.WORSE]], "text": _("worse than the region (99.8%)")},
        {"colours": [colours[stats.BETTER]], "text": _("better than the region (99.8%)")},
        {"colours": [colours[stats.SIMILAR]], "text": _("similar to the region")},
        {
            "colours": [colours[stats.HIGHER], colours[stats.LOWER]],
            "text": _("higher or lower (no polarity)"),
        },
        {"colours": [colours[stats.NOT_COMPARED]], "text": _("not compared (no interval)")},
    ]


def trend_label(code: str) -> str:
    labels = {
        stats.INCREASING: _("increasing"),
        stats.DECREASING: _("decreasing"),
        stats.NO_CHANGE: _("no significant change"),
    }
    return labels.get(code, "–")


def fmt(value, unit: str = "") -> str:
    """A value for the reader: two decimals below 100, none above."""
    if value is None:
        return "–"
    digits = 0 if abs(value) >= 100 or float(value).is_integer() else 2
    text = number_format(round(value, digits), digits, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip() if unit in ("%", "km²", "EUR") else text


def area_names(layer: str) -> dict[str, str]:
    from bassins.territory import store as territory_store

    lang = lang_code()
    frame = territory_store.layer_frame(layer, geometry=False)
    column = "name_nl" if lang == "nl" else "name_fr"
    return dict(zip(frame["code"].astype(str), frame[column].astype(str), strict=True))


def not_loaded(request, error):
    return render(request, "indicators/not_loaded.html", {"error": str(error)}, status=503)


def _table():
    frame = store.values_frame()
    if frame.empty:
        raise DataNotLoadedError("no indicator loaded: run `bassins indicators load`")
    return frame


def index(request):
    try:
        frame = _table()
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    registry = store.full_registry()
    lang = lang_code()
    present = set(frame["indicator"])
    layers = set(frame["layer"])
    indicators = [
        {
            "id": i.id,
            "name": i.name(lang),
            "url": reverse("indicators:definition", kwargs={"indicator": i.id}),
            "maps": [
                {
                    "layer": layer_label(layer),
                    "url": reverse("indicators:map", kwargs={"layer": layer, "indicator": i.id}),
                }
                for layer in PAGE_LAYERS
                if layer in i.layers and layer in layers and layer != "region"
            ],
        }
        for i in registry.values()
        if i.id in present
    ]
    bassins = area_names("bassin")
    links = [
        {
            "name": bassins.get(code, code),
            "url": reverse("indicators:profile", kwargs={"layer": "bassin", "code": code}),
        }
        for code in BASSIN_CODES
    ]
    csv_links = [
        {"layer": layer_label(layer), "url": reverse("indicators:csv", kwargs={"layer": layer})}
        for layer in PAGE_LAYERS
        if layer in layers
    ]
    return render(
        request,
        "indicators/index.html",
        {"indicators": indicators, "bassins": links, "csv_links": csv_links},
    )


def _profile(layer: str, code: str):
    if layer not in PAGE_LAYERS:
        raise Http404(_("Unknown layer"))
    registry = store.full_registry()
    frame = _table()
    names = area_names(layer)
    if code not in names:
        raise Http404(_("Unknown area"))
    lang = lang_code()
    result = profile.area_profile(frame, registry, layer, code, lang)
    for row in result["rows"]:
        row["comparison_text"] = comparison_label(row["comparison998"])
        row["trend_text"] = trend_label(row["trend"])
        row["value_text"] = fmt(row["value"], row["unit"])
        row["region_text"] = fmt(row["region_value"], row["unit"])
        row["count_text"] = (
            fmt(row["count"])
            if row["count"] is not None and row["kind"] not in ("count", "measure", "value")
            else ""
        )
        row["denominator_text"] = fmt(row["denominator"]) if row["denominator"] is not None else ""
        row["interval_text"] = (
            f"{fmt(row['lower95'])} – {fmt(row['upper95'])}" if row["lower95"] is not None else ""
        )
        row["interval998_text"] = (
            f"{fmt(row['lower998'])} – {fmt(row['upper998'])}"
            if row["lower998"] is not None
            else ""
        )
        row["range_text"] = (
            f"{fmt(row['peers_min'])} – {fmt(row['peers_max'])}"
            if row["peers_min"] is not None
            else ""
        )
        row["definition_url"] = reverse("indicators:definition", kwargs={"indicator": row["id"]})
    result["name"] = names[code]
    result["layer"] = layer
    result["code"] = code
    result["pyramid"] = profile.pyramid(frame, layer, code)
    return result, frame


def profile_page(request, layer: str, code: str):
    try:
        result, _frame = _profile(layer, code)
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    title = _("Indicators of %(name)s compared with the region") % {"name": result["name"]}
    desc = _(
        "One row per indicator: the bar spans the values of the other areas of the same layer "
        "(the darker part the middle half), the vertical line is the region's value, the circle "
        "this area's value, coloured by its comparison with the region at 99.8%. The table below "
        "gives every figure."
    )
    svg = profile.spine_svg(result, title=title, desc=desc, fmt=fmt)
    pyramid_svg = ""
    if result["pyramid"]:
        bands, counts = zip(*result["pyramid"], strict=True)
        pyramid_svg = charts.pyramid(
            list(bands),
            list(counts),
            None,
            title=_("Population by age band of %(name)s") % {"name": result["name"]},
            desc=_("Residents by five-year age band, youngest at the bottom: ")
            + "; ".join(f"{b}: {fmt(c)}" for b, c in result["pyramid"]),
            left_label="",
            right_label="",
        )
    context = {
        **result,
        "key": profile_key(),
        "spine_svg": svg,
        "pyramid_svg": pyramid_svg,
        "pyramid_rows": [{"band": b, "count": fmt(c)} for b, c in result["pyramid"]],
        "layer_label": layer_label(layer),
        "json_url": reverse("indicators:profile-json", kwargs={"layer": layer, "code": code}),
        "csv_url": reverse("indicators:csv", kwargs={"layer": layer}),
    }
    return render(request, "indicators/profile.html", context)


def profile_json(request, layer: str, code: str):
    try:
        result, _frame = _profile(layer, code)
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    for row in result["rows"]:
        row.pop("peer_values", None)
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


def _map(layer: str, indicator: str):
    registry = store.full_registry()
    if indicator not in registry:
        raise Http404(_("Unknown indicator"))
    if layer not in PAGE_LAYERS or layer == "region":
        raise Http404(_("Unknown layer"))
    frame = store.values_frame(indicator=indicator, layer=layer)
    if frame.empty:
        raise DataNotLoadedError(f"{indicator} has no value at layer {layer}")
    return registry[indicator], profile.choropleth(frame, indicator, layer)


def _region_value(definition, layer: str, period) -> str | None:
    """The region's value the areas of `layer` are compared with (`tidy.layer_comparators`), for
    the map's key; None when the region has none."""
    from bassins.indicators import tidy

    rows = store.values_frame(indicator=definition.id)
    rows = rows[
        (rows["period"] == period)
        & (rows["sex"] == tidy.ALL)
        & (rows["age_band"] == tidy.ALL)
        & (rows["category"] == "")
        & rows["layer"].isin([layer, "region"])
    ]
    region = rows[rows["layer"] == "region"]
    if region.empty or region["value"].isna().all():
        return None
    own = tidy.layer_comparators(rows, {definition.id: definition}, region)
    own = own[own["layer"] == layer]["comparator"]
    value = float(own.iloc[0]) if len(own) else float(region["value"].iloc[0])
    return fmt(value, definition.unit)


def map_page(request, layer: str, indicator: str):
    try:
        definition, data = _map(layer, indicator)
    except DataNotLoadedError as error:
        return not_loaded(request, error)
    lang = lang_code()
    names = area_names(layer)
    unit = definition.unit
    # classes hold their upper bound (mapclassify): the second and later start just above the last
    legend = [
        {
            "colour": item["colour"],
            "text": ("" if i == 0 else "> ") + f"{fmt(item['low'])} – {fmt(item['high'], unit)}",
        }
        for i, item in enumerate(data["legend"])
    ]
    region_value = _region_value(definition, layer, data["period"])
    rows = [
        {
            "code": code,
            "name": names.get(code, code),
            "value": fmt(item["value"], definition.unit),
            "interval": f"{fmt(item['lower998'])} – {fmt(item['upper998'])}"
            if item["lower998"] is not None
            else "",
            "comparison": comparison_label(item["comparison998"]),
            "worse": item["comparison998"] == stats.WORSE,
            "estimated": item["estimated"],
        }
        for code, item in sorted(data["areas"].items(), key=lambda kv: names.get(kv[0], kv[0]))
    ]
    context = {
        "indicator": definition,
        "name": definition.name(lang),
        "layer": layer,
        "layer_label": layer_label(layer),
        "period": data["period"],
        "legend": legend,
        "region_value": region_value,
        "no_value": charts.NO_VALUE,
        "rows": rows,
        "has_interval": definition.has_interval,
        "date": definition.reference_date,
        "json_url": reverse(
            "indicators:map-json", kwargs={"layer": layer, "indicator": definition.id}
        ),
        "definition_url": reverse("indicators:definition", kwargs={"indicator": definition.id}),
        "lang": lang,
    }
    return render(request, "indicators/map.html", context)


def map_json(request, layer: str, indicator: str):
    """The map's data as GeoJSON (simplified WGS84 geometries), each area with its value and class."""
    from bassins.territory import store as territory_store
    from bassins.territory.models import Area

    try:
        definition, data = _map(layer, indicator)
        generation = territory_store.active_generation()
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    features = []
    for area in Area.objects.filter(layer__generation=generation, layer__name=layer).order_by(
        "code"
    ):
        item = data["areas"].get(area.code, {})
        properties = {"code": area.code, "name_fr": area.name_fr, "name_nl": area.name_nl, **item}
        geometry = area.geojson or "null"
        features.append(
            f'{{"type":"Feature","properties":{json.dumps(properties, ensure_ascii=False)},"geometry":{geometry}}}'
        )
    meta = {
        "indicator": definition.id,
        "layer": layer,
        "period": data["period"],
        "reference_date": definition.reference_date,
        "legend": data["legend"],
    }
    body = (
        '{"type":"FeatureCollection","metadata":'
        + json.dumps(meta, ensure_ascii=False)
        + ',"features":['
        + ",".join(features)
        + "]}"
    )
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


def _definition(indicator: str) -> dict:
    registry = store.full_registry()
    if indicator not in registry:
        raise Http404(_("Unknown indicator"))
    return registry[indicator].as_dict()


def definition_page(request, indicator: str):
    data = _definition(indicator)
    lang = lang_code()
    definition = store.full_registry()[indicator]
    context = {
        "d": data,
        "name": definition.name(lang),
        "definition": definition.definition(lang),
        "has_interval": definition.has_interval,
        "maps": [
            {
                "layer": layer_label(layer),
                "url": reverse("indicators:map", kwargs={"layer": layer, "indicator": indicator}),
            }
            for layer in PAGE_LAYERS
            if layer in definition.layers and layer != "region"
        ],
        "json_url": reverse("indicators:definition-json", kwargs={"indicator": indicator}),
    }
    return render(request, "indicators/definition.html", context)


def definition_json(request, indicator: str):
    return JsonResponse(_definition(indicator), json_dumps_params={"ensure_ascii": False})


def csv_download(request, layer: str):
    if layer not in PAGE_LAYERS:
        raise Http404(_("Unknown layer"))
    try:
        text = store.export(layer, "csv")
    except DataNotLoadedError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicators-{layer}.csv"'
    return response


REGION_PROFILE = {"layer": "region", "code": REGION_CODE}
