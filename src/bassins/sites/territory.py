"""A bassin's territory as its site shows it: names, composition, key figures and the map layers.

Django module (reads the stores). Everything here only changes with the data, so it is cached per
data version (`bassins.web.cache.by_data_version`): the map's GeoJSON and the key figures are built
once per data version, bassin and language.
"""

from __future__ import annotations

import json

from bassins.errors import DataNotLoadedError
from bassins.offer.texts import fmt_date, fmt_dec, fmt_int
from bassins.portal.areas import bassin_rows
from bassins.web.cache import by_data_version


def bassin_row(code: str, lang: str) -> dict:
    """The bassin as the portal names it (names, area, sectors, helpdesk phone, communes)."""
    for row in bassin_rows(lang):
        if row["code"] == code:
            return row
    raise DataNotLoadedError(f"bassin {code!r} is not in the loaded territories")


def quartiers(code: str, lang: str) -> list[dict]:
    """The Monitoring quartiers with sectors in the bassin (code, name, whole: all their sectors in
    it), in name order."""

    def build():
        from bassins.territory import store

        membership = store.membership()
        frame = store.layer_frame("monitoring", geometry=False)
        column = "name_nl" if lang == "nl" else "name_fr"
        inside = membership[membership["bassin"] == code]
        per_quartier = membership.groupby("monitoring").size()
        rows = []
        for quartier, group in inside.groupby("monitoring"):
            name = frame.at[quartier, column] if quartier in frame.index else quartier
            rows.append(
                {
                    "code": str(quartier),
                    "name": str(name),
                    "whole": bool(len(group) == per_quartier[quartier]),
                }
            )
        return sorted(rows, key=lambda row: row["name"])

    return by_data_version("site-quartiers", code, lang, build=build)


def key_figures(code: str, lang: str) -> dict:
    """Population (with its date and basis), area, density and number of services of the bassin,
    as raw values and as text in `lang`."""
    return by_data_version("site-figures", code, lang, build=lambda: _key_figures(code, lang))


def _key_figures(code: str, lang: str) -> dict:
    from bassins.offer import data
    from bassins.offer.counts import TOTAL
    from bassins.population import store as population_store

    row = bassin_row(code, lang)
    out = {
        "area_km2": row["area_km2"],
        "area": fmt_dec(row["area_km2"], lang, 1),
        "n_sectors": row["n_sectors"],
        "population": None,
        "services": None,
    }
    try:
        population = population_store.layer_population("bassin")
    except DataNotLoadedError:
        population = None
    if population is not None and code in population.values.index:
        value = float(population.values.at[code, "population"])
        basis = str(population.values.at[code, "basis"])
        out.update(
            population=round(value),
            population_text=fmt_int(value, lang),
            population_date=fmt_date(population.reference_date, lang),
            population_date_iso=population.reference_date.isoformat(),
            population_estimated=basis != "official",
            density=round(value / row["area_km2"]) if row["area_km2"] else None,
            density_text=fmt_int(value / row["area_km2"], lang) if row["area_km2"] else "",
        )
    try:
        analysis = data.current_analysis()
        counts = analysis.counts("head_office", "bassin")
        if code in counts.table.index:
            out["services"] = int(counts.table.at[code, TOTAL])
            out["services_text"] = fmt_int(out["services"], lang)
    except DataNotLoadedError:
        pass
    return out


def map_data(code: str) -> dict:
    """The bassin's map: {"geojson": its outline, its communes, its Monitoring quartiers and its
    service points (those placed by a point in the bassin), one FeatureCollection whose features say
    their `kind`; "points": the number of service locations on it}."""
    return by_data_version("site-map", code, build=lambda: _map_data(code))


def _map_data(code: str) -> dict:
    from bassins.directory.models import ServiceAtLocation
    from bassins.territory import store
    from bassins.territory.models import Area

    generation = store.active_generation()
    membership = store.membership()
    inside = membership[membership["bassin"] == code]
    wanted = {
        "bassin": [code],
        "commune": sorted(inside["commune"].dropna().unique()),
        "monitoring": sorted(inside["monitoring"].dropna().unique()),
    }
    features = []
    for layer, area_codes in wanted.items():
        areas = Area.objects.filter(
            layer__generation=generation, layer__name=layer, code__in=area_codes
        ).order_by("code")
        for area in areas.values_list("code", "name_fr", "name_nl", "geojson"):
            properties = {"kind": layer, "code": area[0], "name_fr": area[1], "name_nl": area[2]}
            features.append(_feature(properties, area[3] or "null"))
    seen = set()
    rows = (
        ServiceAtLocation.objects.filter(
            location__bassin=code,
            location__precision="point",
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .order_by("service__name_fr", "location_id")
        .values_list(
            "location_id",
            "service__name_fr",
            "service__name_nl",
            "location__latitude",
            "location__longitude",
        )
    )
    for location_id, name_fr, name_nl, lat, lon in rows:
        if location_id in seen:
            continue
        seen.add(location_id)
        geometry = json.dumps({"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]})
        properties = {"kind": "service", "name_fr": name_fr, "name_nl": name_nl or name_fr}
        features.append(_feature(properties, geometry))
    body = '{{"type":"FeatureCollection","features":[{}]}}'.format(",".join(features))
    return {"geojson": body, "points": len(seen)}


def _feature(properties: dict, geometry: str) -> str:
    return f'{{"type":"Feature","properties":{json.dumps(properties, ensure_ascii=False)},"geometry":{geometry}}}'
