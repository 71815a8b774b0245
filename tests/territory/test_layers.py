"""The layers built from the real Statbel sectors: counts, nesting, coverage, published areas."""

import pytest
import shapely

from bassins.territory.layers import proper


def test_real_layers_have_the_expected_counts(real_territories):
    counts = {name: len(frame) for name, frame in real_territories.layers.items()}
    assert counts == {
        "sector": 724,
        "submunicipality": 27,
        "commune": 19,
        "monitoring": 145,
        "bassin": 5,
        "region": 1,
    }


def test_seven_submunicipalities_of_bruxelles_ville(real_territories):
    subs = real_territories.layers["submunicipality"]
    city = subs[subs["commune"] == "21004"]
    assert list(city.index) == [f"21004{letter}" for letter in "ABCDEFG"]
    assert city.loc["21004A", "name_fr"] == "Bruxelles Pentagone"


def test_every_sector_is_in_exactly_one_bassin(real_territories):
    sectors = real_territories.sectors
    assert sectors["bassin"].notna().all()
    assert sorted(sectors["bassin"].unique()) == ["CO", "N", "NE", "S", "SE"]
    assert real_territories.layers["bassin"]["n_sectors"].sum() == 724


def test_bassins_cover_the_region_without_overlap_or_gap(real_territories):
    bassins = real_territories.layers["bassin"]
    region = real_territories.layers["region"].geometry.iloc[0]
    union = shapely.union_all(bassins.geometry.values)
    assert abs(union.area - region.area) / region.area < 1e-4
    assert abs(bassins.area_km2.sum() - region.area / 1e6) / (region.area / 1e6) < 1e-4
    overlaps = sum(
        a.intersection(b).area
        for i, a in enumerate(bassins.geometry)
        for b in bassins.geometry[i + 1 :]
    )
    assert overlaps / region.area < 1e-6
    assert shapely.symmetric_difference(union, region).area / region.area < 1e-4


def test_region_area_is_statbels(real_territories):
    assert real_territories.layers["region"].area_km2.iloc[0] == pytest.approx(162.42, abs=0.01)


@pytest.mark.parametrize("code, km2", [("CO", 34.0), ("S", 54.0), ("N", 31.8)])
def test_published_bassin_areas(real_territories, code, km2):
    assert real_territories.layers["bassin"].loc[code, "area_km2"] == pytest.approx(km2, abs=0.05)


def test_bassin_basis_is_carried(real_territories):
    bassins = real_territories.layers["bassin"]
    assert bassins.loc["NE", "basis"] == "stated"
    assert bassins.loc["CO", "basis"] == "partly inferred"
    sectors = real_territories.sectors
    assert set(sectors.loc[sectors["submunicipality"] == "21004C", "bassin_basis"]) == {"inferred"}
    assert set(sectors.loc[sectors["commune"] == "21015", "bassin_basis"]) == {"stated"}


def test_bruxelles_ville_is_split_over_three_bassins(real_territories):
    sectors = real_territories.sectors
    assert sorted(sectors.loc[sectors["commune"] == "21004", "bassin"].unique()) == ["CO", "N", "S"]


def test_proper_case_of_ibsa_names():
    assert proper("CHAUSSEE DE WAVRE - SAINT-JULIEN") == "Chaussee de Wavre - Saint-Julien"
    # the same title-caser as the directory's: particles after a bracket, roman numerals, initials
    assert proper("AMAZONE (RUE DE)") == "Amazone (Rue de)"
    assert proper("AVENUE LEOPOLD III") == "Avenue Leopold III"
    assert proper("AVENUE IS.GERARD") == "Avenue Is.Gerard"
    assert proper("AMITIE (PLACE DE L')") == "Amitie (Place de l')"
    assert proper("ANDERLECHT CENTRE - WAYEZ") == "Anderlecht Centre - Wayez"
