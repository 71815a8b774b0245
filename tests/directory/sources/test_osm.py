from pathlib import Path

import pytest

from bassins.config import data_file
from bassins.directory.sources import osm
from bassins.errors import CoordinateSystemError, InputError

SMALL = Path(__file__).parents[2] / "data" / "directory" / "osm_small.geojson"


def test_real_dump():
    features, label = osm.read(data_file("services/osm_pharmacies_bxl.geojson"))
    assert len(features) == 414
    assert sum(bool(f.opening_hours) for f in features) == 258
    assert len({f.key for f in features}) == 414


def test_unmatched_features_become_pharmacies_with_schedules():
    features, label = osm.read(SMALL)
    bundle = osm.build(features, label)
    assert bundle.stats["unmatched"] == 3 and bundle.stats["opening_hours_invalid"] == 1
    assert bundle.count("service") == 3
    texts = [r for r in bundle.rows("schedule") if not r["freq"] and r["kind"] == "regular"]
    assert [r["description_fr"] for r in texts] == ["garbage ; 12"]
    weekly = [r for r in bundle.rows("schedule") if r["freq"] == "WEEKLY"]
    assert ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00") in {
        (r["byday"], r["opens_at"], r["closes_at"]) for r in weekly
    }
    holiday = [r for r in bundle.rows("schedule") if r["kind"] == "public_holiday"]
    assert len(holiday) == 1 and holiday[0]["closed"] is True
    service = next(r for r in bundle.rows("service") if r["name_fr"] == "Apotheek Elders")
    assert service["url"] == "http://www.example.be" and service["email"] == "info@example.be"


def test_linked_features_add_to_the_official_record():
    import pandas as pd

    features, label = osm.read(SMALL)
    matches = pd.DataFrame(
        {
            "key": [features[0].key],
            "location_id": ["L1"],
            "distance_m": [3.0],
            "name_score": [100.0],
            "rule": ["place"],
            "score": [98.0],
        }
    )
    bundle = osm.build(
        features, label, matches, {"L1": {"service_at_location_id": "S1", "has_phone": False}}
    )
    assert bundle.stats["matched"] == 1 and bundle.count("service") == 2
    link = next(r for r in bundle.rows("attribute") if r["link_type"] == "osm_feature")
    assert link["link_id"] == "L1" and link["label"].startswith("place: 3 m")
    assert {
        r["service_at_location_id"]
        for r in bundle.rows("schedule")
        if r["source_key"] == features[0].key
    } == {"S1"}
    assert bundle.exclusion_summary() == {
        "linked to the official record of the same place (AFMPS)": 1
    }


@pytest.mark.parametrize(
    "text, error",
    [
        (b"{", InputError),
        (b"[]", InputError),
        (
            b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[50.85,4.35]},"properties":{}}]}',
            CoordinateSystemError,
        ),
        (
            b'{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:31370"}},"features":[]}',
            CoordinateSystemError,
        ),
        (
            b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}',
            InputError,
        ),
    ],
)
def test_bad_geojson(text, error):
    with pytest.raises(error):
        osm.parse_bytes(text, "x.geojson")
