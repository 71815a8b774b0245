"""Point → territory lookup on the real sectors, against an independent oracle."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

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


def test_the_index_without_a_grid_gives_the_same_answers(index, real_territories):
    # random points, and points on shared boundaries (a sector's vertices), outside and NaN
    rng = np.random.default_rng(11)
    minx, miny, maxx, maxy = real_territories.sectors.total_bounds
    x, y = rng.uniform(minx, maxx, 5_000), rng.uniform(miny, maxy, 5_000)
    vertices = shapely.get_coordinates(real_territories.sectors.geometry.iloc[0])
    x = np.r_[x, vertices[:, 0], np.nan]
    y = np.r_[y, vertices[:, 1], 50.0]
    plain = SectorIndex(real_territories.sectors, cell_size=None)
    assert plain.grid is None
    ours = plain.sector_positions(x, y)
    assert ours.tolist() == index.sector_positions(x, y).tolist()
    assert (ours >= 0).sum() > 2_000 and ours[-1] == -1


def test_points_outside_are_answered_not_raised(index):
    frame = index.locate([4.70, 4.3525, np.nan], [50.88, 50.8467, 50.0])
    assert frame["status"].tolist() == ["outside", "inside", "invalid"]
    assert frame.loc[0, "sector"] is None and frame.loc[0, "bassin"] is None
    assert int((~frame["inside"]).sum()) == 2


def test_lambert_given_as_wgs84_is_refused():
    with pytest.raises(CoordinateSystemError, match="not a longitude/latitude"):
        to_lambert72([648540.1], [670747.4], "EPSG:4326")


def test_wgs84_given_as_lambert_is_refused():
    with pytest.raises(CoordinateSystemError, match="looks like longitude/latitude degrees"):
        to_lambert72([4.35], [50.85], "EPSG:31370")


def test_unknown_crs_and_mismatched_lengths():
    with pytest.raises(CoordinateSystemError, match="unknown coordinate reference system"):
        to_lambert72([1], [2], "EPSG:999999")
    with pytest.raises(InputError, match="2 x values but 1 y values"):
        to_lambert72([1, 2], [3], "EPSG:31370")


# -- coordinates in the wrong CRS are refused, not answered as "outside" ------------------------------
# The Grand-Place in the three systems (pyproj): Lambert 72, Lambert 2008, WGS84.
GRAND_PLACE_L72 = (148_855.4, 170_699.7)
GRAND_PLACE_L2008 = (648_855.0, 670_699.9)
GRAND_PLACE_WGS84 = (4.3525, 50.8467)


def test_the_grand_place_is_the_same_point_in_the_three_systems(index):
    rows = [
        index.locate([GRAND_PLACE_L72[0]], [GRAND_PLACE_L72[1]], crs="EPSG:31370"),
        index.locate([GRAND_PLACE_L2008[0]], [GRAND_PLACE_L2008[1]], crs="EPSG:3812"),
        index.locate([GRAND_PLACE_WGS84[0]], [GRAND_PLACE_WGS84[1]]),
    ]
    assert [row.loc[0, "sector"] for row in rows] == ["21004A001"] * 3


def test_lambert_2008_given_as_lambert_72_is_refused(index):
    x, y = [GRAND_PLACE_L72[0], GRAND_PLACE_L2008[0]], [GRAND_PLACE_L72[1], GRAND_PLACE_L2008[1]]
    with pytest.raises(CoordinateSystemError) as caught:
        index.locate(x, y, crs="EPSG:31370")
    message = str(caught.value)
    assert "point 2 of 2 (648855, 670700)" in message
    assert "looks like Belgian Lambert 2008 (EPSG:3812" in message and "not Lambert 72" in message


def test_lambert_72_given_as_lambert_2008_is_refused(index):
    with pytest.raises(
        CoordinateSystemError, match=r"point 1 of 1 .*looks like Belgian Lambert 72"
    ):
        index.locate([GRAND_PLACE_L72[0]], [GRAND_PLACE_L72[1]], crs="EPSG:3812")


def test_swapped_latitude_longitude_is_refused(index):
    with pytest.raises(CoordinateSystemError, match=r"\(50.8467, 4.3525\).*latitude, longitude"):
        index.locate([4.36, 50.8467], [50.85, 4.3525])


def test_lambert_72_given_as_wgs84_is_refused(index):
    with pytest.raises(CoordinateSystemError, match="is not a longitude/latitude in degrees"):
        index.locate([GRAND_PLACE_L72[0]], [GRAND_PLACE_L72[1]])


def test_a_point_far_away_in_the_right_crs_is_still_outside(index):
    # Paris in WGS84 and Antwerp in Lambert 72: right CRS, outside the region, answered not refused.
    frame = index.locate([2.35, 4.40], [48.86, 51.22])
    assert frame["status"].tolist() == ["outside", "outside"]
    antwerp = index.locate([152_500.0], [212_000.0], crs="EPSG:31370")
    assert antwerp.loc[0, "status"] == "outside"


# -- points exactly on the grid's lines and on the bounding box's edges ------------------------------


def _sjoin_first(points_x, points_y, sectors):
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(points_x, points_y), crs=31370)
    joined = gpd.sjoin(
        points, sectors[["geometry"]].reset_index(), how="left", predicate="intersects"
    )
    # A point on a shared boundary matches several sectors: the first in sector (index) order.
    position = {code: i for i, code in enumerate(sectors.index)}
    joined["order"] = joined["code"].map(position)
    joined = joined.sort_values("order", kind="stable")
    joined = joined[~joined.index.duplicated()].sort_index()
    return [code if isinstance(code, str) else None for code in joined["code"]]


def test_points_on_grid_lines_and_corners_match_a_geopandas_join(index, real_territories):
    rng = np.random.default_rng(11)
    cols = rng.integers(0, index.shape[1] + 1, 3000)
    rows = rng.integers(0, index.shape[0] + 1, 3000)
    along = rng.uniform(0, index.cell, 3000)
    x0, y0 = index.origin
    # on vertical lines, on horizontal lines, and on the corners of cells
    x = np.concatenate(
        [x0 + cols * index.cell, x0 + cols * index.cell + along, x0 + cols * index.cell]
    )
    y = np.concatenate(
        [y0 + rows * index.cell + along, y0 + rows * index.cell, y0 + rows * index.cell]
    )
    ours = index.locate(x, y, crs="EPSG:31370")["sector"].tolist()
    expected = _sjoin_first(x, y, real_territories.sectors)
    assert ours == expected
    assert sum(code is not None for code in ours) > 3000  # most such points are in a sector


def test_points_on_the_region_bounding_box_edges_are_placed(index, real_territories):
    sectors = real_territories.sectors
    minx, miny, maxx, maxy = sectors.total_bounds
    # the vertices of the sector outlines that lie on the bounding box: on its edges, and in the region
    coords = shapely.get_coordinates(sectors.geometry.values)
    on_edge = coords[
        (coords[:, 0] == minx)
        | (coords[:, 0] == maxx)
        | (coords[:, 1] == miny)
        | (coords[:, 1] == maxy)
    ]
    assert len(on_edge) >= 4
    # and points sliding along the four edges of the bounding box
    t = np.linspace(0, 1, 401)
    xs = np.concatenate(
        [
            on_edge[:, 0],
            minx + t * (maxx - minx),
            minx + t * (maxx - minx),
            np.full_like(t, minx),
            np.full_like(t, maxx),
        ]
    )
    ys = np.concatenate(
        [
            on_edge[:, 1],
            np.full_like(t, miny),
            np.full_like(t, maxy),
            miny + t * (maxy - miny),
            miny + t * (maxy - miny),
        ]
    )
    found = index.locate(xs, ys, crs="EPSG:31370")
    assert found["sector"].tolist() == _sjoin_first(xs, ys, sectors)
    assert found["inside"][: len(on_edge)].all()  # the extreme vertices are placed, not "outside"


def test_a_point_just_outside_is_placed_within_the_tolerance_only(index, real_territories):
    region = real_territories.layers["region"].geometry.iloc[0]
    # 30 m and 80 m east of the region's easternmost point
    maxx = region.bounds[2]
    vertex = shapely.get_coordinates(region)[np.argmax(shapely.get_coordinates(region)[:, 0])]
    x = [vertex[0] + 30, vertex[0] + 80]
    y = [vertex[1], vertex[1]]
    assert maxx == vertex[0]
    plain = index.locate(x, y, crs="EPSG:31370")
    assert plain["status"].tolist() == ["outside", "outside"]
    near = index.locate(x, y, crs="EPSG:31370", tolerance=50)
    assert near["status"].tolist() == ["near", "outside"]
    assert near["inside"].tolist() == [True, False]
    nearest = real_territories.sectors.distance(shapely.Point(x[0], y[0])).idxmin()
    assert near.loc[0, "sector"] == nearest and near.loc[1, "sector"] is None


def test_hand_made_sectors_aligned_on_the_grid():
    # Two 400 m squares side by side, their edges on the 40 m grid lines; sector A first.
    sectors = gpd.GeoDataFrame(
        {"commune": ["21001", "21004"]},
        geometry=[
            shapely.box(150_000, 170_000, 150_400, 170_400),
            shapely.box(150_400, 170_000, 150_800, 170_400),
        ],
        crs=31370,
        index=pd.Index(["21001A00-", "21004A00-"], name="code"),
    )
    grid = SectorIndex(sectors, cell_size=40.0)
    x = [150_000.0, 150_400.0, 150_800.0, 150_800.0, 150_600.0, 150_200.0, 150_800.1]
    y = [170_200.0, 170_200.0, 170_400.0, 170_000.0, 170_400.0, 170_040.0, 170_200.0]
    found = grid.locate(x, y, crs="EPSG:31370")
    # west edge, shared edge (first sector), NE and SE corners of the bounding box, north edge,
    # a line inside A, just beyond the east edge
    expected = ["21001A00-", "21001A00-", "21004A00-", "21004A00-", "21004A00-", "21001A00-", None]
    assert found["sector"].tolist() == expected == _sjoin_first(x, y, sectors)
    assert found["status"].tolist() == ["inside"] * 6 + ["outside"]
