"""Placing an event's address on the map, through the territory locator (bassins.territory.store):
the official address point when street + number + postcode match one (point precision, with its
coordinates), else the postcode and commune (postcode or commune precision, no point)."""

from __future__ import annotations

from dataclasses import dataclass

from pyproj import Transformer

from bassins.codes import LAMBERT72, NONE, POINT, WGS84
from bassins.errors import DataNotLoadedError
from bassins.territory import store

_TO_WGS84 = Transformer.from_crs(LAMBERT72, WGS84, always_xy=True)


@dataclass(frozen=True)
class Placement:
    precision: str
    latitude: float | None = None
    longitude: float | None = None
    sector: str = ""
    commune: str = ""
    bassin: str = ""
    note: str = ""


def locate(street: str, number: str, postcode: str, commune_name: str) -> Placement:
    """Where the territory locator places this address (precision "none" when it cannot)."""
    if not (postcode or commune_name):
        return Placement(NONE, note="no postcode nor commune")
    try:
        found = store.locate_addresses(
            [postcode or None], [commune_name or None], [street or None], [number or None]
        ).iloc[0]
    except DataNotLoadedError as error:
        return Placement(NONE, note=str(error)[:300])
    precision = found["precision"] or NONE
    latitude = longitude = None
    if precision == POINT:
        index, _loaded = store.address_index([postcode])
        point = index.find(postcode, street, number)
        if point is not None:
            longitude, latitude = _TO_WGS84.transform(point[0], point[1])
    return Placement(
        precision=precision,
        latitude=latitude,
        longitude=longitude,
        sector=found.get("sector") or "",
        commune=found.get("commune") or "",
        bassin=found.get("bassin") or "",
        note=(found.get("note") or "")[:300],
    )


def place_event(event) -> Placement:
    """Fill the event's located fields from its address (nothing located for an online event)."""
    if not (event.postcode or event.commune_name):
        placement = Placement(NONE, note="online or no address")
    else:
        placement = locate(event.street, event.house_number, event.postcode, event.commune_name)
    event.precision = placement.precision
    event.latitude, event.longitude = placement.latitude, placement.longitude
    event.sector, event.commune = placement.sector or "", placement.commune or ""
    event.location_note = placement.note
    return placement
