"""The accessibility inputs from the loaded data, built once per data version and kept in memory.

Thin Django layer: territories (`bassins.territory.store`), population (`bassins.population.store`),
the directory's service locations (`bassins.directory.frames`, with their coordinates and the
hospitals' beds and emergency flags), prepared by the offer's input contract
(`bassins.offer.inputs.prepare_locations`); the age bands, the Schaerbeek blocks and the BIMD
deprivation scores are read from the data directory when present (a note says when they are not).

The cost matrix (demand points x every placed site, cut at `COST_CUT_MINUTES`) is computed once per
data version and cached in the process; a category takes its columns. Costs are straight-line
walking (see `bassins.access.costs`), or the walking network of the `.osm.pbf` named by the
environment variable `BASSINS_WALKING_NETWORK`.
"""

from __future__ import annotations

import os
import threading

import numpy as np
import pandas as pd

from bassins.access import analysis, costs, demand, equity, supply
from bassins.access.scenario import Scenario
from bassins.codes import LAMBERT72, WGS84
from bassins.config import data_file
from bassins.errors import InputError
from bassins.web.dataversion import data_version

COST_CUT_MINUTES = 30.0
#: What a page or the CLI may ask for: key -> (primary categories, secondary category, capacity).
EMERGENCY = "emergency"
STATUSES = ("active", "temporarily_closed", "inactive", "defunct", "")
_lock = threading.Lock()
#: Held by the one thread building a data version's state.
_build_lock = threading.Lock()
_state: dict = {}


def categories() -> dict[str, dict]:
    """The categories the accessibility pages offer: key -> {categories, secondary, capacity, labels}."""
    out = {
        "pharmacy": {
            "categories": ("pharmacy",),
            "secondary": None,
            "capacity": None,
            "labels": {"en": "Pharmacy", "fr": "Pharmacie", "nl": "Apotheek"},
        },
        EMERGENCY: {
            "categories": (),
            "secondary": "hospital_emergency",
            "capacity": "hospital_beds",
            "labels": {
                "en": "Hospital emergency department",
                "fr": "Service d'urgences hospitalier",
                "nl": "Spoedgevallendienst van een ziekenhuis",
            },
        },
    }
    for item in equity.read_basket():
        if item.item not in out:
            out[item.item] = {
                "categories": item.categories,
                "secondary": None,
                "capacity": None,
                "labels": item.labels,
            }
    return out


def _locations() -> pd.DataFrame:
    from bassins.directory.frames import service_location_frame
    from bassins.directory.models import Location
    from bassins.offer.inputs import prepare_locations
    from bassins.territory import store as territory_store

    frame = service_location_frame()
    coords = {
        str(pk): (lat, lon)
        for pk, lat, lon in Location.objects.values_list("id", "latitude", "longitude")
    }
    lat = np.array([coords.get(i, (None, None))[0] or np.nan for i in frame["location_id"]], float)
    lon = np.array([coords.get(i, (None, None))[1] or np.nan for i in frame["location_id"]], float)
    from pyproj import Transformer

    x, y = Transformer.from_crs(WGS84, LAMBERT72, always_xy=True).transform(lon, lat)
    prepared = prepare_locations(frame, territory_store.membership(), statuses=STATUSES)
    prepared["x"] = pd.Series(x, index=frame.index).reindex(prepared.index).to_numpy()
    prepared["y"] = pd.Series(y, index=frame.index).reindex(prepared.index).to_numpy()
    return prepared


def _attributes(link_type: str) -> dict[str, list[str]]:
    from bassins.directory.models import Attribute

    out: dict[str, list[str]] = {}
    for link_id, value in Attribute.objects.filter(
        link_entity="service", link_type=link_type
    ).values_list("link_id", "value"):
        out.setdefault(str(link_id), []).append(value)
    return out


def _demand(fine: bool) -> tuple[demand.DemandPoints, pd.DataFrame, dict]:
    from bassins.population import store as population_store
    from bassins.population.aggregate import population_for_layer
    from bassins.territory import store as territory_store

    sectors = territory_store.sector_frame()
    membership = territory_store.membership()
    communes, sector_rows, notes = population_store.choose_inputs()
    layer = population_for_layer(
        "sector",
        membership,
        communes=communes,
        sectors=sector_rows,
        weights=population_store.sector_areas() if sector_rows is None else None,
        allow_mixed_dates=True,
    )
    values = layer.values
    info = {
        "population_date": layer.reference_date.isoformat(),
        "population_sources": layer.sources,
        "population_basis": layer.basis,
    }
    ages_path = data_file("population/sector_population_by_age_bxl_c2022_675.csv", required=False)
    blocks_path = data_file("population/schaerbeek_population_urban_blocks.geojson", required=False)
    points = demand.build_demand(
        sectors,
        values["population"].astype(float),
        basis=values["basis"],
        age_groups=demand.read_age_groups(ages_path) if ages_path else None,
        blocks=demand.read_blocks(blocks_path) if blocks_path else None,
        fine=fine,
    )
    if not ages_path:
        points.notes.append("no population by age band: the age groups are not available")
    if not blocks_path:
        points.notes.append(
            "no finer population (urban blocks): sectors at their representative point"
        )
    return points, sectors, info


def _network():
    path = os.environ.get("BASSINS_WALKING_NETWORK")
    return costs.WalkingNetwork.from_pbf(path) if path else None


def state() -> dict:
    """Everything built once per data version: demand (fine), sites, the cost matrix, tables.

    One thread builds; requests arriving meanwhile wait for it instead of building it again (the
    build takes seconds and the machine's cores)."""
    version = data_version()
    with _lock:
        if version in _state:
            return _state[version]
    with _build_lock:
        with _lock:
            if version in _state:
                return _state[version]
        return _build(version)


def warm(minutes: float = 10.0) -> dict:
    """Build the data version's state and the pages' default result before the first request.

    `bassins serve` runs it in a background thread at start: the first visitor of a bassin home
    (whose tableau de bord shows accessibility) or an accessibility page does not pay the build."""
    built = state()
    result("pharmacy", minutes, "total")
    basket_table(minutes)
    return built


def _build(version: str) -> dict:
    """Build the state of data version `version` and keep it (the previous one is dropped)."""
    points, sectors, info = _demand(fine=True)
    locations = _locations()
    secondary = {k: set(v) for k, v in _attributes("category").items()}
    beds = {k: float(v[0]) for k, v in _attributes("hospital_beds").items() if v and v[0].isdigit()}
    # population-weighted centres of sub-municipalities and communes (for sites known by area)
    frame = pd.DataFrame(
        {"sector": points.sector, "x": points.x, "y": points.y, "w": points.demand()}
    )
    frame = frame.join(sectors[["submunicipality", "commune"]], on="sector")
    centres = {}
    for layer in ("submunicipality", "commune"):
        g = frame[frame["w"] > 0].groupby(layer)
        for code, rows in g:
            centres[code] = (
                float((rows["x"] * rows["w"]).sum() / rows["w"].sum()),
                float((rows["y"] * rows["w"]).sum() / rows["w"].sum()),
            )
    wanted = categories()
    all_codes = sorted({c for spec in wanted.values() for c in spec["categories"]})
    sites = supply.build_sites(
        locations,
        [*all_codes, "hospital_emergency"],
        extra_categories=secondary,
        capacity=beds,
        area_centres=centres,
    )
    network = _network()
    if network is not None:
        matrix = network.costs(points.xy, sites.xy, COST_CUT_MINUTES)
    else:
        matrix = costs.straight_line(points.xy, sites.xy, COST_CUT_MINUTES)
    deprivation_path = data_file("indicators/bimd2011_sector_deprivation_bxl.csv", required=False)
    built = {
        "version": version,
        "points": points,
        "sectors": sectors,
        "info": info,
        "locations": locations,
        "secondary": secondary,
        "beds": beds,
        "sites": sites,
        "costs": matrix,
        "network": network,
        "centres": centres,
        "deprivation": equity.read_deprivation(deprivation_path) if deprivation_path else None,
        "setups": {},
        "scenarios": {},
    }
    with _lock:
        _state.clear()
        _state[version] = built
    return built


def setup(key: str, max_minutes: float = 10.0, group: str = "total") -> analysis.Setup:
    """The analysis setup of category `key` within `max_minutes` for demand `group` (cached)."""
    if not 0 < max_minutes <= COST_CUT_MINUTES:
        raise InputError(f"the minutes must be between 1 and {COST_CUT_MINUTES:g}")
    built = state()
    cache_key = (key, float(max_minutes), group)
    if cache_key in built["setups"]:
        return built["setups"][cache_key]
    spec = categories().get(key)
    if spec is None:
        raise InputError(f"unknown category {key!r} (one of {', '.join(categories())})")
    sites = supply.build_sites(
        built["locations"],
        list(spec["categories"]) + ([spec["secondary"]] if spec["secondary"] else []),
        extra_categories=built["secondary"] if spec["secondary"] else None,
        capacity=built["beds"] if spec["capacity"] else None,
        area_centres=built["centres"],
    )
    if spec["secondary"] and not spec["categories"]:
        # only the services carrying the secondary category (not every hospital site)
        keep = np.array(
            [spec["secondary"] in built["secondary"].get(s, set()) for s in sites.service_ids], bool
        )
        sites = sites.subset(keep)
    column = {site: j for j, site in enumerate(built["sites"].ids)}
    mask = np.array([column[i] for i in sites.ids], dtype=np.int64)
    built["points"].demand(group)  # refuses an unknown group
    result = analysis.Setup(
        built["points"],
        sites,
        built["costs"].columns(mask),
        float(max_minutes),
        group=group,
        membership=built["sectors"][["bassin", "monitoring", "commune"]],
        deprivation=built["deprivation"],
        category=key,
    )
    built["setups"][cache_key] = result
    return result


def result(key: str, max_minutes: float = 10.0, group: str = "total") -> analysis.Result:
    """The evaluated result of `setup` (cached per data version)."""
    built = state()
    cache_key = ("result", key, float(max_minutes), group)
    if cache_key not in built["setups"]:
        built["setups"][cache_key] = analysis.evaluate(setup(key, max_minutes, group))
    return built["setups"][cache_key]


def scenario(key: str, max_minutes: float = 10.0, group: str = "total") -> Scenario:
    """The scenario engine of a setup, RAAM left out (cached)."""
    from dataclasses import replace

    built = state()
    cache_key = (key, float(max_minutes), group)
    if cache_key not in built["scenarios"]:
        base = replace(setup(key, max_minutes, group), with_raam=False)
        built["scenarios"][cache_key] = Scenario(base, network=built["network"])
    return built["scenarios"][cache_key]


def basket_table(max_minutes: float = 10.0, layer: str = "bassin") -> pd.DataFrame:
    """Per area of `layer` (bassin or monitoring): the people beyond `max_minutes` of each basket
    item and of the whole basket (fine demand: the Schaerbeek blocks)."""
    built = state()
    items = equity.read_basket()
    minutes = {
        item.item: result(item.item, max_minutes).points["nearest_minutes"].to_numpy()
        for item in items
    }
    areas = built["sectors"][layer].reindex(built["points"].sector).to_numpy(object)
    return equity.basket_shares(minutes, built["points"].demand(), areas, max_minutes)
