"""The case form's service picker answers from the orientation search (on the real directory)."""

import pytest

from bassins.helpdesk.services import find_services

pytestmark = pytest.mark.realdata


def test_orientations_come_from_the_orientation_search(directory_loaded):
    # a Dutch word for what the directory files as CPAS: found through the taxonomy's synonyms
    found = find_services("OCMW", "nl", limit=10)
    assert len(found) == 10 and all(hit["category"] == "cpas" for hit in found[:5])
    # plain words of a situation, not a service name
    food = find_services("plus d'argent pour manger", "fr", limit=5)
    assert "food_aid" in {hit["category"] for hit in food}
    assert all(set(hit) == {"id", "label", "category"} for hit in food)


def test_a_name_being_typed_comes_first(directory_loaded):
    assert find_services("", "fr") == [] and find_services("x", "fr") == []
    partial = find_services("Pharmacie Ansp", "fr", limit=5)
    assert partial[0]["label"].startswith("Pharmacie Anspach") and len(partial) == 5
    assert len({hit["id"] for hit in partial}) == 5  # no service twice
