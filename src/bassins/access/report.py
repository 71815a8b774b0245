"""The accessibility report of a bassin: one dict feeding the page, its `.json` twin, the CSV and
GeoJSON downloads, the dashboard part and the CLI. Reads `bassins.access.data` (Django)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
from pyproj import Transformer

from bassins.access import data, equity
from bassins.codes import BASSIN_CODES, LAMBERT72, WGS84
from bassins.errors import InputError

TO_WGS = Transformer.from_crs(LAMBERT72, WGS84, always_xy=True)
TO_L72 = Transformer.from_crs(WGS84, LAMBERT72, always_xy=True)
#: A sector is "under-served" when at least this share of its people is beyond the minutes.
UNDER_SERVED_SHARE = 0.5


def _num(value, digits=4):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), digits)


def _names(layer: str) -> pd.DataFrame:
    from bassins.territory import store as territory_store

    return territory_store.layer_frame(layer, geometry=False)[["name_fr", "name_nl"]]


def _shown(value) -> str:
    """A value quoted in an error message only when it is a plain short word (never reflect markup)."""
    text = str(value)
    return repr(text) if re.fullmatch(r"[\w.+-]{1,40}", text) else "(not shown)"


def check(bassin: str, key: str, minutes: float, group: str) -> None:
    """Refuse an unknown bassin, category, demand group or minutes (one clear message)."""
    if bassin not in BASSIN_CODES:
        raise InputError(f"unknown bassin {_shown(bassin)} (one of {', '.join(BASSIN_CODES)})")
    if key not in data.categories():
        raise InputError(f"unknown category {_shown(key)} (one of {', '.join(data.categories())})")
    if group not in ("total", "65+", "0-5"):
        raise InputError(f"unknown demand group {_shown(group)} (total, 65+, 0-5)")
    if not math.isfinite(minutes):
        raise InputError("minutes must be a finite number")
    if not 1 <= minutes <= data.COST_CUT_MINUTES:
        raise InputError(
            f"minutes must be between 1 and {data.COST_CUT_MINUTES:g}, not {minutes:g}"
        )


def sector_values(result, max_minutes: float) -> pd.DataFrame:
    """Per sector (from the demand points, blocks included): population, people beyond, share,
    population-weighted minutes to the nearest (beyond the cut counted at the cut), E2SFCA."""
    p = result.points
    cut = data.COST_CUT_MINUTES
    frame = pd.DataFrame(
        {
            "sector": p["sector"],
            "population": p["demand"],
            "beyond": p["demand"] * ~(p["nearest_minutes"] <= max_minutes),
            "minutes_x": p["demand"] * np.minimum(p["nearest_minutes"], cut),
            "e2sfca_x": p["demand"] * p["e2sfca"],
        }
    )
    g = frame.groupby("sector").sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        g["share_beyond"] = g["beyond"] / g["population"]
        g["minutes"] = g.pop("minutes_x") / g["population"]
        g["e2sfca"] = g.pop("e2sfca_x") / g["population"]
    return g


def figures(result, mask: np.ndarray) -> dict:
    """The headline figures of the demand points under `mask`."""
    p = result.points[mask]
    d = p["demand"].to_numpy(float)
    beyond = ~(p["nearest_minutes"].to_numpy(float) <= result.provenance["max_minutes"])
    built = data.state()
    dep = built["deprivation"]
    dep_values = (
        dep.reindex(p["sector"]).to_numpy(float) if dep is not None else np.full(len(d), np.nan)
    )
    ci = equity.concentration_index(p["e2sfca"].to_numpy(float), dep_values, d)
    return {
        "population": _num(d.sum(), 0),
        "people_beyond": _num(d[beyond].sum(), 0),
        "share_beyond": _num(d[beyond].sum() / d.sum()) if d.sum() else None,
        "gini_e2sfca": _num(equity.gini(p["e2sfca"].to_numpy(float), d)),
        "concentration_e2sfca": _num(ci["index"]),
        "deprivation_people": _num(ci["people"], 0),
        "mean_raam": _num(np.nansum(p["raam"] * d) / d[np.isfinite(p["raam"])].sum())
        if np.isfinite(p["raam"]).any()
        else None,
    }


def bassin_mask(result, bassin: str) -> np.ndarray:
    """The demand points of `bassin`."""
    sectors = data.state()["sectors"]
    return sectors["bassin"].reindex(result.points["sector"]).to_numpy(object) == bassin


def build(
    bassin: str,
    key: str = "pharmacy",
    minutes: float = 10.0,
    group: str = "total",
    lang: str = "fr",
    against: str | None = None,
) -> dict:
    """The report of `bassin` for category `key` within `minutes` (see the module); with `against`
    (an indicator id), the concentration index of the E2SFCA against that indicator too."""
    check(bassin, key, minutes, group)
    built = data.state()
    result = data.result(key, minutes, group)
    setup = data.setup(key, minutes, group)
    names = {layer: _names(layer) for layer in ("bassin", "monitoring")}
    name_col = "name_nl" if lang == "nl" else "name_fr"
    mask = bassin_mask(result, bassin)
    sectors = built["sectors"]
    values = sector_values(result, minutes)
    in_bassin = sectors.index[sectors["bassin"] == bassin]
    monitoring = result.areas["monitoring"]
    quartiers = sorted(set(sectors.loc[in_bassin, "monitoring"].dropna()))
    monitoring_rows = [
        {
            "code": code,
            "name": names["monitoring"][name_col].get(code, code),
            "population": _num(monitoring.at[code, "population"], 0),
            "people_beyond": _num(monitoring.at[code, "people_beyond"], 0),
            "share_beyond": _num(monitoring.at[code, "share_beyond"]),
            "e2sfca": _num(monitoring.at[code, "e2sfca"], 8),
        }
        for code in quartiers
        if code in monitoring.index
    ]
    monitoring_rows.sort(key=lambda r: -(r["share_beyond"] or 0))
    sites = setup.sites
    lon, lat = TO_WGS.transform(sites.x, sites.y)
    minx, miny, maxx, maxy = sectors.loc[in_bassin].geometry.total_bounds
    margin = 1000.0  # metres: the sites just across the bassin's edge serve it too
    near = (
        (sites.x >= minx - margin)
        & (sites.x <= maxx + margin)
        & (sites.y >= miny - margin)
        & (sites.y <= maxy + margin)
    )
    site_rows = [
        {
            "index": int(j),
            "name": str(sites.names[j]),
            "lat": round(float(lat[j]), 6),
            "lon": round(float(lon[j]), 6),
            "placement": str(sites.placement[j]),
            "capacity": _num(sites.capacity[j], 0),
            "capacity_basis": str(sites.capacity_basis[j]),
            "near_bassin": bool(near[j]),
        }
        for j in range(len(sites))
    ]
    spec = data.categories()[key]
    out = {
        "bassin": bassin,
        "bassin_name": names["bassin"][name_col].get(bassin, bassin),
        "category": key,
        "category_label": spec["labels"].get(lang, spec["labels"]["en"]),
        "minutes": minutes,
        "group": group,
        "figures": figures(result, mask),
        "region": figures(result, np.ones(len(result.points), bool)),
        "sites_total": len(sites),
        "monitoring": monitoring_rows,
        "sectors": [
            {
                "code": code,
                "name": str(sectors.at[code, name_col]),
                "population": _num(values.at[code, "population"], 0),
                "people_beyond": _num(values.at[code, "beyond"], 0),
                "share_beyond": _num(values.at[code, "share_beyond"]),
                "minutes": _num(values.at[code, "minutes"], 1),
                "e2sfca": _num(values.at[code, "e2sfca"], 8),
                "under_served": bool(
                    (values.at[code, "share_beyond"] or 0) >= UNDER_SERVED_SHARE
                    and values.at[code, "population"] > 0
                ),
            }
            for code in in_bassin
            if code in values.index
        ],
        "sites": site_rows,
        "provenance": {
            **_jsonable(result.provenance),
            **built["info"],
            "under_served_share": UNDER_SERVED_SHARE,
        },
        "basket": basket_rows(minutes, lang),
    }
    if against:
        from bassins.access import against as against_module

        e2sfca, weights = result.points["e2sfca"], result.points["demand"]
        out["against"] = {
            area: against_module.figure(
                e2sfca[m], result.points["sector"][m], weights[m], against, lang
            )
            for area, m in (("bassin", mask), ("region", np.ones(len(mask), bool)))
        }
    return out


def basket_rows(minutes: float, lang: str) -> dict:
    """The basket's shares beyond `minutes` by bassin (and the region), with its items."""
    table = data.basket_table(minutes)
    items = equity.read_basket()
    rows = []
    names = _names("bassin")["name_nl" if lang == "nl" else "name_fr"]
    for code in [*BASSIN_CODES, "all"]:
        if code not in table.index:
            continue
        row = table.loc[code]
        rows.append(
            {
                "code": code,
                "name": names.get(code, code),
                "population": _num(row["population"], 0),
                "people_beyond": _num(row["beyond_basket"], 0),
                "share_beyond": _num(row["share_basket"]),
                "items": {i.item: _num(row[f"share_{i.item}"]) for i in items},
                "item_values": [_num(row[f"share_{i.item}"]) for i in items],
            }
        )
    return {
        "items": [{"item": i.item, "label": i.labels.get(lang, i.labels["en"])} for i in items],
        "rows": rows,
    }


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return _num(float(value), 6)
    if isinstance(value, float):
        return _num(value, 6)
    return value


def sectors_geojson(report: dict) -> dict:
    """The bassin's sectors with their values, WGS84 (simplified 2 m), as a FeatureCollection."""
    from bassins.territory.store import geometry_json

    built = data.state()
    codes = [row["code"] for row in report["sectors"]]
    geometries = geometry_json(built["sectors"].loc[codes].geometry)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": row, "geometry": json.loads(geom) if geom else None}
            for row, geom in zip(report["sectors"], geometries, strict=True)
        ],
    }


def sites_geojson(report: dict) -> dict:
    """The category's sites as GeoJSON points."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {k: v for k, v in s.items() if k not in ("lat", "lon")},
                "geometry": {"type": "Point", "coordinates": [s["lon"], s["lat"]]},
            }
            for s in report["sites"]
        ],
    }


def scenario(bassin: str, key: str, minutes: float, group: str, edits: list[dict]) -> dict:
    """Apply `edits` (add: lat/lon; close: site index) and give the bassin's and the region's figures
    before and after (RAAM left out of the interactive scenarios)."""
    import time

    check(bassin, key, minutes, group)
    if not isinstance(edits, list) or len(edits) > 50:
        raise InputError("edits must be a list of at most 50 operations")
    converted = []
    for edit in edits:
        if not isinstance(edit, dict):
            raise InputError("each edit is an object with an op")
        edit = dict(edit)
        if edit.get("op") in ("add", "move"):
            try:
                lat, lon = float(edit.pop("lat")), float(edit.pop("lon"))
            except (KeyError, TypeError, ValueError) as error:
                raise InputError("an added or moved site needs lat and lon numbers") from error
            edit["x"], edit["y"] = TO_L72.transform(lon, lat)
        converted.append(edit)
    engine = data.scenario(key, minutes, group)
    start = time.perf_counter()
    out = engine.apply(converted)
    elapsed = (time.perf_counter() - start) * 1000
    new, base = out["result"], engine.base
    mask = bassin_mask(base, bassin)
    every = np.ones(len(base.points), bool)
    return {
        "bassin": {"before": figures(base, mask), "after": figures(new, mask)},
        "region": {"before": figures(base, every), "after": figures(new, every)},
        "sites": len(new.points) and int(out["result"].provenance["sites"]),
        "elapsed_ms": round(elapsed, 1),
        "note": "RAAM is not recomputed in interactive scenarios",
    }
