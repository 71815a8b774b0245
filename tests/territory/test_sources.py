"""Bad input files give clear errors naming the problem."""

import json

import pytest

from bassins.config import data_file
from bassins.errors import (
    CoordinateSystemError,
    InvalidGeometryError,
    MissingColumnError,
    UnknownCodeError,
)
from bassins.territory import sources


def square(x, y, size=100.0):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def write_geojson(path, features, crs=None):
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection))
    return path


def feature(code, ring):
    return {
        "type": "Feature",
        "properties": {"cd_sector": code, "cd_sub_munty": code[:6], "cd_munty_refnis": code[:5]},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_invalid_polygon_is_named(tmp_path):
    bowtie = [[4.35, 50.84], [4.36, 50.85], [4.36, 50.84], [4.35, 50.85], [4.35, 50.84]]
    path = write_geojson(tmp_path / "s.geojson", [feature("21001A00-", bowtie)])
    with pytest.raises(
        InvalidGeometryError, match=r"invalid polygon for feature '21001A00-': Self-intersection"
    ):
        sources.read_sectors(path)


def test_lambert_coordinates_in_a_wgs84_geojson(tmp_path):
    path = write_geojson(tmp_path / "s.geojson", [feature("21001A00-", square(148000, 170000))])
    with pytest.raises(CoordinateSystemError, match="projected metres"):
        sources.read_sectors(path)


def test_lambert_geojson_with_its_crs_is_accepted(tmp_path):
    path = write_geojson(
        tmp_path / "s.geojson",
        [feature("21001A00-", square(148000, 170000))],
        crs="urn:ogc:def:crs:EPSG::31370",
    )
    frame = sources.read_sectors(path)
    assert frame.crs.to_epsg() == 31370 and frame.index.tolist() == ["21001A00-"]


def test_malformed_sector_code(tmp_path):
    path = write_geojson(tmp_path / "s.geojson", [feature("2100XA00-", square(4.35, 50.84, 0.001))])
    with pytest.raises(UnknownCodeError, match="malformed statistical sector code '2100XA00-'"):
        sources.read_sectors(path)


def test_missing_column_in_csv(tmp_path):
    path = tmp_path / "bassins.csv"
    path.write_text(
        "area_code,area_level,bassin_code,bassin_fr,bassin_nl\n21001,commune,CO,Centre-Ouest,Centrum-West\n"
    )
    with pytest.raises(MissingColumnError, match=r"bassins.csv: missing column\(s\) basis"):
        sources.read_bassin_table(path)


def test_bad_value_names_row_and_field(tmp_path):
    path = tmp_path / "bassins.csv"
    path.write_text(
        "area_code,area_level,bassin_code,bassin_fr,bassin_nl,basis\n"
        "21001,commune,CO,Centre-Ouest,Centrum-West,stated\n21002,province,SE,Sud-Est,Zuid-Oost,stated\n"
    )
    with pytest.raises(
        Exception, match=r"bassins.csv, row 3, field 'area_level': unknown area_level 'province'"
    ):
        sources.read_bassin_table(path)


def test_real_quartier_tables_both_layouts():
    t24 = sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv"))
    t25 = sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2025.csv"))
    assert (len(t24), len(t25)) == (724, 749)
    assert t24["monitoring"].nunique() == t25["monitoring"].nunique() == 145
    assert t25.loc["21001A00K", "commune"] == "21001"


def test_monitoring_polygons():
    polygons = sources.read_monitoring_polygons(
        data_file("boundaries/monitoring_quartiers_145_wgs84.geojson")
    )
    assert len(polygons) == 145 and polygons.crs.to_epsg() == 31370
    assert polygons.loc["1", "name_fr"] == "Grand Place"
