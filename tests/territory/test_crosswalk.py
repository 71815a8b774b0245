"""Hierarchy, vintage links and areal interpolation on the real layers."""

import geopandas as gpd
import pytest
import shapely

from bassins.config import data_file
from bassins.errors import InputError, UnknownCodeError
from bassins.territory import crosswalk, sources


@pytest.fixture(scope="module")
def membership(real_territories):
    return real_territories.membership()


def test_submunicipalities_nest_in_communes(membership):
    parents = crosswalk.parent_of(membership, "submunicipality", "commune")
    assert parents["21004C"] == "21004" and len(parents) == 27


def test_communes_do_not_nest_in_bassins_because_brussels_is_split(membership):
    with pytest.raises(InputError, match="commune '21004' lies in CO, N, S"):
        crosswalk.parent_of(membership, "commune", "bassin")
    shares = crosswalk.nesting(membership, "commune", "bassin").query("commune == '21004'")
    assert shares["n_sectors"].sum() == 107


def test_monitoring_quartiers_crossing_communes_are_shown(membership):
    pairs = crosswalk.nesting(membership, "monitoring", "commune")
    crossing = pairs[pairs["share"] < 1]["monitoring"].unique()
    assert "100" in crossing  # Chaussée de Wavre - Saint-Julien: Auderghem and Etterbeek


def test_aggregate_sums_exactly(membership, real_territories):
    ones = real_territories.sectors["area_km2"]
    by_bassin = crosswalk.aggregate(ones, membership, "bassin")
    assert by_bassin.sum() == pytest.approx(ones.sum())
    assert by_bassin["CO"] == pytest.approx(34.05, abs=0.01)
    with pytest.raises(UnknownCodeError, match="21999A00-"):
        crosswalk.aggregate(ones.rename({ones.index[0]: "21999A00-"}), membership, "bassin")


def test_interpolation_states_a_known_loss():
    # A 100 m x 100 m source square half outside the only target: half its count is lost, and the
    # report says so (with tobler's allocate_total=True it would be 0 by construction).
    source = gpd.GeoDataFrame(
        {"count": [100.0, 40.0]},
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(0, 100, 100, 200)],
        crs=31370,
    )
    target = gpd.GeoDataFrame(geometry=[shapely.box(50, 0, 200, 200)], crs=31370, index=["T"])
    values, report = crosswalk.interpolate(source, "count", target)
    assert values.to_dict() == pytest.approx({"T": 70.0})
    assert report.total_in == 140.0 and report.lost == pytest.approx(70.0)
    assert report.lost_share == pytest.approx(0.5)
    assert report.split_share == pytest.approx(1.0)  # both squares are cut by the target's edge
    assert "70.0 lost (50.000%)" in report.describe()


def test_interpolation_to_urbis_polygons_states_the_loss(real_territories):
    population = sources.read_sectors(data_file("boundaries/statbel_sectors_bxl_2022.gpkg"))[
        ["geometry"]
    ]
    population["count"] = 1000.0
    urbis = sources.read_monitoring_polygons(
        data_file("boundaries/monitoring_quartiers_145_wgs84.geojson")
    )
    values, report = crosswalk.interpolate(population, "count", urbis)
    assert len(values) == 145
    assert report.total_in == 724_000
    # The loss is the count of the sector area no UrbIS polygon covers, computed here independently
    # (about 4.4 of 724,000; the UrbIS polygons overlap a little, hence the tolerance).
    sectors = population.geometry.values
    covered = shapely.area(shapely.intersection(sectors, shapely.union_all(urbis.geometry.values)))
    expected_loss = float((1000.0 * (1 - covered / shapely.area(sectors))).sum())
    assert report.lost == pytest.approx(expected_loss, rel=1e-3)
    assert 4 < report.lost < 5
    assert 0 < report.lost_share < 1e-5  # both cover the region, up to boundary differences
    # UrbIS polygons do not follow the sector boundaries: part of the count is shared out by area.
    assert 0.05 < report.split_share < 0.6
    assert "cut by target boundaries" in report.describe()


def test_vintage_links_2022_to_2025():
    old = sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv"))
    new = sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2025.csv"))
    links = crosswalk.vintage_crosswalk(old, new)
    per_relation = links.groupby("relation")["old_code"].nunique().to_dict()
    assert per_relation == {"same code": 596, "recoded": 107, "split": 21}
    assert sum(per_relation.values()) == 724
    recoded = links.set_index("old_code").loc["21001A00-"]
    assert recoded["new_code"] == "21001A00K" and recoded["same_quartier"]
    # every 2025 code is reached
    assert set(links["new_code"].dropna()) == set(new.index)
