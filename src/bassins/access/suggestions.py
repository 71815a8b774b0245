"""Where would one more service help most: `optimize.suggest` on the loaded data, as the rows of the
bassin page, of its `suggestions.csv/.json/.geojson` twins and of `bassins access suggest`.

- Demand: the demand points (sector centres; Schaerbeek's urban blocks) with their current minutes
  to the nearest site of the category (the page's result, every existing site kept open).
- Candidates: the demand points themselves (default), or points given in WGS84 lon/lat (converted
  to EPSG:31370 like the scenario's, located in their sector; a point outside the region is refused).
- For a bassin, only the candidates inside it are kept, and the demand is the bassin's people
  (`demand_scope="bassin"`, the default) or the whole region's (`"region"`); the output says which.

Built once per data version and set of arguments (`bassins.web.cache.by_data_version`).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np

from bassins.access import data, optimize
from bassins.codes import BASSIN_CODES
from bassins.errors import InputError

METHODS = ("coverage", "median")
DEMAND_SCOPES = ("bassin", "region")
MAX_K = 10
MAX_CANDIDATES = 5000
#: p-median candidates kept after the screening by their own gain (see `optimize`).
SCREEN = 40
SECTOR_CENTRES = "sector centres"
GIVEN = "given points"
COLUMNS = [
    "rank",
    "method",
    "lon",
    "lat",
    "sector",
    "sector_name_fr",
    "sector_name_nl",
    "monitoring",
    "monitoring_name_fr",
    "monitoring_name_nl",
    "bassin",
    "people_newly_within",
    "people_minutes_saved",
    "candidate",
]


def _num(value, digits=1):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), digits)


def check(
    key: str, minutes: float, group: str, k: int, bassin: str | None, demand_scope: str | None
) -> None:
    """Refuse a bad argument, naming it (the CLI's option names)."""
    from bassins.access.report import _shown

    if bassin is not None and bassin not in BASSIN_CODES:
        raise InputError(
            f"unknown bassin {_shown(bassin)} (one of {', '.join(BASSIN_CODES)})", field="--bassin"
        )
    if key not in data.categories():
        raise InputError(
            f"unknown category {_shown(key)} (one of {', '.join(data.categories())})",
            field="--category",
        )
    if group not in ("total", "65+", "0-5"):
        raise InputError(f"unknown demand group {_shown(group)} (total, 65+, 0-5)", field="--group")
    if not (math.isfinite(minutes) and 1 <= minutes <= data.COST_CUT_MINUTES):
        raise InputError(
            f"minutes must be between 1 and {data.COST_CUT_MINUTES:g}", field="--max-minutes"
        )
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InputError(f"k must be a whole number from 1 to {MAX_K}", field="--k")
    if demand_scope not in (None, *DEMAND_SCOPES):
        raise InputError("the demand scope is bassin or region", field="--demand")
    if demand_scope == "bassin" and not bassin:
        raise InputError("a bassin's demand needs --bassin", field="--demand")


def read_candidates(path: str | Path) -> list[tuple[float, float]]:
    """Candidate points from a CSV file with `lon` and `lat` columns (WGS84 degrees)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError("cannot read the candidates file", source=str(path)) from error
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "lon" not in fields or "lat" not in fields:
        raise InputError("the candidates file needs the columns lon and lat", source=str(path))
    out = []
    for row_number, row in enumerate(reader, start=2):
        row = {str(k).strip().lower(): v for k, v in row.items()}
        point = []
        for name in ("lon", "lat"):
            try:
                value = float(str(row.get(name) or "").strip())
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise InputError(
                    "not a number (WGS84 degrees)", source=str(path), row=row_number, field=name
                )
            point.append(value)
        out.append((point[0], point[1]))
    if not out:
        raise InputError("the candidates file has no point", source=str(path))
    if len(out) > MAX_CANDIDATES:
        raise InputError(f"at most {MAX_CANDIDATES} candidates", source=str(path))
    return out


def parse_candidates(text: str) -> list[tuple[float, float]]:
    """Candidates given in a URL: "lon,lat;lon,lat;..." (WGS84 degrees), as `read_candidates`."""
    out = []
    for number, pair in enumerate((p for p in text.split(";") if p.strip()), start=1):
        parts = pair.split(",")
        try:
            lon, lat = (float(v) for v in parts)
        except ValueError as error:
            raise InputError(
                f"candidate {number}: {pair[:40]!r} is not 'lon,lat' in WGS84 degrees",
                field="candidates",
            ) from error
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise InputError(f"candidate {number}: not a number", field="candidates")
        out.append((lon, lat))
    if not out:
        raise InputError("no candidate point", field="candidates")
    if len(out) > MAX_CANDIDATES:
        raise InputError(f"at most {MAX_CANDIDATES} candidates", field="candidates")
    return out


def build(
    key: str = "pharmacy",
    minutes: float = 10.0,
    group: str = "total",
    k: int = 3,
    bassin: str | None = None,
    candidates: list[tuple[float, float]] | None = None,
    demand_scope: str | None = None,
) -> dict:
    """{"provenance", "totals", "suggestions"}: the rows of both methods (see the module)."""
    from bassins.web.cache import by_data_version

    check(key, minutes, group, k, bassin, demand_scope)
    scope = demand_scope or ("bassin" if bassin else "region")
    given = None if candidates is None else tuple((float(a), float(b)) for a, b in candidates)
    return by_data_version(
        "access-suggestions",
        key,
        float(minutes),
        group,
        k,
        bassin,
        scope,
        given,
        build=lambda: compute(key, float(minutes), group, k, bassin, given, scope),
    )


def _given(candidates, bassin) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The given lon/lat points inside `bassin` (all without one): their EPSG:31370 coordinates,
    sectors and 1-based positions in the list given."""
    from bassins.access.report import TO_L72
    from bassins.territory import store as territory_store

    lonlat = np.asarray(candidates, float).reshape(-1, 2)
    if not len(lonlat):
        raise InputError("no candidate point", field="--candidates")
    located = territory_store.locate_points(lonlat[:, 0], lonlat[:, 1])
    for i, (inside, sector) in enumerate(zip(located["inside"], located["sector"], strict=True)):
        if not inside or sector is None:
            raise InputError(
                f"candidate {i + 1} ({lonlat[i, 0]:g}, {lonlat[i, 1]:g}) is outside the Brussels "
                "region (give lon, lat in WGS84 degrees)",
                field="--candidates",
            )
    x, y = TO_L72.transform(lonlat[:, 0], lonlat[:, 1])
    sectors = located["sector"].to_numpy(object)
    keep = np.ones(len(lonlat), bool)
    if bassin:
        keep = located["bassin"].to_numpy(object) == bassin
        if not keep.any():
            raise InputError(f"no candidate lies in bassin {bassin}", field="--candidates")
    xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    return xy[keep], sectors[keep], np.flatnonzero(keep) + 1


def compute(
    key: str,
    minutes: float,
    group: str,
    k: int,
    bassin: str | None,
    candidates: tuple | None,
    scope: str,
) -> dict:
    """The suggestions, uncached (see `build`)."""
    from bassins.territory import store as territory_store

    built = data.state()
    setup = data.setup(key, minutes, group)
    result = data.result(key, minutes, group)
    points, sectors = built["points"], built["sectors"]
    point_bassin = sectors["bassin"].reindex(points.sector).to_numpy(object)
    demand = points.demand(group)
    nearest = result.points["nearest_minutes"].to_numpy(float)
    in_demand = point_bassin == bassin if scope == "bassin" else np.ones(len(points), bool)
    if candidates is None:
        keep = point_bassin == bassin if bassin else np.ones(len(points), bool)
        keep &= np.isfinite(points.x) & np.isfinite(points.y)
        cand_xy, cand_sector = points.xy[keep], points.sector[keep]
        cand_ids = points.ids[keep]
    else:
        cand_xy, cand_sector, cand_ids = _given(candidates, bassin)
    if k > len(cand_xy):
        raise InputError(f"k ({k}) is more than the {len(cand_xy)} candidates", field="--k")
    picks = optimize.suggest(
        points.xy[in_demand],
        demand[in_demand],
        nearest[in_demand],
        setup.sites.xy,
        cand_xy,
        minutes,
        setup.costs.source,
        k=k,
        screen=SCREEN,
    )
    from bassins.access.report import TO_WGS

    monitoring_names = territory_store.layer_frame("monitoring", geometry=False)
    rows = []
    for method, order in (("coverage", "people_newly_within"), ("median", "people_minutes_saved")):
        chosen = sorted(
            picks[method],
            key=lambda p: (
                (-p["people_newly_within"], -p["people_minutes_saved_alone"])
                if order == "people_newly_within"
                else (-p["people_minutes_saved_alone"], -p["people_newly_within"])
            ),
        )
        for rank, pick in enumerate(chosen, start=1):
            c = pick["candidate"]
            lon, lat = TO_WGS.transform(pick["x"], pick["y"])
            sector = str(cand_sector[c])
            quartier = sectors.at[sector, "monitoring"] if sector in sectors.index else None
            rows.append(
                {
                    "rank": rank,
                    "method": method,
                    "lon": round(float(lon), 6),
                    "lat": round(float(lat), 6),
                    "x": round(pick["x"], 1),
                    "y": round(pick["y"], 1),
                    "sector": sector,
                    "sector_name_fr": str(sectors.at[sector, "name_fr"]),
                    "sector_name_nl": str(sectors.at[sector, "name_nl"]),
                    "monitoring": quartier,
                    "monitoring_name_fr": _name(monitoring_names, quartier, "name_fr"),
                    "monitoring_name_nl": _name(monitoring_names, quartier, "name_nl"),
                    "bassin": sectors.at[sector, "bassin"],
                    "people_newly_within": _num(pick["people_newly_within"]),
                    "people_minutes_saved": _num(pick["people_minutes_saved_alone"]),
                    "candidate": cand_ids[c].item()
                    if hasattr(cand_ids[c], "item")
                    else cand_ids[c],
                }
            )
    d = demand[in_demand]
    beyond = ~(nearest[in_demand] <= minutes)
    source = {
        str(a): (round(float(b), 6) if isinstance(b, float) else b)
        for a, b in setup.costs.source.items()
    }
    return {
        "provenance": {
            "category": key,
            "cost_source": source,
            "max_minutes": minutes,
            "demand_group": group,
            "k": k,
            "bassin": bassin,
            "demand_scope": scope,
            "candidates": SECTOR_CENTRES if candidates is None else GIVEN,
            "candidates_count": int(len(cand_xy)),
            "candidates_outside_bassin": 0
            if candidates is None
            else len(candidates) - len(cand_xy),
            "existing_sites": int(len(setup.sites)),
            "median_screen": SCREEN,
            "beyond_factor": optimize.BEYOND_FACTOR,
        },
        "totals": {
            "population": _num(d.sum(), 0),
            "people_beyond": _num(d[beyond].sum(), 0),
            "coverage_people_newly_within": _num(picks["coverage_people_newly_within"]),
            "median_people_minutes_saved": _num(picks["median_people_minutes_saved"]),
        },
        "suggestions": rows,
    }


def _name(frame, code, column):
    if code is None or code not in frame.index:
        return None
    return str(frame.at[code, column])


def localised(out: dict, lang: str) -> list[dict]:
    """The rows with `sector_name` and `monitoring_name` in `lang` (NL, else FR)."""
    suffix = "nl" if lang == "nl" else "fr"
    return [
        {
            **row,
            "sector_name": row[f"sector_name_{suffix}"],
            "monitoring_name": row[f"monitoring_name_{suffix}"],
        }
        for row in out["suggestions"]
    ]


def to_json(out: dict) -> str:
    """The whole answer as one JSON document."""
    return json.dumps(out, ensure_ascii=False) + "\n"


def to_geojson(out: dict) -> dict:
    """The suggestions as GeoJSON points (WGS84), the provenance and totals beside."""
    return {
        "type": "FeatureCollection",
        "provenance": out["provenance"],
        "totals": out["totals"],
        "features": [
            {
                "type": "Feature",
                "properties": {c: row[c] for c in COLUMNS if c not in ("lon", "lat")},
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            }
            for row in out["suggestions"]
        ],
    }


def to_csv(out: dict) -> str:
    """One row per suggestion, after one comment line of provenance."""
    p = out["provenance"]
    source = p["cost_source"]
    text = io.StringIO()
    text.write(
        f"# cost source: {source.get('kind')}, "
        + ", ".join(f"{a}={b}" for a, b in source.items() if a != "kind")
        + f"; category {p['category']}; within {p['max_minutes']:g} minutes; demand "
        f"{p['demand_group']} ({p['demand_scope']}); k {p['k']}; candidates {p['candidates']}"
        + (f"; bassin {p['bassin']}" if p["bassin"] else "")
        + "\n"
    )
    writer = csv.DictWriter(text, COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(out["suggestions"])
    return text.getvalue()
