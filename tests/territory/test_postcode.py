"""Addresses without coordinates: postcode + commune → territory, with the precision reported."""

import pandas as pd
import pytest

from bassins.config import data_file
from bassins.territory.locate import SectorIndex
from bassins.territory.postcode import (
    AddressLocator,
    brussels_postcodes,
    normalise_name,
    postcode_submunicipalities,
    read_postcode_table,
)


@pytest.fixture(scope="module")
def locator(real_territories):
    table = read_postcode_table(data_file("reference/postcode_to_refnis_be.csv"))
    return AddressLocator.build(
        table, real_territories.layers["commune"], real_territories.membership()
    )


def test_postcode_table_splits_multi_commune_codes():
    table = read_postcode_table(data_file("reference/postcode_to_refnis_be.csv")).set_index(
        "postcode"
    )
    assert table.loc["1000", "communes"] == ["21004", "21005", "21009"]
    assert table.loc["1030", "communes"] == ["21015"]


def test_commune_names_in_french_dutch_and_variants(locator):
    assert locator.commune_code("Sint-Jans-Molenbeek") == "21012"
    assert locator.commune_code("MOLENBEEK-ST-JEAN") == "21012"
    assert locator.commune_code("Elsene") == "21009"
    assert locator.commune_code("Laeken") == "21004"
    assert normalise_name("Woluwé-St-Lambert") == "woluwe st lambert"  # bassins.names.fold
    assert locator.commune_code("Woluwé-St-Lambert") == "21018"
    assert locator.commune_code("Berchem-Ste-Agathe") == "21003"
    assert locator.commune_code("St-Josse") == "21014"


@pytest.mark.parametrize(
    "postcode, commune, expected",
    [
        ("1030", "Schaerbeek", ("21015", "NE", "postcode")),
        ("1030", None, ("21015", "NE", "postcode")),
        ("1000", "Bruxelles", ("21004", None, "postcode")),  # 1000 spans Centre-Ouest and Sud
        ("1020", "Laeken", ("21004", "N", "postcode")),
        ("1050", "Bruxelles", ("21004", "S", "postcode")),
        ("1050", "Ixelles", ("21009", "S", "postcode")),
        ("1050", None, (None, None, "none")),  # 1050 spans Bruxelles and Ixelles
        # 1000 lies in Bruxelles-Ville only (the one Brussels postcode table, from the BeST streets),
        # although the national copy says 21004-21005-21009: placed by postcode, no bassin.
        ("1000", None, ("21004", None, "postcode")),
        ("1040", None, (None, None, "none")),  # Etterbeek and Bruxelles-Ville
        ("1110", None, ("21004", "N", "postcode")),  # NATO, Haren: not in Statbel's table
        (None, "Uccle", ("21016", "S", "commune")),
        ("9999", "Forest", ("21007", "S", "commune")),
        ("2000", None, (None, None, "none")),  # Antwerp: outside the region
    ],
)
def test_precision_follows_what_the_address_allows(locator, postcode, commune, expected):
    row = locator.locate_one(postcode, commune)
    assert (row["commune"], row["bassin"], row["precision"]) == expected


def test_all_afmps_pharmacies_agree_with_their_coordinates(real_territories, locator):
    """The issue's figure: ≥ 98% of the 592 pharmacies fall in the commune of their postcode."""
    pharmacies = pd.read_csv(
        data_file("services/afmps_pharmacies_bxl_2022.csv"), dtype={"postcode": str}
    )
    assert len(pharmacies) == 592
    by_point = SectorIndex(real_territories.sectors).locate(pharmacies["lon"], pharmacies["lat"])
    by_address = locator.locate(pharmacies["postcode"], pharmacies["municipality"])
    agree = by_point["commune"] == by_address["commune"]
    assert by_point["inside"].all()
    assert agree.mean() >= 0.98
    disagreeing = pharmacies.loc[~agree, ["name", "postcode", "municipality"]]
    # The rest, listed: pharmacies on the Bruxelles-Ville side of Avenue Louise / Schuman filed under
    # Ixelles or Etterbeek, and one on the Saint-Gilles side filed under Ixelles.
    assert len(disagreeing) == 5
    assert sorted(disagreeing["postcode"]) == ["1040", "1050", "1050", "1050", "1050"]
    placed = by_address["bassin"].notna()
    assert (by_address.loc[placed, "bassin"] == by_point.loc[placed, "bassin"]).mean() > 0.99


def test_undetermined_codes_are_none_not_nan(locator):
    anderlecht = locator.locate_one("1070", "Anderlecht")  # three sub-municipalities
    city = locator.locate_one(None, "Bruxelles")  # three bassins
    assert anderlecht["submunicipality"] is None and anderlecht["bassin"] == "CO"
    assert (
        city["bassin"] is None
        and city["submunicipality"] is None
        and city["precision"] == "commune"
    )


def test_postcode_submunicipalities_agree_with_the_territories(real_territories):
    """The sub-municipalities a postcode may cover (the one Brussels postcode table): each exists, lies
    in one of the postcode's communes and, when the table fixes the postcode's bassin, in that bassin;
    1000 never covers Laeken, Neder-Over-Heembeek or Haren (bassin Nord)."""
    membership = real_territories.membership()
    by_postcode = postcode_submunicipalities()
    assert by_postcode["1000"] == ("21004A", "21004B", "21004C", "21004D")
    assert by_postcode["1020"] == ("21004E", "21004F")
    assert set(
        membership.loc[membership["submunicipality"].isin(by_postcode["1000"]), "bassin"]
    ) == {
        "CO",
        "S",
    }
    rows = {row["postcode"]: row for row in brussels_postcodes()}
    for postcode, subs in by_postcode.items():
        row = rows[postcode]
        assert not row["submunicipality"] or row["submunicipality"] in subs, postcode
        for sub in subs:
            sectors = membership[membership["submunicipality"] == sub]
            assert len(sectors), (postcode, sub)
            assert set(sectors["commune"]) <= set(row["communes"].split()), (postcode, sub)
            if row["bassin"]:
                assert set(sectors["bassin"]) == {row["bassin"]}, (postcode, sub)
    # every other postcode lies in one commune and no sub-municipality is listed for it
    assert all(len(r["communes"].split()) == 1 for p, r in rows.items() if p not in by_postcode)
