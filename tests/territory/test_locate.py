"""Point → territory lookup on the real sectors, against an independent oracle."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from bassins.config import data_file
from bassins.errors import CoordinateSystemError, InputError
from bassins.territory.locate import SectorIndex, to_lambert72


@pytest.fixture(scope="module")
def index(real_territories):
    return SectorIndex(real_territories.sectors)


@pytest.fixture(scope="module")
def pharmacies():
    return pd.read_csv(data_file("services/afmps_pharmacies_bxl_2022.csv"), dtype={"postcode": str})


def test_grand_place_is_in_the_pentagone(index):
    row = index.locate([4.3525], [50.8467]).iloc[0]
    assert row["sector"] == "21004A001" and row["commune"] == "21004" and row["bassin"] == "CO"
    assert row["submunicipality"] == "21004A" and row["monitoring"] == "1" and row["inside"]


def test_same_answer_in_every_crs(index, pharmacies):
    wgs = index.locate(pharmacies["lon"], pharmacies["lat"])
    l08 = index.locate(pharmacies["x_lambert2008"], pharmacies["y_lambert2008"], crs="EPSG:3812")
    assert (wgs["sector"] == l08["sector"]).all()
    assert wgs["inside"].all()


def test_random_points_match_a_geopandas_join(index, real_territories):
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = real_territories.sectors.total_bounds
    x, y = rng.uniform(minx, maxx, 20_000), rng.uniform(miny, maxy, 20_000)
    ours = index.locate(x, y, crs="EPSG:31370")
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=31370)
    joined = gpd.sjoin(
        points,
        real_territories.sectors[["geometry"]].reset_index(),
        how="left",
        predicate="intersects",
    )
    joined = joined[~joined.index.duplicated()]
    expected = [code if isinstance(code, str) else None for code in joined["code"]]
    assert ours["sector"].tolist() == expected
    assert 0.4 < ours["inside"].mean() < 0.8  # the bounding box is larger than the region


def test_points_outside_are_answered_not_raised(index):
    frame = index.locate([4.70, 4.3525, np.nan], [50.88, 50.8467, 50.0])
    assert frame["status"].tolist() == ["outside", "inside", "invalid"]
    assert frame.loc[0, "sector"] is None and frame.loc[0, "bassin"] is None
    assert int((~frame["inside"]).sum()) == 2


def test_lambert_given_as_wgs84_is_refused():
    with pytest.raises(CoordinateSystemError, match="not a longitude/latitude"):
        to_lambert72([648540.1], [670747.4], "EPSG:4326")


def test_wgs84_given_as_lambert_is_refused():
    with pytest.raises(CoordinateSystemError, match="look like longitude/latitude"):
        to_lambert72([4.35], [50.85], "EPSG:31370")


def test_unknown_crs_and_mismatched_lengths():
    with pytest.raises(CoordinateSystemError, match="unknown coordinate reference system"):
        to_lambert72([1], [2], "EPSG:999999")
    with pytest.raises(InputError, match="2 x values but 1 y values"):
        to_lambert72([1, 2], [3], "EPSG:31370")
