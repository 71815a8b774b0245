"""Reading and writing the territories in the database; the API other apps use.

`save_territories` writes a whole generation in one transaction; the read functions serve the active
generation of the main vintage (`MAIN_VINTAGE`, the one with geometries) and cache what they build
(the locate index) per generation.
"""

from __future__ import annotations

import json
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import shapely
from django.db import transaction

from bassins.codes import (
    COMMUNE,
    LAMBERT72,
    MONITORING,
    POINT,
    QSS,
    REGION,
    REGION_CODE,
    REGION_TOLERANCE_M,
    SECTOR,
    WGS84,
)
from bassins.errors import DataNotLoadedError, InputError
from bassins.territory.addresses import FRAME_COLUMNS, AddressIndex
from bassins.territory.layers import LAYERS, PARENT_LAYERS, Territories
from bassins.territory.locate import SectorIndex
from bassins.territory.models import (
    AddressPoint,
    AddressSet,
    Area,
    Generation,
    Layer,
    Postcode,
    SectorLink,
)
from bassins.territory.postcode import AddressLocator

MAIN_VINTAGE = "2022"
KEEP_GENERATIONS = 3
DISPLAY_TOLERANCE_M = 2.0


def geometry_json(geometries: gpd.GeoSeries) -> list[str]:
    wgs = geometries.simplify(DISPLAY_TOLERANCE_M).to_crs("EPSG:4326")
    return [
        json.dumps(shapely.geometry.mapping(g), separators=(",", ":")) if g is not None else ""
        for g in shapely.set_precision(wgs.values, 1e-6)
    ]


def area_rows(
    layer: Layer, frame: pd.DataFrame, parent_columns: list[str], attribute_columns: list[str]
) -> list[Area]:
    has_geometry = "geometry" in frame.columns and frame.geometry.notna().all()
    wkbs = shapely.to_wkb(frame.geometry.values) if has_geometry else [None] * len(frame)
    geojson = geometry_json(frame.geometry) if has_geometry else [""] * len(frame)
    rows = []
    for position, (code, row) in enumerate(frame.iterrows()):
        rows.append(
            Area(
                layer=layer,
                code=str(code),
                name_fr=str(row.get("name_fr") or code),
                name_nl=str(row.get("name_nl") or code),
                name_de=str(row.get("name_de") or ""),
                parents={
                    c: (None if pd.isna(row[c]) else str(row[c]))
                    for c in parent_columns
                    if c in row
                },
                attributes={
                    c: (None if pd.isna(row[c]) else row[c]) for c in attribute_columns if c in row
                },
                area_km2=float(row["area_km2"])
                if "area_km2" in row and pd.notna(row["area_km2"])
                else None,
                n_sectors=int(row["n_sectors"])
                if "n_sectors" in row and pd.notna(row["n_sectors"])
                else None,
                geometry_wkb=wkbs[position],
                geojson=geojson[position],
            )
        )
    return rows


LAYER_PARENTS = {
    "sector": PARENT_LAYERS,
    "submunicipality": ["commune"],
    "monitoring": ["commune"],
    "qss": ["bassin"],
}
LAYER_ATTRIBUTES = {
    "sector": ["bassin_basis"],
    "bassin": ["basis", "helpdesk_phone", "quartiers_social_sante_announced", "fact_source"],
}


def write_layer(
    generation: Generation,
    name: str,
    frame: pd.DataFrame,
    *,
    source: str = "",
    note: str = "",
    label: tuple[str, str] | None = None,
) -> Layer:
    label = label or LAYERS.get(name, (name, name))
    has_geometry = "geometry" in frame.columns and frame.geometry.notna().all()
    layer = Layer.objects.create(
        generation=generation,
        name=name,
        label_fr=label[0],
        label_nl=label[1],
        feature_count=len(frame),
        has_geometry=has_geometry,
        source=source,
        note=note,
    )
    Area.objects.bulk_create(
        area_rows(layer, frame, LAYER_PARENTS.get(name, []), LAYER_ATTRIBUTES.get(name, [])),
        batch_size=500,
    )
    return layer


@transaction.atomic
def save_territories(
    territories: Territories,
    *,
    extra_layers: dict[str, tuple[pd.DataFrame, str, str]] | None = None,
    description: str = "",
) -> Generation:
    """Write a new generation of `territories` and activate it (deactivating the previous one)."""
    generation = Generation.objects.create(
        vintage=territories.vintage, description=description, sources=territories.sources
    )
    for name, frame in territories.layers.items():
        write_layer(generation, name, frame, source=territories.sources.get(name, ""))
    for name, (frame, source, note) in (extra_layers or {}).items():
        write_layer(
            generation,
            name,
            frame,
            source=source,
            note=note,
            label=(
                "Quartier du Monitoring (polygones UrbIS)",
                "Wijk van de Wijkmonitoring (UrbIS-polygonen)",
            ),
        )
    activate(generation)
    return generation


def activate(generation: Generation) -> None:
    Generation.objects.filter(vintage=generation.vintage, active=True).exclude(
        pk=generation.pk
    ).update(active=False)
    generation.active = True
    generation.save(update_fields=["active"])
    stale = Generation.objects.filter(vintage=generation.vintage, active=False).order_by(
        "-created_at", "-id"
    )[KEEP_GENERATIONS - 1 :]
    Generation.objects.filter(pk__in=[g.pk for g in stale]).delete()


@transaction.atomic
def save_table_vintage(
    vintage: str, quartiers: pd.DataFrame, links: pd.DataFrame, old_vintage: str, source: str
) -> Generation:
    """A vintage known only by its sector → quartier table (no geometry), with its links to `old_vintage`."""
    generation = Generation.objects.create(
        vintage=vintage,
        description=f"sector table {vintage} (no geometry)",
        sources={"sector": source},
    )
    sectors = quartiers.rename(
        columns={"sector_name_fr": "name_fr", "sector_name_nl": "name_nl"}
    ).copy()
    sectors[REGION] = REGION_CODE
    note = "No geometry for this vintage: codes, names and memberships only."
    write_layer(generation, "sector", sectors, source=source, note=note)
    monitoring = quartiers.groupby("monitoring").agg(
        name_fr=("monitoring_name_fr", "first"),
        name_nl=("monitoring_name_nl", "first"),
        n_sectors=("sector", "size"),
    )
    write_layer(generation, "monitoring", monitoring, source=source, note=note)
    SectorLink.objects.filter(old_vintage=old_vintage, new_vintage=vintage).delete()
    SectorLink.objects.bulk_create(
        [
            SectorLink(
                old_vintage=old_vintage,
                old_code=r.old_code,
                new_vintage=vintage,
                new_code=r.new_code or "",
                relation=r.relation,
                same_quartier=bool(r.same_quartier),
            )
            for r in links.itertuples()
        ],
        batch_size=1000,
    )
    activate(generation)
    return generation


@transaction.atomic
def save_postcodes(table: pd.DataFrame) -> int:
    Postcode.objects.all().delete()
    Postcode.objects.bulk_create(
        [Postcode(postcode=r.postcode, communes=list(r.communes)) for r in table.itertuples()],
        batch_size=1000,
    )
    return len(table)


@transaction.atomic
def save_qss(qss: pd.DataFrame, source: str) -> Layer:
    """Add (or replace) the quartiers social-santé layer in the active generation of the main vintage."""
    from bassins.territory.layers import attach_qss, dissolve

    generation = active_generation()
    sectors = sector_frame(generation)
    sectors["qss"] = attach_qss(sectors, qss)
    names = qss.groupby("qss").agg(
        name_fr=("qss_name_fr", "first"), name_nl=("qss_name_nl", "first")
    )
    names["bassin"] = sectors.groupby("qss")["bassin"].agg(lambda s: ",".join(sorted(set(s))))
    layer_gdf = dissolve(sectors, "qss", names)
    Layer.objects.filter(generation=generation, name="qss").delete()
    layer = write_layer(generation, "qss", layer_gdf, source=source)
    sector_areas = {
        a.code: a for a in Area.objects.filter(layer__generation=generation, layer__name="sector")
    }
    for code, value in sectors["qss"].items():
        sector_areas[code].parents["qss"] = value
    Area.objects.bulk_update(list(sector_areas.values()), ["parents"], batch_size=500)
    generation.sources = {**generation.sources, "qss": source}
    generation.save(update_fields=["sources"])
    return layer


def active_generation(vintage: str = MAIN_VINTAGE) -> Generation:
    generation = Generation.objects.filter(vintage=vintage, active=True).first()
    if generation is None:
        raise DataNotLoadedError(
            f"the territories of vintage {vintage} are not loaded yet: run `bassins territories load`"
        )
    return generation


def loaded_layers(vintage: str = MAIN_VINTAGE) -> dict[str, Layer]:
    return {layer.name: layer for layer in active_generation(vintage).layers.all()}


def layer_frame(
    layer: str, vintage: str = MAIN_VINTAGE, *, geometry: bool = True
) -> gpd.GeoDataFrame | pd.DataFrame:
    """Areas of `layer` in the active generation: code, name_fr, name_nl, area_km2, n_sectors, parents..., geometry."""
    generation = active_generation(vintage)
    record = Layer.objects.filter(generation=generation, name=layer).first()
    if record is None:
        available = ", ".join(sorted(loaded_layers(vintage)))
        if layer == "qss":
            raise DataNotLoadedError(
                "the layer of the 56 quartiers social-santé is not loaded yet: it needs the "
                "official workbook SS_QSS_2024.xlsx (`bassins territories load-qss FILE`)"
            )
        raise DataNotLoadedError(f"layer {layer!r} is not loaded (loaded: {available})")
    fields = [
        "code",
        "name_fr",
        "name_nl",
        "name_de",
        "area_km2",
        "n_sectors",
        "parents",
        "attributes",
    ]
    if geometry:
        fields.append("geometry_wkb")
    rows = list(Area.objects.filter(layer=record).values(*fields))
    frame = pd.DataFrame(rows, columns=fields)
    parents = pd.DataFrame(list(frame.pop("parents")), index=frame.index)
    attributes = pd.DataFrame(list(frame.pop("attributes")), index=frame.index)
    frame = pd.concat([frame, parents, attributes], axis=1).set_index("code", drop=False)
    frame.index.name = None
    if geometry and record.has_geometry:
        geoms = shapely.from_wkb([bytes(b) for b in frame.pop("geometry_wkb")])
        return gpd.GeoDataFrame(frame, geometry=geoms, crs=LAMBERT72)
    frame.pop("geometry_wkb") if "geometry_wkb" in frame else None
    return frame


def sector_frame(generation: Generation | None = None) -> gpd.GeoDataFrame:
    generation = generation or active_generation()
    frame = layer_frame("sector", generation.vintage)
    for layer in PARENT_LAYERS:
        if layer not in frame.columns:
            frame[layer] = None
    return frame


def membership(vintage: str = MAIN_VINTAGE) -> pd.DataFrame:
    """Sector code → submunicipality, commune, monitoring, bassin, region, qss codes."""
    frame = layer_frame("sector", vintage, geometry=False)
    for layer in PARENT_LAYERS:
        if layer not in frame.columns:
            frame[layer] = None
    return frame[PARENT_LAYERS]


@lru_cache(maxsize=2)
def _index_for(generation_id: int) -> SectorIndex:
    return SectorIndex(sector_frame(Generation.objects.get(pk=generation_id)))


def sector_index() -> SectorIndex:
    return _index_for(active_generation().pk)


def locate_points(x, y, crs: str = WGS84, tolerance: float = REGION_TOLERANCE_M) -> pd.DataFrame:
    """Territory codes of points (see locate.SectorIndex.locate); a point within `tolerance` metres of
    the region (the "in the region" rule, bassins.codes) is placed in the nearest sector."""
    return sector_index().locate(x, y, crs=crs, tolerance=tolerance)


@lru_cache(maxsize=2)
def _address_locator_for(generation_id: int, postcode_count: int) -> AddressLocator:
    table = pd.DataFrame(
        list(Postcode.objects.values("postcode", "communes")), columns=["postcode", "communes"]
    )
    if table.empty:
        raise DataNotLoadedError("the postcode table is not loaded: run `bassins territories load`")
    return AddressLocator.build(table, layer_frame("commune", geometry=False), membership())


def locate_addresses(postcodes, communes, streets=None, numbers=None) -> pd.DataFrame:
    """Territory codes of addresses: at point precision when street + number + postcode match an
    official address point (BeST, `bassins territories load-addresses`), else by postcode and commune
    name (see postcode.AddressLocator). Columns: the layers, precision, inside, note."""
    postcodes, communes = list(postcodes), list(communes)
    if len(postcodes) != len(communes):
        raise InputError(f"{len(postcodes)} postcodes but {len(communes)} commune names")
    found = _address_locator_for(active_generation().pk, Postcode.objects.count()).locate(
        postcodes, communes
    )
    for name in (SECTOR, MONITORING, QSS):
        found[name] = pd.Series([None] * len(found), dtype=object)
    found["inside"] = pd.Series([bool(c) if c else None for c in found[COMMUNE]], dtype=object)
    if streets is None or numbers is None:
        return found
    streets, numbers = list(streets), list(numbers)
    index, address_set = address_index(postcodes)
    if address_set is None:
        found["note"] = [
            _join(note, "no address file loaded: placed by postcode") for note in found["note"]
        ]
        return found
    points = [
        index.find(postcode, street, number)
        for postcode, street, number in zip(postcodes, streets, numbers, strict=True)
    ]
    hit = [i for i, point in enumerate(points) if point is not None]
    if not hit:
        return found
    located = locate_points(
        [points[i][0] for i in hit], [points[i][1] for i in hit], crs=LAMBERT72
    ).to_dict("records")
    for i, codes in zip(hit, located, strict=True):
        for name in (SECTOR, *PARENT_LAYERS):
            if name in codes and name != REGION:
                found.at[i, name] = codes[name]
        found.at[i, "precision"] = POINT
        found.at[i, "inside"] = bool(codes["inside"])
        found.at[i, "note"] = f"address point of the BeST file loaded on {address_set:%Y-%m-%d}"
    return found


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def address_index(postcodes) -> tuple[AddressIndex, object]:
    """The official address points of these postcodes, and the date of their load (None: no file)."""
    address_set = AddressSet.objects.first()
    if address_set is None:
        return AddressIndex({}), None
    wanted = {str(p).strip() for p in postcodes if p is not None and not pd.isna(p)}
    rows = AddressPoint.objects.filter(address_set=address_set, postcode__in=wanted).values(
        *FRAME_COLUMNS
    )
    frame = pd.DataFrame(list(rows), columns=FRAME_COLUMNS)
    return AddressIndex.build(frame), address_set.loaded_at


@transaction.atomic
def save_addresses(frame: pd.DataFrame, source: str, sha256: str, counts: dict) -> AddressSet:
    """Replace the official address points by `frame` (addresses.FRAME_COLUMNS), in one transaction."""
    AddressSet.objects.all().delete()
    address_set = AddressSet.objects.create(source=source, sha256=sha256, counts=counts)
    AddressPoint.objects.bulk_create(
        (
            AddressPoint(
                address_set=address_set,
                postcode=row.postcode,
                street_fr=row.street_fr[:200],
                street_nl=row.street_nl[:200],
                house_number=row.house_number[:20],
                commune=str(row.commune)[:5],
                x=row.x,
                y=row.y,
            )
            for row in frame.itertuples(index=False)
        ),
        batch_size=5000,
    )
    return address_set


def export_geojson(layer: str) -> str:
    """A layer as a GeoJSON FeatureCollection in WGS84 (RFC 7946), full resolution."""
    frame = layer_frame(layer)
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataNotLoadedError(f"layer {layer!r} has no geometry in this vintage")
    columns = [
        c
        for c in [
            "code",
            "name_fr",
            "name_nl",
            "area_km2",
            "n_sectors",
            *PARENT_LAYERS,
            "basis",
            "bassin_basis",
        ]
        if c in frame.columns
    ]
    return (
        frame[columns + ["geometry"]].to_crs("EPSG:4326").to_json(drop_id=True, ensure_ascii=False)
    )


def transfer_counts(values: pd.Series, source_layer: str, target_layer: str):
    """A count given by `source_layer` code, moved to `target_layer` (see crosswalk.transfer)."""
    from bassins.territory.crosswalk import transfer

    return transfer(
        values,
        layer_frame(source_layer),
        layer_frame(target_layer),
        membership(),
        source_layer,
        target_layer,
    )
