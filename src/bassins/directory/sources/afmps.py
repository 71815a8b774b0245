"""AFMPS/FAGG register of pharmacies open to the public -> Bundle. Pure.

Input: `services/afmps_pharmacies_bxl_2022.csv` (authorization_id, name, address, postcode, municipality,
status, authorization_holder, operator, x_lambert2008, y_lambert2008, and optionally lon/lat).
Coordinates are read in Lambert 2008 (EPSG:3812) and converted to WGS84 with pyproj; when the file also
has lon/lat, they must agree within 10 m (a guard against columns swapped or shifted). The stable key is
the authorization number. Each pharmacy gives: its authorization holder as organization (one per
KBO/BCE number), a service (status active or "temporarily closed"), a location (point precision,
federal competence: pharmacies are licensed by the AFMPS), its address, the category "pharmacy" and,
when the operator is not the holder, an attribute naming the operator.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
from pyproj import Transformer

from bassins.directory import tabular
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.sources import common
from bassins.directory.text import clean, parse_postcode, proper_case, split_street
from bassins.errors import CoordinateSystemError, InputError

SOURCE = "afmps"
#: "update : 08-03-2022" in the source workbook (see SOURCES.md).
DEFAULT_EXTRACT_DATE = dt.date(2022, 3, 8)
REQUIRED = [
    "authorization_id",
    "name",
    "address",
    "postcode",
    "municipality",
    "status",
    "authorization_holder",
    "operator",
    "x_lambert2008",
    "y_lambert2008",
]
STATUS = {
    "active": "active",
    "temporarily_closed": "temporarily closed",
    "temporarily closed": "temporarily closed",
}
_HOLDER = re.compile(r"^(?P<name>.*?)\s*\(\s*KBO-BCE\s*:\s*(?P<kbo>[\d.\s]*)\)\s*$", re.I)
TOLERANCE_M = 10.0

DESCRIPTION = {
    "fr": "Pharmacie ouverte au public (registre AFMPS, autorisation n° {id}).",
    "nl": "Voor het publiek opengestelde apotheek (FAGG-register, vergunning nr. {id}).",
    "en": "Community pharmacy (AFMPS register, authorization no. {id}).",
}
HOLDER_DESCRIPTION = {
    "fr": "Titulaire d'autorisation d'exploitation de pharmacie (registre AFMPS).",
    "nl": "Houder van een vergunning voor het uitbaten van een apotheek (FAGG-register).",
    "en": "Holder of a pharmacy authorization (AFMPS register).",
}


def parse_holder(text: str, *, where: dict, field: str) -> tuple[str, str]:
    """'Multipharma (KBO-BCE : 0866855346)' -> ('Multipharma', '0866855346'); no number -> (name, '')."""
    text = clean(text, where=where, field=field)
    match = _HOLDER.match(text)
    if not match:
        return text, ""
    kbo = re.sub(r"\D", "", match.group("kbo"))
    if kbo and len(kbo) not in (9, 10):
        raise InputError(
            f"KBO-BCE number {match.group('kbo')!r} does not have 10 digits", field=field, **where
        )
    return match.group("name").strip(), kbo.zfill(10) if kbo else ""


def read(path: Path | str, *, extract_date: dt.date | None = DEFAULT_EXTRACT_DATE) -> Bundle:
    """The AFMPS pharmacy register at `path` as a Bundle (see `parse`)."""
    table = tabular.read_table(path)
    return parse(table, extract_date=extract_date)


def parse(table: tabular.Table, *, extract_date: dt.date | None = DEFAULT_EXTRACT_DATE) -> Bundle:
    """The AFMPS pharmacy register as a Bundle; InputError (naming row and field) on a bad row."""
    table.require(REQUIRED)
    bundle = Bundle(source=SOURCE, label=table.label, extract_date=extract_date)
    records = []
    seen: dict[str, int] = {}
    holders: dict[str, str] = {}
    for number, row in enumerate(table.rows, start=1):
        where = {"source": table.label, "row": number}
        key = clean(row["authorization_id"], where=where, field="authorization_id")
        if not re.fullmatch(r"\d{3,10}", key):
            raise InputError(
                f"an authorization number is digits: {key[:40]!r}",
                field="authorization_id",
                **where,
            )
        if key in seen:
            raise InputError(
                f"authorization number {key} already on row {seen[key]}",
                field="authorization_id",
                **where,
            )
        seen[key] = number
        name = clean(row["name"], where=where, field="name")
        if not name:
            raise InputError("empty pharmacy name", field="name", **where)
        address = clean(row["address"], where=where, field="address")
        if not address:
            raise InputError("empty address", field="address", **where)
        postcode = parse_postcode(row["postcode"], where=where, field="postcode")
        if not postcode:
            raise InputError("empty postcode", field="postcode", **where)
        municipality = clean(row["municipality"], where=where, field="municipality")
        status_text = clean(row["status"], where=where, field="status").lower()
        if status_text not in STATUS:
            raise InputError(
                f"unknown status {status_text[:40]!r} (expected active or temporarily_closed)",
                field="status",
                **where,
            )
        holder, kbo = parse_holder(
            row["authorization_holder"], where=where, field="authorization_holder"
        )
        if not holder:
            raise InputError("empty authorization holder", field="authorization_holder", **where)
        operator = clean(row["operator"], where=where, field="operator")
        x = common.number(row["x_lambert2008"], where=where, field="x_lambert2008")
        y = common.number(row["y_lambert2008"], where=where, field="y_lambert2008")
        common.check_lambert2008(x, y, where=where, fields=("x_lambert2008", "y_lambert2008"))
        given = None
        if row.get("lon", "").strip() or row.get("lat", "").strip():
            lon = common.number(row.get("lon", ""), where=where, field="lon")
            lat = common.number(row.get("lat", ""), where=where, field="lat")
            common.check_wgs84(lon, lat, where=where)
            given = (lon, lat)
        holder_key = kbo or f"name:{holder.lower()}"
        holders.setdefault(holder_key, holder)
        records.append(
            dict(
                number=number,
                key=key,
                name=name,
                address=address,
                postcode=postcode,
                municipality=municipality,
                status=STATUS[status_text],
                holder_key=holder_key,
                kbo=kbo,
                operator=operator,
                x=x,
                y=y,
                given=given,
            )
        )
    if records:
        to_wgs84 = Transformer.from_crs("EPSG:3812", "EPSG:4326", always_xy=True)
        lon, lat = to_wgs84.transform(
            np.array([r["x"] for r in records]), np.array([r["y"] for r in records])
        )
        for record, record_lon, record_lat in zip(records, lon, lat, strict=False):
            record["lon"], record["lat"] = round(float(record_lon), 7), round(float(record_lat), 7)
            if record["given"] is not None:
                _check_agreement(record, table.label)
    for holder_key, holder in holders.items():
        kbo = holder_key if not holder_key.startswith("name:") else ""
        bundle.add(
            "organization",
            stable_id(SOURCE, "holder", holder_key),
            source_key=f"holder:{holder_key}",
            name_fr=proper_case(holder) if holder.isupper() else holder,
            name_nl=proper_case(holder) if holder.isupper() else holder,
            description_fr=HOLDER_DESCRIPTION["fr"],
            description_nl=HOLDER_DESCRIPTION["nl"],
            description_en=HOLDER_DESCRIPTION["en"],
            tax_id=kbo,
        )
    for record in records:
        _add_pharmacy(bundle, record, extract_date)
    bundle.records = len(records)
    bundle.stats = {
        "active": sum(r["status"] == "active" for r in records),
        "temporarily_closed": sum(r["status"] == "temporarily closed" for r in records),
    }
    return bundle


def _check_agreement(record: dict, label: str) -> None:
    lon, lat = record["given"]
    dx = (lon - record["lon"]) * 111_320 * np.cos(np.radians(lat))
    dy = (lat - record["lat"]) * 110_574
    distance = float(np.hypot(dx, dy))
    if distance > TOLERANCE_M:
        raise CoordinateSystemError(
            f"lon/lat ({lon}, {lat}) lie {distance:.0f} m from the Lambert 2008 point "
            f"({record['x']}, {record['y']}); one of them is wrong",
            source=label,
            row=record["number"],
            field="x_lambert2008/y_lambert2008",
        )


def _add_pharmacy(bundle: Bundle, record: dict, extract_date: dt.date | None) -> None:
    key = record["key"]
    name = proper_case(record["name"])
    organization_id = stable_id(SOURCE, "holder", record["holder_key"])
    service_id = bundle.add(
        "service",
        stable_id(SOURCE, key, "service"),
        source_key=key,
        organization_id=organization_id,
        name_fr=name,
        name_nl=name,
        status=record["status"],
        extract_date=extract_date,
        description_fr=DESCRIPTION["fr"].format(id=key),
        description_nl=DESCRIPTION["nl"].format(id=key),
        description_en=DESCRIPTION["en"].format(id=key),
    )
    location_id = bundle.add(
        "location",
        stable_id(SOURCE, key, "location"),
        source_key=key,
        location_type="physical",
        organization_id=organization_id,
        name_fr=name,
        name_nl=name,
        latitude=record["lat"],
        longitude=record["lon"],
        external_identifier=key,
        external_identifier_type="afmps_authorization",
        competent_authority="federal",
        precision="point",
        is_head_office=True,
        is_activity_site=True,
    )
    bundle.add(
        "service_at_location",
        stable_id(SOURCE, key, "service_at_location"),
        source_key=key,
        service_id=service_id,
        location_id=location_id,
    )
    street, number = split_street(proper_case(record["address"]))
    common.add_address(
        bundle,
        key,
        location_id,
        street=street,
        number=number,
        postcode=record["postcode"],
        city=proper_case(record["municipality"]),
    )
    common.add_category(bundle, key, service_id, "pharmacy")
    operator = record["operator"]
    if operator and operator.lower() != "idem":
        common.add_fact(bundle, key, service_id, "service", "pharmacy_operator", operator)
