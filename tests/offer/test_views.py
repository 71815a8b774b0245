"""views: head office, activity site, declared area served as units (hand-made frames)."""

import pandas as pd
import pytest

from bassins.offer.views import UNIT_COLUMNS

from . import handmade


@pytest.fixture(scope="module")
def analysis():
    rows = [
        handmade.location("H", "a", "point", sector="s1", organization_id="O1", site=False),
        handmade.location("H", "a", "point", sector="s3", ho=False, location_id="LH2"),
        handmade.location("H", "a", "commune", commune="C2", location_id="LH3"),  # 2nd head office
        handmade.location("B", "b", "point", sector="s3", ho=False, organization_id="O1"),
        handmade.location("Z", "b", "point", sector="s4", ho=False, organization_id="OZ"),
    ]
    frame = handmade.pd.DataFrame(rows)[[*handmade.LOCATION_COLUMNS, "postcode"]]
    areas = handmade.pd.DataFrame(
        [("H", "commune", "C1"), ("B", "region", "04000"), ("Z", "commune", "C7")],
        columns=["service_id", "layer", "area_code"],
    )
    return handmade.analysis(locations=frame, areas=areas)


def test_head_office_view(analysis):
    view = analysis.views["head_office"]
    units = view.units.set_index("unit_id")
    assert list(view.units.columns[: len(UNIT_COLUMNS)]) == UNIT_COLUMNS
    assert units.loc["H", "at_sector"] == "s1"  # the most precise head office is kept
    assert units.loc["B", "at_sector"] == "s1"  # B takes its organisation's head office (H's)
    assert units.loc["Z", "reason"] == "no_head_office" and not units.loc["Z", "in_region"]
    assert view.notes == {
        "duplicate_head_office": 1,
        "head_office_from_organization": 1,
        "services_without_head_office": 1,
    }


def test_site_view(analysis):
    view = analysis.views["site"]
    assert sorted(view.units["unit_id"]) == ["B@LB", "H@LH2", "H@LH3", "Z@LZ"]
    assert view.notes == {"services_without_site": 0}
    counts = analysis.counts("site", "bassin")
    assert counts.table["total"].to_dict() == {"X": 0, "Y": 4}
    assert counts.services["total"].to_dict() == {"X": 0, "Y": 3}  # H has two sites in Y


def test_area_served_view_and_unknown_areas(analysis):
    units = analysis.views["area_served"].units.set_index("unit_id")
    assert pd.isna(units.loc["H>commune:C1", "at_bassin"])  # C1 is split between X and Y
    assert units.loc["B>region:04000", "in_region"]
    assert units.loc["Z>commune:C7", "reason"] == "unknown_area"
    serving = analysis.counts("area_served", "bassin").extra["serving"]["total"].to_dict()
    assert serving == {"X": 2, "Y": 2}  # H (C1 covers part of X and Y) and B (the region)
    assert analysis.unresolved()["unknown_areas"] == [
        {"declared_layer": "commune", "declared_code": "C7", "count": 1}
    ]
