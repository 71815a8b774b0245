"""Sites from the location frame: closed services excluded and counted, capacity or 1, area centres."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.access import supply


def frame():
    return pd.DataFrame(
        {
            "service_id": ["a", "b", "c", "d", "e"],
            "service_at_location_id": ["la", "lb", "lc", "ld", "le"],
            "service_name_fr": ["A", "B", "C", "D", "E"],
            "category": ["pharmacy", "pharmacy", "pharmacy", "cpas", "hospital"],
            "status": ["active", "temporarily_closed", "active", "active", "active"],
            "precision": ["point", "point", "none", "postcode", "point"],
            "x": [1.0, 2.0, np.nan, np.nan, 5.0],
            "y": [1.0, 2.0, np.nan, np.nan, 5.0],
            "at_submunicipality": [None, None, None, "21004A", None],
            "at_commune": [None, None, None, "21004", None],
        }
    )


def test_closed_and_unplaced_are_excluded_and_counted():
    sites = supply.build_sites(frame(), ["pharmacy"])
    assert sites.ids.tolist() == ["la"]
    assert sites.excluded == {"status: temporarily_closed": 1, "no place": 1}
    assert sites.capacity.tolist() == [1.0] and sites.capacity_basis.tolist() == ["1 per site"]


def test_area_centre_placement_and_secondary_category_with_capacity():
    sites = supply.build_sites(frame(), ["cpas"], area_centres={"21004A": (10.0, 20.0)})
    assert (sites.x[0], sites.y[0]) == (10.0, 20.0)
    assert sites.placement.tolist() == [supply.AREA_CENTRE]
    er = supply.build_sites(
        frame(),
        ["hospital_emergency"],
        extra_categories={"e": {"hospital_emergency"}},
        capacity={"e": 394.0},
    )
    assert er.ids.tolist() == ["le"] and er.capacity.tolist() == [394.0]
    assert er.capacity_basis.tolist() == ["known"]
