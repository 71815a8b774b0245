"""inputs: the checked frames, placement by precision, and what is left out, counted (hand-made frames)."""

import pandas as pd
import pytest

from bassins.offer import inputs
from bassins.offer.inputs import Exclusions, prepare_locations, prepare_service_areas

from . import handmade


def prepared(rows, exclusions=None):
    frame = handmade.pd.DataFrame(rows)[[*inputs.LOCATION_COLUMNS, "postcode"]]
    return prepare_locations(frame, handmade.MEMBERSHIP, exclusions=exclusions)


def test_placement_at_the_precision_each_row_has():
    frame = prepared(
        [
            handmade.location("P", "a", "point", sector="s2"),
            handmade.location("C", "a", "commune", commune="C1", bassin="X"),  # X ignored: C1 split
            handmade.location("Q", "a", "postcode", submunicipality="B1", commune="C2"),
            handmade.location("R", "a", "postcode", postcode="1050"),
            handmade.location("N", "a", "none", commune="C1"),
        ]
    ).set_index("service_id")
    assert frame.loc["P", ["at_commune", "at_bassin"]].tolist() == ["C1", "Y"]
    assert frame.loc["C", "at_commune"] == "C1" and pd.isna(frame.loc["C", "at_bassin"])
    assert frame.loc["Q", ["at_submunicipality", "at_bassin"]].tolist() == ["B1", "Y"]
    assert frame.loc["R", "in_region"] and pd.isna(frame.loc["R", "at_commune"])
    assert not frame.loc["N", "in_region"] and frame.loc["N", "reason"] == "no_location"
    assert pd.isna(frame.loc["N", "at_commune"])  # precision "none": no code at all


def test_unknown_codes_statuses_and_precisions_are_counted_not_dropped_silently():
    exclusions = Exclusions()
    frame = prepared(
        [
            handmade.location("K", "a", "commune", commune="C9"),  # no such commune
            handmade.location("I", "a", "point", sector="s1", status="inactive"),
            handmade.location("W", "a", "gps", sector="s1"),
            handmade.location("O", "a", "point", sector="s1"),
        ],
        exclusions,
    )
    rows = exclusions.frame()[["reason", "count", "detail"]].values.tolist()
    assert rows == [
        ["status", 1, "inactive"],
        ["precision_unknown", 1, "gps"],
        ["unknown_code", 1, "commune: C9"],
    ]
    # the row with an unknown commune is kept, without a commune: outside, with its reason
    k = frame.set_index("service_id").loc["K"]
    assert pd.isna(k["at_commune"]) and k["reason"] == "outside_region"
    assert sorted(frame["service_id"]) == ["K", "O"]


def test_missing_columns_are_refused_by_name():
    frame = handmade.locations().drop(columns=["precision"])
    with pytest.raises(Exception, match="precision") as raised:
        prepare_locations(frame, handmade.MEMBERSHIP)
    assert "service_location_frame" in str(raised.value)


def test_service_areas_duplicates_and_absent_services_counted():
    exclusions = Exclusions()
    services = handmade.pd.DataFrame({"category": ["a"]}, index=["U1"])
    areas = handmade.pd.DataFrame(
        [("U1", "commune", "C1"), ("U1", "commune", "C1"), ("U9", "region", "04000")],
        columns=inputs.AREA_COLUMNS,
    )
    frame = prepare_service_areas(areas, services, exclusions)
    assert frame[["service_id", "category"]].values.tolist() == [["U1", "a"]]
    assert exclusions.frame()[["reason", "count"]].values.tolist() == [
        ["duplicate_declaration", 1],
        ["service_not_included", 1],
    ]


def test_unique_parent_and_area_codes():
    m = inputs.normalise_membership(handmade.MEMBERSHIP)
    assert inputs.unique_parent(m, "commune", "bassin") == {"C1": None, "C2": "Y"}
    assert inputs.area_codes(m, "bassin") == ["X", "Y"]
    assert inputs.layer_loaded(m, "bassin") and not inputs.layer_loaded(m, "qss")
