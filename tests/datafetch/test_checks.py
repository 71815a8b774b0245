"""Size, checksum and record counts of small hand-made files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from bassins.data.catalog import DataFile
from bassins.data.checks import DataCheckError, count_records, is_valid, measure, verify


def entry_for(path, relative, **overrides) -> DataFile:
    data = path.read_bytes()
    kind = relative.rsplit(".", 1)[1]
    base = DataFile(
        relative,
        "test",
        len(data),
        hashlib.sha256(data).hexdigest(),
        count_records(path, kind, delimiter=overrides.get("delimiter", ",")),
        None,
    )
    return replace(base, **overrides)


def test_csv_rows_exclude_header_and_allow_quoted_newlines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('\ufeffid,text\n1,"two\nlines"\n2,plain\n', encoding="utf-8")
    assert count_records(path, "csv") == 2
    semi = tmp_path / "b.csv"
    semi.write_text("MD_ID;valeur\n1;19258,84\n700;\n", encoding="utf-8")
    assert count_records(semi, "csv", delimiter=";") == 2


def test_geojson_features(tmp_path):
    path = tmp_path / "a.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Point", "coordinates": [4.35, 50.85]},
                    }
                ]
                * 3,
            }
        )
    )
    assert count_records(path, "geojson") == 3
    path.write_text(json.dumps({"type": "Feature"}))
    with pytest.raises(ValueError, match="not a GeoJSON FeatureCollection"):
        count_records(path, "geojson")
    path.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(ValueError, match="cannot be read as geojson"):
        count_records(path, "geojson")


def test_gpkg_features(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "a.gpkg"
    gpd.GeoDataFrame({"code": ["a", "b"]}, geometry=[Point(0, 0), Point(1, 1)], crs=31370).to_file(
        path, layer="things", driver="GPKG"
    )
    assert count_records(path, "gpkg") == 2
    assert count_records(path, "gpkg", layer="things") == 2
    with pytest.raises(ValueError, match="no feature table 'other'"):
        count_records(path, "gpkg", layer="other")
    before = path.read_bytes()
    count_records(path, "gpkg")
    assert path.read_bytes() == before  # read-only access
    assert not list(tmp_path.glob("a.gpkg-*"))  # no -wal / -shm / -journal left
    bad = tmp_path / "b.gpkg"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ValueError, match="not a GeoPackage"):
        count_records(bad, "gpkg")


def test_verify_names_the_file_and_the_failed_check(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    entry = entry_for(path, "reference/t.csv")
    verify(entry, path)
    assert is_valid(entry, path) and measure(path, "csv").count == 2

    with pytest.raises(DataCheckError) as caught:
        verify(replace(entry, size=entry.size + 1), path)
    assert caught.value.check == "size"
    assert str(caught.value).startswith("reference/t.csv: size check failed: expected")

    with pytest.raises(
        DataCheckError, match=r"reference/t.csv: checksum check failed: expected sha256 0+, got"
    ):
        verify(replace(entry, sha256="0" * 64), path)

    with pytest.raises(
        DataCheckError, match="reference/t.csv: rows check failed: expected 5 rows, got 2"
    ):
        verify(replace(entry, count=5), path)

    with pytest.raises(DataCheckError, match="reference/t.csv: presence check failed"):
        verify(entry, tmp_path / "absent.csv")
    assert not is_valid(entry, tmp_path / "absent.csv")
