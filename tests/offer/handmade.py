"""A tiny hand-made territory and directory for the unit tests of the offer modules.

Four sectors: s1 (sub-municipality A1, commune C1, bassin X), s2 (A2, C1, Y), s3 (B1, C2, Y),
s4 (B2, C2, Y); 100, 300, 200 and 400 inhabitants (1,000; the commune file says 1,010 for the region:
10 residents in no known sector). Commune C1 is split between the bassins X and Y.
"""

import datetime as dt

import pandas as pd

from bassins.offer.analysis import OfferAnalysis, OfferInputs
from bassins.offer.inputs import LOCATION_COLUMNS
from bassins.population import readers
from bassins.population.aggregate import population_for_layer

DATE = dt.date(2020, 1, 1)
MEMBERSHIP = pd.DataFrame(
    {
        "submunicipality": ["A1", "A2", "B1", "B2"],
        "commune": ["C1", "C1", "C2", "C2"],
        "monitoring": None,
        "qss": None,
        "bassin": ["X", "Y", "Y", "Y"],
        "region": "04000",
    },
    index=pd.Index(["s1", "s2", "s3", "s4"], name="sector"),
)
SECTOR_POPULATION = {"s1": 100, "s2": 300, "s3": 200, "s4": 400}
COMMUNE_POPULATION = {"04000": 1_010, "C1": 402, "C2": 608}


def tidy(rows: dict, layer: str, basis: str = readers.OFFICIAL) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "layer": "region" if code == "04000" else layer,
                "area_code": code,
                "population": n,
                "males": None,
                "females": None,
                "reference_date": DATE,
                "basis": basis,
                "source": f"hand_{layer}",
                "source_label": f"Hand-made {layer} population",
                "source_file": f"{layer}.csv",
                "sector_vintage": "2022",
                "note": "",
            }
            for code, n in rows.items()
        ],
        columns=readers.COLUMNS,
    )


def populations() -> dict:
    communes, sectors = tidy(COMMUNE_POPULATION, "commune"), tidy(SECTOR_POPULATION, "sector")
    return {
        layer: population_for_layer(layer, MEMBERSHIP, communes=communes, sectors=sectors)
        for layer in ("sector", "submunicipality", "commune", "bassin", "region")
    }


def location(service, category, precision, *, sector=None, commune=None, ho=True, site=True, **kw):
    row = {column: None for column in [*LOCATION_COLUMNS, "postcode"]}
    row.update(
        service_id=service,
        organization_id=kw.pop("organization_id", f"O{service}"),
        location_id=kw.pop("location_id", f"L{service}"),
        category=category,
        is_head_office=ho,
        is_site=site,
        precision=precision,
        sector=sector,
        commune=commune,
        source="hand",
        status=kw.pop("status", "active"),
        extract_date="2026-08-10",
    )
    row.update(kw)
    return row


def locations() -> pd.DataFrame:
    """U1 (a) at a point in s1; U2 (b) at a point in s3; U3 (a) known by commune C1 only (split
    between X and Y); U4 (b) known only to be in the region (a Brussels postcode); U5 (a) not located."""
    rows = [
        location("U1", "a", "point", sector="s1"),
        location("U2", "b", "point", sector="s3"),
        location("U3", "a", "commune", commune="C1"),
        location("U4", "b", "postcode", postcode="1050"),
        location("U5", "a", "none"),
    ]
    frame = pd.DataFrame(rows)
    return frame[[*LOCATION_COLUMNS, "postcode"]]


def analysis(**changes) -> OfferAnalysis:
    inputs = OfferInputs(
        locations=changes.pop("locations", locations()),
        membership=MEMBERSHIP,
        areas=changes.pop("areas", None),
        populations=changes.pop("populations", populations()),
    )
    return OfferAnalysis(inputs)


# -- Bruxelles-Ville by postcode: the sub-municipalities of the one Brussels postcode table ----------

#: Four sectors with the real codes of the postcode table: Pentagone (21004A, CO, 100 inhabitants) and
#: Louise (21004C, S, 300) under postcode 1000, Laeken (21004E, N, 600) under 1020, and Schaerbeek
#: (21015A, NE, 1,000).
CITY_MEMBERSHIP = pd.DataFrame(
    {
        "submunicipality": ["21004A", "21004C", "21004E", "21015A"],
        "commune": ["21004", "21004", "21004", "21015"],
        "monitoring": None,
        "qss": None,
        "bassin": ["CO", "S", "N", "NE"],
        "region": "04000",
    },
    index=pd.Index(["t1", "t2", "t3", "t4"], name="sector"),
)
CITY_SECTOR_POPULATION = {"t1": 100, "t2": 300, "t3": 600, "t4": 1_000}
CITY_COMMUNE_POPULATION = {"04000": 2_000, "21004": 1_000, "21015": 1_000}


def city_locations() -> pd.DataFrame:
    """V1, V2 (a) known by postcode 1000 in Bruxelles-Ville; V3 (b) by the commune only; V4 (b) at a
    point in Schaerbeek; V5 (a) by postcode 1020 (Laeken: placed in N)."""
    rows = [
        location("V1", "a", "postcode", commune="21004", postcode="1000"),
        location("V2", "a", "postcode", commune="21004", postcode="1000"),
        location("V3", "b", "commune", commune="21004"),
        location("V4", "b", "point", sector="t4"),
        location("V5", "a", "postcode", commune="21004", postcode="1020"),
    ]
    return pd.DataFrame(rows)[[*LOCATION_COLUMNS, "postcode"]]


def city_analysis(**changes) -> OfferAnalysis:
    communes = tidy(CITY_COMMUNE_POPULATION, "commune")
    sectors = tidy(CITY_SECTOR_POPULATION, "sector")
    populations = {
        layer: population_for_layer(layer, CITY_MEMBERSHIP, communes=communes, sectors=sectors)
        for layer in ("sector", "submunicipality", "commune", "bassin", "region")
    }
    inputs = OfferInputs(
        locations=changes.pop("locations", city_locations()),
        membership=CITY_MEMBERSHIP,
        areas=None,
        populations=populations,
    )
    return OfferAnalysis(inputs)
