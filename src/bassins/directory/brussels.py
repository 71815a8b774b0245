"""Brussels facts the directory's parsers need without a database: communes, postcodes, authorities.

The 19 communes (REFNIS codes 21001..21019) with their French and Dutch names, the spellings met in the
sources (AFMPS writes "Sint-jans-molenbeek", hospitals "BRUXELLES--7"...), the Brussels postcodes with
their postal locality, and the vocabularies of the Brussels profile (competent authority, location
precision). Territory *geometry* lives in bassins.territory; this module only names things. Pure.
"""

from __future__ import annotations

import re

from bassins.codes import PRECISIONS, REGION_CODE, is_brussels_postcode  # noqa: F401 (defined once)
from bassins.names import fold  # noqa: F401 (the one normaliser)
from bassins.territory.postcode import brussels_postcodes

#: REFNIS code -> (French name, Dutch name), official long forms.
COMMUNES: dict[str, tuple[str, str]] = {
    "21001": ("Anderlecht", "Anderlecht"),
    "21002": ("Auderghem", "Oudergem"),
    "21003": ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    "21004": ("Bruxelles", "Brussel"),
    "21005": ("Etterbeek", "Etterbeek"),
    "21006": ("Evere", "Evere"),
    "21007": ("Forest", "Vorst"),
    "21008": ("Ganshoren", "Ganshoren"),
    "21009": ("Ixelles", "Elsene"),
    "21010": ("Jette", "Jette"),
    "21011": ("Koekelberg", "Koekelberg"),
    "21012": ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    "21013": ("Saint-Gilles", "Sint-Gillis"),
    "21014": ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
    "21015": ("Schaerbeek", "Schaarbeek"),
    "21016": ("Uccle", "Ukkel"),
    "21017": ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    "21018": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    "21019": ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
}

#: Brussels postcode -> (postal locality FR, postal locality NL, communes the postcode can lie in),
#: from the one Brussels postcode table (bassins.territory.postcode.brussels_postcodes).
POSTCODES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    row["postcode"]: (row["locality_fr"], row["locality_nl"], tuple(row["communes"].split()))
    for row in brussels_postcodes()
}

#: Competent authorities of the Brussels profile (value stored, FR label, NL label, EN label).
AUTHORITIES: dict[str, tuple[str, str, str]] = {
    "cocom": (
        "Commission communautaire commune (COCOM, bicommunautaire)",
        "Gemeenschappelijke Gemeenschapscommissie (GGC, bicommunautair)",
        "Common Community Commission (COCOM)",
    ),
    "cocof": (
        "Commission communautaire française (COCOF)",
        "Franse Gemeenschapscommissie (COCOF)",
        "French Community Commission (COCOF)",
    ),
    "vgc": (
        "Vlaamse Gemeenschapscommissie (VGC)",
        "Vlaamse Gemeenschapscommissie (VGC)",
        "Flemish Community Commission (VGC)",
    ),
    "federal": ("Fédéral", "Federaal", "Federal"),
    "regional": (
        "Région de Bruxelles-Capitale",
        "Brussels Hoofdstedelijk Gewest",
        "Brussels-Capital Region",
    ),
    "communal": (
        "Communal (commune ou CPAS)",
        "Gemeentelijk (gemeente of OCMW)",
        "Municipal (commune or CPAS)",
    ),
}


def _commune_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, (fr, nl) in COMMUNES.items():
        for name in (fr, nl):
            index[fold(name)] = code
    for _postcode, (fr, nl, communes) in POSTCODES.items():
        if len(communes) == 1:
            index.setdefault(fold(fr), communes[0])
            index.setdefault(fold(nl), communes[0])
    # Short forms and spellings met in the sources.
    extra = {
        "molenbeek": "21012",
        "saint josse": "21014",
        "sint joost": "21014",
        "st josse": "21014",
        "berchem": "21003",
        "woluwe st lambert": "21018",
        "woluwe st pierre": "21019",
        "st gilles": "21013",
        "brussel navo nato": "21004",
        "bruxelles ville": "21004",
        "ville de bruxelles": "21004",
        "stad brussel": "21004",
        "watermael": "21017",
        "boitsfort": "21017",
    }
    index.update(extra)
    return index


_COMMUNE_INDEX = _commune_index()


def commune_code(name: str | None) -> str | None:
    """REFNIS code of a Brussels commune named in French, Dutch or a known variant; None if unknown."""
    if not name:
        return None
    key = fold(name)
    if key in _COMMUNE_INDEX:
        return _COMMUNE_INDEX[key]
    if re.fullmatch(r"2100\d|2101\d", key):
        return key if key in COMMUNES else None
    return None


def postal_locality(postcode: str | None, language: str = "fr") -> str:
    """Postal locality of a Brussels postcode ("1020" -> "Laeken"), '' when not a Brussels postcode."""
    if not postcode or postcode not in POSTCODES:
        return ""
    fr, nl, _ = POSTCODES[postcode]
    return nl if language == "nl" else fr
