"""A small hand-built directory for the golden tests of the offer analysis.

Seven sectors in three communes: Anderlecht (21001, bassin CO), Bruxelles-Ville (21004, split between
CO for 21004A and N for 21004E) and Schaerbeek (21015, bassin NE). Thirteen services (S1..S13), S11 inactive.
Every expected figure of the tests is worked out by hand in `test_golden.py`.
"""

import datetime as dt

import pandas as pd

from bassins.offer.inputs import LOCATION_COLUMNS
from bassins.population import readers

D2020 = dt.date(2020, 1, 1)

MEMBERSHIP = pd.DataFrame(
    [
        ("21001A00-", "21001A", "21001", "1", "CO"),
        ("21001B11-", "21001B", "21001", "2", "CO"),
        ("21004A00-", "21004A", "21004", "3", "CO"),
        ("21004E01-", "21004E", "21004", "4", "N"),
        ("21004E12-", "21004E", "21004", "6", "N"),
        ("21015A00-", "21015A", "21015", "5", "NE"),
        ("21015B01-", "21015B", "21015", "7", "NE"),
    ],
    columns=["sector", "submunicipality", "commune", "monitoring", "bassin"],
).set_index("sector")
MEMBERSHIP["region"] = "04000"
MEMBERSHIP["qss"] = None

#  id   service category       HO     site   precision   sector       sub       commune  bassin status
_ROWS = [
    ("L1", "S1", "cpas", True, True, "point", "21001A00-", None, "21001", "CO", "active"),
    ("L2", "S2", "mental_health", True, False, "point", "21001B11-", None, None, None, "active"),
    ("L3", "S2", "mental_health", False, True, "point", "21004A00-", None, None, None, "active"),
    ("L4", "S3", "food_aid", True, True, "point", "21004A00-", None, None, None, "active"),
    ("L5", "S4", "cpas", True, True, "point", "21004E01-", None, None, None, "active"),
    # commune precision in Bruxelles-Ville: a bassin given by the importer must be ignored
    ("L6", "S5", "mental_health", True, False, "commune", None, None, "21004", "N", "active"),
    ("L7", "S5", "mental_health", False, True, "point", "21004E01-", None, None, None, "active"),
    # postcode 1020 (Laeken): sub-municipality 21004E known, so bassin N, but not the quartier
    ("L8", "S6", "food_aid", True, False, "postcode", None, "21004E", "21004", None, "active"),
    ("L9", "S7", "cpas", True, True, "point", "21015A00-", None, None, None, "active"),
    ("L10", "S7", "cpas", False, True, "point", "21015B01-", None, None, None, "active"),
    ("L11", "S8", "mental_health", True, True, "point", "21015B01-", None, None, None, "active"),
    (
        "L12",
        "S9",
        "food_aid",
        True,
        False,
        "point",
        None,
        None,
        None,
        None,
        "active",
    ),  # outside the region
    ("L13", "S9", "food_aid", False, True, "point", "21015A00-", None, None, None, "active"),
    ("L14", "S10", "mental_health", True, False, "none", None, None, None, None, "active"),
    ("L15", "S10", "mental_health", False, True, "point", "21001A00-", None, None, None, "active"),
    ("L16", "S11", "food_aid", True, True, "point", "21001A00-", None, None, None, "inactive"),
    # S12 has no head-office row: it takes the head office of its organisation (that of S7)
    ("L17", "S12", "cpas", False, True, "commune", None, None, "21015", None, "active"),
    # S13: no head-office row and no organisation head office
    ("L18", "S13", "mental_health", False, True, "point", "21004E12-", None, None, None, "active"),
]
ORGANIZATION = {"S12": "OS7"}


def locations() -> pd.DataFrame:
    rows = []
    for loc, service, category, ho, site, precision, sector, sub, commune, bassin, status in _ROWS:
        rows.append(
            {
                "service_id": service,
                "service_name_fr": f"Service {service}",
                "service_name_nl": None,
                "organization_id": ORGANIZATION.get(service, f"O{service}"),
                "location_id": loc,
                "category": category,
                "is_head_office": ho,
                "is_site": site,
                "precision": precision,
                "sector": sector,
                "submunicipality": sub,
                "commune": commune,
                "monitoring": None,
                "bassin": bassin,
                "qss": None,
                "source": "golden",
                "status": status,
                "extract_date": "2026-08-10",
            }
        )
    return pd.DataFrame(rows, columns=LOCATION_COLUMNS)


def service_areas() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("S1", "commune", "21001"),
            ("S2", "bassin", "CO"),
            ("S3", "region", "04000"),
            ("S4", "sector", "21004E01-"),
            ("S5", "commune", "21004"),
            ("S7", "commune", "21015"),
            ("S8", "commune", "21015"),
            ("S8", "commune", "21015"),  # repeated declaration
            ("S6", "commune", "99999"),  # an area that does not exist
            ("S11", "commune", "21001"),  # inactive service
            ("S99", "commune", "21001"),  # service absent from the directory frame
        ],
        columns=["service_id", "layer", "area_code"],
    )


def sources() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "source": "golden",
                "records": 17,
                "extract_date": "2026-08-10",
                "label": "Hand-built golden directory",
            }
        ]
    )


def _tidy(rows, layer, basis):
    return pd.DataFrame(
        [
            {
                "layer": "region" if code == "04000" else layer,
                "area_code": code,
                "population": n,
                "males": None,
                "females": None,
                "reference_date": D2020,
                "basis": basis,
                "source": f"golden_{layer}",
                "source_label": f"Golden {layer} population",
                "source_file": f"{layer}.csv",
                "sector_vintage": "2022",
                "note": "inferred ≈ 2020-01-01" if basis == readers.INFERRED_DATE else "",
            }
            for code, n in rows.items()
        ],
        columns=readers.COLUMNS,
    )


COMMUNES = _tidy(
    {"04000": 24_000, "21001": 10_000, "21004": 6_000, "21015": 8_000}, "commune", readers.OFFICIAL
)
SECTORS = _tidy(
    {
        "21001A00-": 6_000,
        "21001B11-": 4_000,
        "21004A00-": 2_000,
        "21004E01-": 2_000,
        "21004E12-": 1_900,
        "21015A00-": 5_000,
        "21015B01-": 3_000,
    },
    "sector",
    readers.INFERRED_DATE,
)
SECTOR_AREAS = pd.Series(
    {
        "21001A00-": 1.0,
        "21001B11-": 1.0,
        "21004A00-": 1.0,
        "21004E01-": 1.0,
        "21004E12-": 2.0,
        "21015A00-": 1.0,
        "21015B01-": 1.0,
    }
)


def populations(with_sectors: bool = True) -> dict:
    from bassins.population.aggregate import population_for_layer

    sectors = SECTORS if with_sectors else None
    weights = None if with_sectors else SECTOR_AREAS
    return {
        layer: population_for_layer(
            layer, MEMBERSHIP, communes=COMMUNES, sectors=sectors, weights=weights
        )
        for layer in ("bassin", "commune", "region", "monitoring", "submunicipality", "sector")
    }


def inputs(with_sectors: bool = True):
    from bassins.offer.analysis import OfferInputs

    return OfferInputs(
        locations=locations(),
        membership=MEMBERSHIP,
        areas=service_areas(),
        sources=sources(),
        populations=populations(with_sectors),
    )


# Area names and categories of the golden pages.
NAMES = {
    "bassin": pd.DataFrame(
        {
            "name_fr": ["Centre-Ouest", "Nord", "Nord-Est"],
            "name_nl": ["Centrum-West", "Noord", "Noord-Oost"],
        },
        index=["CO", "N", "NE"],
    ),
    "commune": pd.DataFrame(
        {
            "name_fr": ["Anderlecht", "Bruxelles", "Schaerbeek"],
            "name_nl": ["Anderlecht", "Brussel", "Schaarbeek"],
        },
        index=["21001", "21004", "21015"],
    ),
    "region": pd.DataFrame(
        {
            "name_fr": ["Région de Bruxelles-Capitale"],
            "name_nl": ["Brussels Hoofdstedelijk Gewest"],
        },
        index=["04000"],
    ),
}
CATEGORIES = pd.DataFrame(
    {
        "slug": ["cpas", "mental_health", "food_aid"],
        "label_fr": ["CPAS", "Santé mentale", "Aide alimentaire"],
        "label_nl": ["OCMW", "Geestelijke gezondheid", "Voedselhulp"],
        "label_en": ["PCSW", "Mental health", "Food aid"],
    }
)
