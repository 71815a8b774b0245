import pandas as pd

from bassins.directory.matching import describe, match, name_key


def test_name_key_drops_generic_words():
    assert name_key("Pharmacie De La Couronne SPRL") == "couronne"
    assert name_key("Apotheek") == ""


def test_rules_and_one_to_one():
    official = pd.DataFrame(
        {
            "location_id": ["a", "b", "c"],
            "name": ["Pharmacie Victoire", "Goed", "Natural Pharma"],
            "lon": [4.3472, 4.3600, 4.4000],
            "lat": [50.8313, 50.8400, 50.8500],
        }
    )
    features = pd.DataFrame(
        {
            "key": ["1", "2", "3", "4", "5"],
            "name": ["Victoire", "Multipharma", "Natural Pharma", "", "Far away"],
            "lon": [4.34721, 4.36001, 4.40250, 4.34722, 4.30],
            "lat": [50.83131, 50.84001, 50.8500, 50.83132, 50.80],
        }
    )
    result = match(features, official).set_index("key")
    assert result.loc["1", "location_id"] == "a" and result.loc["1", "rule"] == "place"
    assert (
        result.loc["2", "location_id"] == "b" and result.loc["2", "rule"] == "place"
    )  # rebranded, same place
    assert (
        result.loc["3", "location_id"] == "c" and result.loc["3", "rule"] == "same_name"
    )  # 180 m, same name
    assert result.loc["4", "location_id"] is None  # "a" already taken by the better candidate
    assert result.loc["5", "rule"] == "unmatched"
    counts = describe(result.reset_index())
    assert counts == {
        "features": 5,
        "matched": 3,
        "unmatched": 2,
        "matched_by_place": 2,
        "matched_by_name": 0,
        "matched_by_same_name": 1,
    }
