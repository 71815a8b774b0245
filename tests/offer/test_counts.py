"""counts: counting the units by area and the apportionment of the units not placed (hand-made frames)."""

import pandas as pd
import pytest

from bassins.offer import counts as counting
from bassins.offer.counts import TOTAL

from . import handmade


@pytest.fixture(scope="module")
def analysis():
    return handmade.analysis()


def test_counts_by_bassin_and_reconciliation(analysis):
    c = analysis.counts("head_office", "bassin")
    assert c.table[TOTAL].to_dict() == {"X": 1, "Y": 1}  # U1 in s1 (X), U2 in s3 (Y)
    assert c.table.loc["X", ["a", "b"]].tolist() == [1, 0]
    assert c.not_placed.to_dict() == {"a": 1, "b": 1, TOTAL: 2}  # U3 (C1 is split), U4 (region)
    assert c.region[TOTAL] == 4 and c.outside[TOTAL] == 1 and c.universe[TOTAL] == 5
    assert c.reasons.to_dict() == {"no_location": 1}
    communes = analysis.counts("head_office", "commune")
    assert communes.table[TOTAL].to_dict() == {"C1": 2, "C2": 1}  # U3 is placed at commune level
    assert communes.not_placed[TOTAL] == 1  # U4


def test_check_raises_when_an_identity_breaks(analysis):
    c = analysis.counts("site", "bassin")
    broken = counting.LayerCounts(
        c.view,
        c.layer,
        c.unit,
        c.table + 1,
        c.services,
        c.not_placed,
        c.outside,
        c.region,
        c.universe,
        c.by_precision,
        c.reasons,
    )
    with pytest.raises(AssertionError, match="site/bassin: areas"):
        broken.check()


def test_apportionment_by_sector_population(analysis):
    a = analysis.apportioned("head_office", "bassin")
    assert a.method == counting.APPORTION_SECTORS
    # U3 (a) in C1: X holds s1 (100), Y holds s2 (300) -> 1/4, 3/4.
    # U4 (b) anywhere in the region: X 100, Y 900 of 1000 -> 1/10, 9/10.
    assert a.estimated["a"].to_dict() == pytest.approx({"X": 0.25, "Y": 0.75})
    assert a.estimated["b"].to_dict() == pytest.approx({"X": 0.1, "Y": 0.9})
    assert a.estimated[TOTAL].to_dict() == pytest.approx({"X": 0.35, "Y": 1.65})
    combined = a.combined(analysis.counts("head_office", "bassin"))
    assert combined[TOTAL].sum() == pytest.approx(4)  # = the region
    groups = {tuple(sorted(g["known"])): g for g in a.groups}
    assert groups[("commune", "region")]["shares"] == pytest.approx({"X": 0.25, "Y": 0.75})
    assert a.fallback == 0 and a.unapportioned[TOTAL] == 0


def test_apportionment_by_area_population_without_sector_population():
    populations = handmade.populations()
    del populations["sector"]
    analysis = handmade.analysis(populations=populations)
    a = analysis.apportioned("head_office", "bassin")
    assert a.method == counting.APPORTION_AREAS
    # the candidates' own populations: X 100, Y 900 for both U3 and U4
    assert a.estimated[TOTAL].to_dict() == pytest.approx({"X": 0.2, "Y": 1.8})


def test_apportionment_in_equal_shares_without_any_population():
    analysis = handmade.analysis(populations={})
    a = analysis.apportioned("head_office", "bassin")
    assert a.estimated[TOTAL].to_dict() == pytest.approx({"X": 1.0, "Y": 1.0}) and a.fallback == 2


def test_apportionment_check_fails_when_shares_are_lost(analysis):
    a = analysis.apportioned("site", "bassin")
    lossy = counting.Apportionment(a.layer, a.estimated * 0, a.method, a.groups)
    with pytest.raises(AssertionError, match="placed \\+ estimated"):
        lossy.check(analysis.counts("site", "bassin"))


def test_compare_views_refuses_mixed_layers(analysis):
    with pytest.raises(ValueError, match="counts of several layers"):
        counting.compare_views(
            {
                "head_office": analysis.counts("head_office", "bassin"),
                "site": analysis.counts("site", "commune"),
            }
        )
    frame = analysis.compare("bassin")
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc[counting.REGION, "head_office"] == 4
