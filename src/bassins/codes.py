"""The codes and rules every part of bassins shares, defined once: region code, layer codes, location
precisions, coordinate reference systems and their Belgian ranges, and the "in the region" rule.

Pure module (no Django, no heavy import): territory, directory, population and offer import from here
instead of repeating the literals.
"""

from __future__ import annotations

import math

#: REFNIS code of the Brussels-Capital Region (Statbel `cd_rgn_refnis`).
REGION_CODE = "04000"

# -- layer codes, finest first ----------------------------------------------------------------------
SECTOR = "sector"
SUBMUNICIPALITY = "submunicipality"
COMMUNE = "commune"
MONITORING = "monitoring"
MONITORING_URBIS = "monitoring_urbis"  # the UrbIS polygons of the Monitoring quartiers (display)
QSS = "qss"
BASSIN = "bassin"
REGION = "region"
#: The statistical hierarchy (every layer is a dissolve of sectors), finest first.
LAYER_CODES = (SECTOR, SUBMUNICIPALITY, COMMUNE, MONITORING, QSS, BASSIN, REGION)

# -- the five bassins d'aide et de soins ----------------------------------------------------------
#: The bassins' codes, as in the reference table `reference/bassins_2024.csv`.
BASSIN_CODES = ("CO", "N", "NE", "S", "SE")
#: Their URL slugs, in each interface language (the bassins' official FR and NL names, slugified;
#: English pages use the French names, as the bassins themselves do).
BASSIN_SLUGS = {
    "fr": {"N": "nord", "NE": "nord-est", "S": "sud", "SE": "sud-est", "CO": "centre-ouest"},
    "nl": {"N": "noord", "NE": "noord-oost", "S": "zuid", "SE": "zuid-oost", "CO": "centrum-west"},
}
BASSIN_SLUGS["en"] = BASSIN_SLUGS["fr"]


def bassin_slug(code: str, language: str) -> str:
    """The URL slug of bassin `code` in `language` (fr, nl, en; any other language gets French)."""
    return BASSIN_SLUGS.get(language, BASSIN_SLUGS["fr"])[code]


def bassin_from_slug(slug: str) -> tuple[str, str] | None:
    """(bassin code, language of the slug) for a slug in any language, None when it names no bassin.

    French first: "nord" is French (and English), "noord" Dutch.
    """
    for language in ("fr", "nl"):
        for code, candidate in BASSIN_SLUGS[language].items():
            if candidate == slug:
                return code, language
    return None


# -- precision of a location's placement, finest first ----------------------------------------------
POINT = "point"  # coordinates (given, or from an official address point)
POSTCODE = "postcode"  # the postcode (and commune name) only
COMMUNE_ONLY = "commune"  # the commune name only (same word as the layer, on purpose)
NONE = "none"  # not placed
PRECISIONS = (POINT, POSTCODE, COMMUNE_ONLY, NONE)

# -- coordinate reference systems ---------------------------------------------------------------------
LAMBERT72 = "EPSG:31370"  # Belgian Lambert 72, metres: the CRS of Statbel's sectors
LAMBERT2008 = "EPSG:3812"  # Belgian Lambert 2008, metres
WGS84 = "EPSG:4326"  # longitude/latitude degrees
#: Belgium in each CRS (min x, min y, max x, max y), with a small margin. The two Lambert ranges do
#: not overlap (Lambert 2008 = Lambert 72 + about 500 km on both axes), nor do the swapped degrees.
BELGIUM_L72 = (15_000.0, 15_000.0, 300_000.0, 250_000.0)
BELGIUM_L2008 = (515_000.0, 515_000.0, 800_000.0, 750_000.0)
BELGIUM_WGS84 = (2.5, 49.45, 6.45, 51.55)  # lon min, lat min, lon max, lat max
#: The Brussels-Capital Region in EPSG:31370, with a margin of a few km.
BRUSSELS_BOUNDS_L72 = (138_000.0, 160_000.0, 162_000.0, 182_000.0)

# -- the "in the region" rule -----------------------------------------------------------------------
#: A point this close to the region's outline (metres) counts as in the region, placed in the nearest
#: sector: geocoding puts some addresses a few tens of metres off (Cliniques universitaires
#: Saint-Luc, 1200 Woluwe-Saint-Lambert, lies 42 m outside the Statbel outline in GISCO's file).
REGION_TOLERANCE_M = 50.0
#: Brussels postcodes: 1000-1299 (the 22 locality postcodes and institutions' own, e.g. 1110 NATO).
BRUSSELS_POSTCODES = (1000, 1299)


def is_brussels_postcode(postcode) -> bool:
    """A postcode of the Brussels-Capital Region (1000-1299), given as text or number."""
    text = "" if postcode is None else str(postcode).strip()
    if text.endswith(".0"):
        text = text[:-2]
    low, high = BRUSSELS_POSTCODES
    return len(text) == 4 and text.isdigit() and low <= int(text) <= high


def in_region(precision, inside_region, postcode=None, commune=None) -> bool:
    """THE rule: is a location in the Brussels-Capital Region?

    - placed by a point (precision "point"): its point lies in the region or within
      REGION_TOLERANCE_M of it, which the placement recorded as `inside_region`; the postcode does not
      overrule the point;
    - otherwise (postcode, commune): it has a Brussels commune code or a Brussels postcode, unless the
      placement found it outside (`inside_region` False);
    - not placed (precision "none" or empty): not counted in the region.
    """
    if _missing(precision) or precision == NONE:
        return False
    inside = None if _missing(inside_region) else bool(inside_region)
    if precision == POINT:
        return bool(inside)
    if inside is False:
        return False
    has_commune = isinstance(commune, str) and len(commune) == 5 and commune.startswith("21")
    return has_commune or is_brussels_postcode(postcode)


def _missing(value) -> bool:
    if value is None or type(value).__name__ == "NAType":
        return True
    return (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value)
    )
