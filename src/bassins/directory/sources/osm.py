"""OpenStreetMap features (GeoJSON points) -> Bundle, linked to official records. Pure.

Input: a GeoJSON FeatureCollection of points in WGS84 such as `services/osm_pharmacies_bxl.geojson`
(properties name, brand, street, housenumber, postcode, city, phone, email, website,
osm_opening_hours or opening_hours, and an OSM id when the extract has one). The stable key is the OSM
id when present, else a hash of the position and the name (the sample dump has no ids).

`read` only parses. `build` makes the bundle once the matcher (bassins.directory.matching) has linked
features to official records: a linked feature creates no new service; its opening hours become
schedules of the official record's service-at-location, its phone is added when the official record
has none, and an attribute on the official location records the link (rule, distance, name score). An
unlinked feature becomes a pharmacy of its own (source "osm").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bassins.directory import contacts, schedules
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.sources import common
from bassins.directory.text import clean, parse_postcode
from bassins.errors import CoordinateSystemError, InputError

SOURCE = "osm"
#: Monthly dump of 2026-07-01 (see SOURCES.md).
DEFAULT_EXTRACT_DATE = dt.date(2026, 7, 1)
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
DEFAULT_NAME = {"fr": "Pharmacie", "nl": "Apotheek", "en": "Pharmacy"}
MAX_BYTES = 200_000_000
#: Why a feature is not loaded as a record of its own (stored in the import run; pages translate it).
LINKED_REASON = "linked to the official record of the same place (AFMPS)"


@dataclass
class Feature:
    """One OpenStreetMap feature as read: its row, key, name, address and contact tags."""

    row: int
    key: str
    name: str
    brand: str
    street: str
    housenumber: str
    postcode: str
    city: str
    phone: str
    email: str
    website: str
    opening_hours: str
    lon: float
    lat: float


def read(path: Path | str) -> tuple[list[Feature], str]:
    """The features of the GeoJSON file at `path`, and its name; InputError when unreadable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", source=str(path)) from None
    return parse_bytes(data, path.name), path.name


def parse_bytes(data: bytes, label: str) -> list[Feature]:
    """The features of a GeoJSON document (UTF-8, at most MAX_BYTES).

    Raises InputError naming `label` when the bytes are not a valid FeatureCollection."""
    if len(data) > MAX_BYTES:
        raise InputError(f"file of {len(data)} bytes is larger than {MAX_BYTES}", source=label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"GeoJSON must be UTF-8: {error}", source=label) from None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise InputError(f"not valid JSON: {error}", source=label) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError("not a GeoJSON FeatureCollection", source=label)
    crs = document.get("crs")
    if crs is not None:
        name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
        if name not in WGS84_NAMES:
            raise CoordinateSystemError(
                f"coordinates must be WGS84 longitude/latitude, the file says {name!r}",
                source=label,
            )
    items = document.get("features")
    if not isinstance(items, list):
        raise InputError("'features' is not a list", source=label)
    features: list[Feature] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        feature = _feature(item, number, label)
        if feature.key in seen:
            raise InputError(
                f"same feature as row {seen[feature.key]} (same id, or same name and position)",
                source=label,
                row=number,
            )
        seen[feature.key] = number
        features.append(feature)
    return features


def _feature(item, number: int, label: str) -> Feature:
    where = {"source": label, "row": number}
    if not isinstance(item, dict) or item.get("type") != "Feature":
        raise InputError("not a GeoJSON Feature", **where)
    geometry = item.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise InputError("geometry is not a Point", field="geometry", **where)
    coordinates = geometry.get("coordinates")
    if (
        not isinstance(coordinates, list)
        or len(coordinates) < 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates[:2])
    ):
        raise InputError("coordinates are not two numbers", field="geometry", **where)
    lon, lat = float(coordinates[0]), float(coordinates[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InputError("coordinates are not finite numbers", field="geometry", **where)
    common.check_wgs84(lon, lat, where=where, fields=("longitude", "latitude"))
    properties = item.get("properties") or {}
    if not isinstance(properties, dict):
        raise InputError("properties is not an object", field="properties", **where)

    def text(name: str, multiline: bool = False) -> str:
        value = properties.get(name)
        if isinstance(value, (dict, list)):
            raise InputError("a text is expected", field=name, **where)
        return clean(value, where=where, field=name, multiline=multiline)

    name = text("name")
    osm_id = text("osm_id") or text("@id") or clean(item.get("id"), where=where, field="id")
    hours = text("osm_opening_hours") or text("opening_hours")
    if osm_id:
        key = osm_id.replace(" ", "")
    else:
        key = "h" + hashlib.sha1(f"{lon:.7f}|{lat:.7f}|{name}".encode()).hexdigest()[:16]
    return Feature(
        row=number,
        key=key,
        name=name,
        brand=text("brand"),
        street=text("street") or text("addr:street"),
        housenumber=text("housenumber") or text("addr:housenumber"),
        postcode=parse_postcode(
            text("postcode") or text("addr:postcode"), where=where, field="postcode"
        ),
        city=text("city") or text("addr:city"),
        phone=text("phone"),
        email=text("email"),
        website=text("website"),
        opening_hours=hours,
        lon=round(lon, 7),
        lat=round(lat, 7),
    )


def frame(features: list[Feature]) -> pd.DataFrame:
    """The features as the matcher wants them: key, name, lon, lat."""
    return pd.DataFrame(
        {
            "key": [f.key for f in features],
            "name": [f.name or f.brand for f in features],
            "lon": [f.lon for f in features],
            "lat": [f.lat for f in features],
        }
    )


def build(
    features: list[Feature],
    label: str,
    matches: pd.DataFrame | None = None,
    official: dict[str, dict] | None = None,
    *,
    extract_date: dt.date | None = DEFAULT_EXTRACT_DATE,
) -> Bundle:
    """Bundle of the features. matches: the matcher's result (key -> location_id); official:
    location_id -> {"service_at_location_id", "has_phone"} for the linked records."""
    bundle = Bundle(source=SOURCE, label=label, extract_date=extract_date)
    linked = {}
    if matches is not None:
        linked = {row.key: row for row in matches.itertuples() if isinstance(row.location_id, str)}
    official = official or {}
    stats = {
        "features": len(features),
        "matched": 0,
        "unmatched": 0,
        "opening_hours": 0,
        "opening_hours_invalid": 0,
        "opening_hours_seasonal": 0,
    }
    for feature in features:
        match = linked.get(feature.key)
        if match is not None and match.location_id in official:
            stats["matched"] += 1
            _add_linked(bundle, feature, match, official[match.location_id], stats)
            bundle.exclude(feature.row, feature.key, LINKED_REASON)
        else:
            stats["unmatched"] += 1
            _add_own(bundle, feature, extract_date, stats)
    bundle.records = len(features)
    bundle.stats = stats
    return bundle


def _add_linked(bundle: Bundle, feature: Feature, match, record: dict, stats: dict) -> None:
    key = feature.key
    label = f"{match.rule}: {match.distance_m:.0f} m, name similarity {match.name_score:.0f}"
    common.add_fact(bundle, key, match.location_id, "location", "osm_feature", key, label)
    sal_id = record["service_at_location_id"]
    _add_schedules(bundle, feature, stats, service_at_location_id=sal_id)
    if feature.phone and not record.get("has_phone"):
        common.add_phone(bundle, key, feature.phone, service_at_location_id=sal_id)


def _add_own(bundle: Bundle, feature: Feature, extract_date, stats: dict) -> None:
    key = feature.key
    name = feature.name or feature.brand
    if feature.brand:
        organization_key = f"brand:{feature.brand.lower()}"
        organization_name = feature.brand
    else:
        organization_key = f"feature:{key}"
        organization_name = name
    organization_id = stable_id(SOURCE, "organization", organization_key)
    names = {lang: organization_name or DEFAULT_NAME[lang] for lang in ("fr", "nl")}
    bundle.add(
        "organization",
        organization_id,
        source_key=organization_key,
        name_fr=names["fr"],
        name_nl=names["nl"],
        description_fr="Pharmacie connue d'OpenStreetMap.",
        description_nl="Apotheek gekend in OpenStreetMap.",
        description_en="Pharmacy known to OpenStreetMap.",
    )
    url = contacts.check_url(feature.website).value if feature.website else ""
    email = contacts.check_email(feature.email).value if feature.email else ""
    service_names = {lang: name or DEFAULT_NAME[lang] for lang in ("fr", "nl", "en")}
    service_id = bundle.add(
        "service",
        stable_id(SOURCE, key, "service"),
        source_key=key,
        organization_id=organization_id,
        name_fr=service_names["fr"],
        name_nl=service_names["nl"],
        name_en="" if name else service_names["en"],
        status="active",
        url=url,
        email=email,
        extract_date=extract_date,
        description_fr="Pharmacie (OpenStreetMap, sans correspondance dans le registre AFMPS).",
        description_nl="Apotheek (OpenStreetMap, niet gevonden in het FAGG-register).",
        description_en="Pharmacy (OpenStreetMap, not found in the AFMPS register).",
    )
    location_id = bundle.add(
        "location",
        stable_id(SOURCE, key, "location"),
        source_key=key,
        location_type="physical",
        organization_id=organization_id,
        name_fr=service_names["fr"],
        name_nl=service_names["nl"],
        latitude=feature.lat,
        longitude=feature.lon,
        external_identifier=key,
        external_identifier_type="osm" if not key.startswith("h") else "osm_position_hash",
        precision="point",
        is_head_office=True,
        is_activity_site=True,
    )
    sal_id = bundle.add(
        "service_at_location",
        stable_id(SOURCE, key, "service_at_location"),
        source_key=key,
        service_id=service_id,
        location_id=location_id,
    )
    common.add_address(
        bundle,
        key,
        location_id,
        street=feature.street,
        number=feature.housenumber,
        postcode=feature.postcode,
        city=feature.city,
    )
    common.add_phone(bundle, key, feature.phone, service_at_location_id=sal_id)
    common.add_category(bundle, key, service_id, "pharmacy")
    _add_schedules(bundle, feature, stats, service_at_location_id=sal_id)


def _add_schedules(bundle: Bundle, feature: Feature, stats: dict, **links) -> None:
    expression = feature.opening_hours
    if not expression:
        return
    stats["opening_hours"] += 1
    key = feature.key
    try:
        result = schedules.to_rules(expression)
    except schedules.OpeningHoursError as error:
        stats["opening_hours_invalid"] += 1
        bundle.notes.append(
            f"row {feature.row}: opening_hours {expression[:60]!r} {error}; kept as text"
        )
        result = None
    if result is None or result.seasonal:
        if result is not None:
            stats["opening_hours_seasonal"] += 1
        bundle.add(
            "schedule",
            stable_id(SOURCE, key, "schedule", "text"),
            source_key=key,
            kind="regular",
            description_fr=expression,
            description_nl=expression,
            description_en=expression,
            notes=f"opening_hours={expression}",
            **links,
        )
        return
    for position, rule in enumerate(result.rules):
        bundle.add(
            "schedule",
            stable_id(SOURCE, key, "schedule", position),
            source_key=key,
            freq="WEEKLY" if rule.kind == "regular" else "",
            byday=rule.byday,
            opens_at=rule.opens_at,
            closes_at=rule.closes_at,
            kind=rule.kind,
            closed=rule.closed,
            description_fr=rule.description("fr"),
            description_nl=rule.description("nl"),
            description_en=rule.description("en"),
            notes=f"opening_hours={expression}",
            **links,
        )
