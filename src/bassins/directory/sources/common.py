"""Pieces shared by the source parsers: addresses, phones, coordinates, categories. Pure."""

from __future__ import annotations

import math

from bassins.directory import contacts, taxonomy
from bassins.directory.brussels import (
    POSTCODES,
    commune_code,
    is_brussels_postcode,
    postal_locality,
)
from bassins.directory.bundle import Bundle, stable_id
from bassins.errors import CoordinateSystemError, InputError

STATE_PROVINCE = "BE-BRU"
COUNTRY = "BE"

#: Rough bounds of Belgium, to tell coordinates given in the wrong system.
BELGIUM_WGS84 = (2.5, 49.45, 6.45, 51.55)  # lon min, lat min, lon max, lat max
BELGIUM_L2008 = (540_000.0, 515_000.0, 800_000.0, 750_000.0)


def number(text: str, *, where: dict, field: str, required: bool = True) -> float | None:
    """The number in `text` (a decimal comma accepted); None when empty and not `required`.

    Raises InputError naming `where` and `field` when empty and required, or not a finite number."""
    text = (text or "").strip()
    if not text:
        if required:
            raise InputError("empty; a number is needed", field=field, **where)
        return None
    try:
        value = (
            float(text.replace(",", "."))
            if text.count(",") == 1 and "." not in text
            else float(text)
        )
    except ValueError:
        raise InputError(f"not a number: {text[:40]!r}", field=field, **where) from None
    if not math.isfinite(value):
        raise InputError(f"not a finite number: {text[:40]!r}", field=field, **where)
    return value


def check_wgs84(
    lon: float, lat: float, *, where: dict, fields: tuple[str, str] = ("lon", "lat")
) -> None:
    """Raises CoordinateSystemError when (lon, lat) is not in Belgium in WGS84 (with a hint when
    they look swapped)."""
    lon_min, lat_min, lon_max, lat_max = BELGIUM_WGS84
    if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
        hint = (
            " (longitude and latitude swapped?)"
            if lon_min <= lat <= lon_max and lat_min <= lon <= lat_max
            else ""
        )
        raise CoordinateSystemError(
            f"point ({lon}, {lat}) is not in Belgium in WGS84 longitude/latitude{hint}",
            field=f"{fields[0]}/{fields[1]}",
            **where,
        )


def check_lambert2008(x: float, y: float, *, where: dict, fields: tuple[str, str]) -> None:
    """Raises CoordinateSystemError when (x, y) is not in Belgium in Lambert 2008 (EPSG:3812), with
    a hint when they look like Lambert 72 or WGS84."""
    x_min, y_min, x_max, y_max = BELGIUM_L2008
    if not (x_min <= x <= x_max and y_min <= y <= y_max):
        hint = ""
        if 0 < x < 300_000 and 0 < y < 300_000:
            hint = " (these look like Lambert 72 / EPSG:31370 coordinates)"
        elif abs(x) <= 180 and abs(y) <= 90:
            hint = " (these look like WGS84 longitude/latitude)"
        raise CoordinateSystemError(
            f"point ({x}, {y}) is not in Belgium in Lambert 2008 (EPSG:3812){hint}",
            field=f"{fields[0]}/{fields[1]}",
            **where,
        )


def address_city(postcode: str, given: str) -> str:
    """The address's city: the French postal locality for a Brussels postcode, else the given name."""
    return postal_locality(postcode, "fr") if postcode in POSTCODES else given


def add_address(
    bundle: Bundle,
    key: str,
    location_id: str,
    *,
    street: str,
    number: str,
    postcode: str,
    city: str,
    address_type: str = "physical",
) -> str | None:
    """Add the address of `location_id` to `bundle`; its id, or None when there is no address."""
    address_1 = " ".join(part for part in (street, number) if part)
    if not (address_1 or postcode or city):
        return None
    return bundle.add(
        "address",
        stable_id(bundle.source, key, "address"),
        source_key=key,
        location_id=location_id,
        address_1=address_1,
        city=address_city(postcode, city),
        state_province=STATE_PROVINCE if (not postcode or is_brussels_postcode(postcode)) else "",
        postal_code=postcode,
        country=COUNTRY,
        address_type=address_type,
    )


def add_phone(bundle: Bundle, key: str, raw: str, *, position: int = 0, **links) -> str | None:
    """Add the phone `raw` (normalised when valid) linked to `links`; its id, or None when empty."""
    if not raw:
        return None
    check = contacts.check_phone(raw)
    return bundle.add(
        "phone",
        stable_id(bundle.source, key, "phone", position),
        source_key=key,
        number=check.value,
        type="voice",
        **links,
    )


def add_category(
    bundle: Bundle,
    key: str,
    service_id: str,
    code: str,
    *,
    primary: bool = True,
    link_type: str | None = None,
    term: str | None = None,
) -> str:
    """Add the category `code` of `service_id` as an attribute (primary by default); its id."""
    link_type = link_type or ("primary_category" if primary else "category")
    term = term or taxonomy.term_id(code)
    return bundle.add(
        "attribute",
        stable_id(bundle.source, key, "attribute", link_type, code),
        source_key=key,
        link_id=service_id,
        link_entity="service",
        link_type=link_type,
        taxonomy_term_id=term,
        value=code,
    )


def add_fact(
    bundle: Bundle, key: str, link_id: str, link_entity: str, code: str, value: str, label: str = ""
) -> str:
    """Add the fact `code` = `value` on `link_entity` `link_id` as an attribute; its id."""
    return bundle.add(
        "attribute",
        stable_id(bundle.source, key, "attribute", link_entity, code),
        source_key=key,
        link_id=link_id,
        link_entity=link_entity,
        link_type=code,
        taxonomy_term_id=taxonomy.term_id(code, taxonomy.FACTS),
        value=value,
        label=label,
    )


def resolve_commune(postcode: str, commune_name: str) -> str | None:
    """REFNIS code when the commune name or an unambiguous postcode fixes it."""
    code = commune_code(commune_name)
    if code:
        return code
    if postcode in POSTCODES and len(POSTCODES[postcode][2]) == 1:
        return POSTCODES[postcode][2][0]
    return None
