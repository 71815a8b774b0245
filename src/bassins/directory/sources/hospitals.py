"""FPS Public Health / Eurostat GISCO hospital sites -> Bundle. Pure.

Input: `services/hospitals_sites_bxl_2020.csv` (id, hospital_name, site_name, lat, lon, street,
house_number, postcode, city, cap_beds, emergency, facility_type, public_private, tel, email, url,
ref_date...). The stable key is the site `id`. Each site gives a service ("<hospital> – <site>") of the
hospital (organization, one per hospital name), a location (WGS84 point), an address, phone and web
site, the category "hospital" (or "hospital_psychiatric" when the hospital's facility type says so), and
facts as attributes: licensed beds, emergency department yes/no (with the secondary category
"hospital_emergency" when yes), facility type and public/private status. `facility_type` and
`public_private` are only given on the main site of each hospital: that site is marked as the head
office; every site is an activity site. The extract date is the file's `ref_date` (01/02/2020).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bassins.directory import contacts, tabular
from bassins.directory.brussels import fold
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.sources import common
from bassins.directory.text import (
    clean,
    parse_partial_date,
    parse_postcode,
    proper_case,
    split_street,
)
from bassins.errors import InputError

SOURCE = "hospitals"
REQUIRED = [
    "id",
    "hospital_name",
    "site_name",
    "lat",
    "lon",
    "street",
    "house_number",
    "postcode",
    "city",
    "cap_beds",
    "emergency",
    "facility_type",
    "public_private",
    "tel",
    "url",
    "ref_date",
]
EMERGENCY = {"yes": True, "no": False, "": None}

DESCRIPTION = {
    "fr": "Site hospitalier{psy} ({beds} lits agréés{er}).",
    "nl": "Ziekenhuissite{psy_nl} ({beds} erkende bedden{er_nl}).",
    "en": "Hospital site{psy_en} ({beds} licensed beds{er_en}).",
}
ORG_DESCRIPTION = {
    "fr": "Hôpital (liste des sites hospitaliers du SPF Santé publique).",
    "nl": "Ziekenhuis (lijst van ziekenhuissites van de FOD Volksgezondheid).",
    "en": "Hospital (FPS Public Health list of hospital sites).",
}


def read(path: Path | str, *, extract_date: dt.date | None = None) -> Bundle:
    """The hospital sites file at `path` as a Bundle (see `parse`)."""
    return parse(tabular.read_table(path), extract_date=extract_date)


def parse(table: tabular.Table, *, extract_date: dt.date | None = None) -> Bundle:
    """The hospital sites as a Bundle; InputError (naming row and field) on a bad row."""
    table.require(REQUIRED)
    records = []
    seen: dict[str, int] = {}
    for number, row in enumerate(table.rows, start=1):
        where = {"source": table.label, "row": number}
        key = clean(row["id"], where=where, field="id")
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", key):
            raise InputError(f"a site id is letters and digits: {key[:40]!r}", field="id", **where)
        if key in seen:
            raise InputError(f"site id {key} already on row {seen[key]}", field="id", **where)
        seen[key] = number
        hospital = (
            clean(row["hospital_name"], where=where, field="hospital_name").strip('"').strip()
        )
        if not hospital:
            raise InputError("empty hospital name", field="hospital_name", **where)
        site = clean(row["site_name"], where=where, field="site_name")
        lat = common.number(row["lat"], where=where, field="lat")
        lon = common.number(row["lon"], where=where, field="lon")
        common.check_wgs84(lon, lat, where=where)
        street = clean(row["street"], where=where, field="street")
        house_number = clean(row["house_number"], where=where, field="house_number")
        postcode = parse_postcode(row["postcode"], where=where, field="postcode")
        beds_value = common.number(row["cap_beds"], where=where, field="cap_beds", required=False)
        if beds_value is not None and (beds_value < 0 or not float(beds_value).is_integer()):
            raise InputError(
                f"a number of beds is a whole number >= 0: {row['cap_beds']!r}",
                field="cap_beds",
                **where,
            )
        emergency_text = clean(row["emergency"], where=where, field="emergency").lower()
        if emergency_text not in EMERGENCY:
            raise InputError(
                f"emergency is yes or no, not {emergency_text[:20]!r}", field="emergency", **where
            )
        ref_date, _ = parse_partial_date(row["ref_date"], where=where, field="ref_date")
        records.append(
            dict(
                number=number,
                key=key,
                hospital=hospital,
                site=site,
                lat=round(lat, 7),
                lon=round(lon, 7),
                street=street,
                house_number=house_number,
                postcode=postcode,
                city=clean(row["city"], where=where, field="city"),
                beds=None if beds_value is None else int(beds_value),
                emergency=EMERGENCY[emergency_text],
                facility_type=clean(row["facility_type"], where=where, field="facility_type"),
                public_private=clean(row["public_private"], where=where, field="public_private"),
                tel=clean(row["tel"], where=where, field="tel"),
                email=clean(row.get("email", ""), where=where, field="email"),
                url=clean(row["url"], where=where, field="url"),
                ref_date=ref_date,
            )
        )
    dates = {r["ref_date"] for r in records if r["ref_date"]}
    bundle = Bundle(
        source=SOURCE,
        label=table.label,
        extract_date=extract_date or (max(dates) if dates else None),
    )
    hospitals: dict[str, dict] = {}
    for record in records:
        entry = hospitals.setdefault(
            fold(record["hospital"]),
            {
                "name": record["hospital"],
                "facility_type": "",
                "public_private": "",
                "url": "",
                "main": None,
            },
        )
        if record["facility_type"] and not entry["facility_type"]:
            entry.update(
                facility_type=record["facility_type"],
                public_private=record["public_private"],
                main=record["key"],
            )
        if record["url"] and not entry["url"]:
            entry["url"] = record["url"]
    for hospital_key, entry in hospitals.items():
        organization_id = stable_id(SOURCE, "hospital", hospital_key)
        name = proper_case(entry["name"])
        urls = contacts.split_urls(entry["url"])
        bundle.add(
            "organization",
            organization_id,
            source_key=f"hospital:{hospital_key}",
            name_fr=name,
            name_nl=name,
            description_fr=ORG_DESCRIPTION["fr"],
            description_nl=ORG_DESCRIPTION["nl"],
            description_en=ORG_DESCRIPTION["en"],
            website=contacts.check_url(urls[0]).value if urls else "",
            legal_status=entry["public_private"],
        )
        if entry["facility_type"]:
            common.add_fact(
                bundle,
                f"hospital:{hospital_key}",
                organization_id,
                "organization",
                "facility_type",
                entry["facility_type"],
            )
        if entry["public_private"]:
            common.add_fact(
                bundle,
                f"hospital:{hospital_key}",
                organization_id,
                "organization",
                "public_private",
                entry["public_private"],
            )
    for record in records:
        _add_site(bundle, record, hospitals[fold(record["hospital"])], bundle.extract_date)
    bundle.records = len(records)
    bundle.stats = {
        "emergency": sum(bool(r["emergency"]) for r in records),
        "beds": sum(r["beds"] or 0 for r in records),
    }
    return bundle


def _add_site(bundle: Bundle, record: dict, hospital: dict, extract_date) -> None:
    key = record["key"]
    hospital_key = fold(record["hospital"])
    organization_id = stable_id(SOURCE, "hospital", hospital_key)
    hospital_name = proper_case(record["hospital"])
    site = proper_case(record["site"]) if record["site"] else ""
    name = f"{hospital_name} – {site}" if site else hospital_name
    psychiatric = "psychiatri" in hospital["facility_type"].lower()
    beds = "?" if record["beds"] is None else record["beds"]
    er = record["emergency"]
    description = {
        "fr": DESCRIPTION["fr"].format(
            psy=" psychiatrique" if psychiatric else "",
            beds=beds,
            er=", service d'urgences" if er else "",
        ),
        "nl": DESCRIPTION["nl"].format(
            psy_nl=" (psychiatrisch)" if psychiatric else "",
            beds=beds,
            er_nl=", spoedgevallendienst" if er else "",
        ),
        "en": DESCRIPTION["en"].format(
            psy_en=" (psychiatric)" if psychiatric else "",
            beds=beds,
            er_en=", emergency department" if er else "",
        ),
    }
    urls = contacts.split_urls(record["url"])
    email = contacts.check_email(record["email"]).value if record["email"] else ""
    service_id = bundle.add(
        "service",
        stable_id(SOURCE, key, "service"),
        source_key=key,
        organization_id=organization_id,
        name_fr=name,
        name_nl=name,
        status="active",
        extract_date=extract_date,
        description_fr=description["fr"],
        description_nl=description["nl"],
        description_en=description["en"],
        url=contacts.check_url(urls[0]).value if urls else "",
        email=email,
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
        external_identifier_type="fps_health_hospital_site",
        precision="point",
        is_head_office=hospital["main"] == key,
        is_activity_site=True,
    )
    sal_id = bundle.add(
        "service_at_location",
        stable_id(SOURCE, key, "service_at_location"),
        source_key=key,
        service_id=service_id,
        location_id=location_id,
    )
    street_text = proper_case(record["street"])
    number = record["house_number"]
    if not number:
        street_text, number = split_street(street_text)
    common.add_address(
        bundle,
        key,
        location_id,
        street=street_text,
        number=number,
        postcode=record["postcode"],
        city=proper_case(record["city"]),
    )
    common.add_phone(bundle, key, record["tel"], service_at_location_id=sal_id)
    common.add_category(
        bundle, key, service_id, "hospital_psychiatric" if psychiatric else "hospital"
    )
    if er:
        common.add_category(bundle, key, service_id, "hospital_emergency", primary=False)
    if record["beds"] is not None:
        common.add_fact(bundle, key, service_id, "service", "hospital_beds", str(record["beds"]))
    if er is not None:
        common.add_fact(
            bundle, key, service_id, "service", "emergency_department", "yes" if er else "no"
        )
