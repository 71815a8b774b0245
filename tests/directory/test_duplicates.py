import pandas as pd

from bassins.directory.duplicates import candidates, compatible


def test_same_place_across_sources_is_suspected_same_source_is_not():
    records = pd.DataFrame(
        [
            {
                "location_id": "1",
                "source": "hospitals",
                "name": "CHIREC – Delta",
                "street": "Boulevard du Triomphe 201",
                "postcode": "1160",
                "lon": 4.4028,
                "lat": 50.8180,
                "category": "hospital",
            },
            {
                "location_id": "2",
                "source": "directory_sample",
                "name": "CHIREC – Hôpital Delta",
                "street": "Boulevard du Triomphe 201",
                "postcode": "1160",
                "lon": None,
                "lat": None,
                "category": "hospital_emergency",
            },
            {
                "location_id": "3",
                "source": "hospitals",
                "name": "CHIREC – Delta bis",
                "street": "Boulevard du Triomphe 201",
                "postcode": "1160",
                "lon": 4.4028,
                "lat": 50.8181,
                "category": "hospital",
            },
            {
                "location_id": "4",
                "source": "afmps",
                "name": "Pharmacie de Forest",
                "street": "Rue X 1",
                "postcode": "1190",
                "lon": None,
                "lat": None,
                "category": "pharmacy",
            },
            {
                "location_id": "5",
                "source": "directory_sample",
                "name": "CPAS de Forest",
                "street": "Rue Y 2",
                "postcode": "1190",
                "lon": None,
                "lat": None,
                "category": "cpas",
            },
        ]
    )
    found = candidates(records)
    pairs = {(r.left, r.right) for r in found.itertuples()}
    assert ("1", "2") in pairs and ("2", "3") in pairs
    assert ("1", "3") not in pairs  # same source
    assert ("4", "5") not in pairs  # commune name only, incompatible categories
    assert "same address" in found.iloc[0]["reason"]


def test_compatible():
    assert compatible("hospital", "hospital_emergency") and compatible(None, "cpas")
    assert not compatible("cpas", "pharmacy")


def test_reason_parts_read_back_every_reason_the_finder_writes():
    from bassins.directory.duplicates import REASONS, reason_parts

    reason = ", ".join(
        [
            REASONS["similar_names"].format("87"),
            REASONS["same_address"],
            REASONS["apart"].format("12"),
            REASONS["same_postcode"].format("1000"),
        ]
    )
    assert reason == "similar names (87), same address, 12 m apart, same postcode 1000"
    assert reason_parts(reason) == [
        ("similar_names", "87"),
        ("same_address", ""),
        ("apart", "12"),
        ("same_postcode", "1000"),
    ]
    assert reason_parts("") == [] and reason_parts("new kind") == [("", "new kind")]
