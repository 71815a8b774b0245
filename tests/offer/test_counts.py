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


def test_postcode_narrows_the_candidates_to_its_submunicipalities():
    """Postcode 1000 covers the centre of Bruxelles-Ville (21004A-D), never Laeken (21004E): the one
    Brussels postcode table, read by the offer inputs."""
    analysis = handmade.city_analysis()
    prepared = analysis.views["head_office"].units.set_index("unit_id")
    assert prepared.loc["V1", "candidate_submunicipalities"] == "21004A 21004C"  # B, D: no sector
    assert prepared.loc["V5", "candidate_submunicipalities"] == "21004E"  # 1020: Laeken (and NOH)
    assert pd.isna(prepared.loc["V3", "candidate_submunicipalities"])  # commune precision
    a = analysis.apportioned("head_office", "bassin")
    # V1, V2 (a, 1000): CO 100, S 300 -> 1/4, 3/4 each, nothing to N (600 inhabitants in Laeken);
    # V3 (b, the commune): CO 0.1, S 0.3, N 0.6; V5 (a, 1020): N wholly.
    assert a.estimated["a"].to_dict() == pytest.approx({"CO": 0.5, "N": 1.0, "NE": 0.0, "S": 1.5})
    assert a.estimated["b"].to_dict() == pytest.approx({"CO": 0.1, "N": 0.6, "NE": 0.0, "S": 0.3})
    groups = {tuple(g["within"]): g for g in a.groups}
    assert groups[("21004A", "21004C")]["units"] == 2  # same candidates, one group
    assert groups[("21004A", "21004C")]["shares"] == pytest.approx({"CO": 0.25, "S": 0.75})
    assert groups[("21004E",)]["shares"] == pytest.approx({"N": 1.0})
    assert groups[()]["shares"] == pytest.approx({"CO": 0.1, "N": 0.6, "S": 0.3})
    assert a.narrowed == 3 and a.unnarrowed == 0
    counts = analysis.counts("head_office", "bassin")
    assert a.combined(counts)[TOTAL].sum() == pytest.approx(counts.region[TOTAL])  # = 5
    subs = analysis.apportioned("head_office", "submunicipality").estimated[TOTAL]
    assert subs.to_dict() == pytest.approx(
        {"21004A": 0.6, "21004C": 1.8, "21004E": 1.6, "21015A": 0.0}
    )


def test_postcode_submunicipalities_outside_the_known_area_are_ignored_and_counted():
    analysis = handmade.city_analysis()
    view = analysis.views["head_office"]
    units = view.units.copy()
    units.loc[units["unit_id"] == "V1", "candidate_submunicipalities"] = "21015A"  # Schaerbeek
    counts = analysis.counts("head_office", "bassin")
    a = counting.apportion(
        counting.ViewUnits(view.view, units),
        counts,
        analysis.membership,
        sector_population=analysis.population("sector").values["population"],
    )
    assert a.unnarrowed == 1 and a.narrowed == 2
    # V1 shared as without the postcode: CO 0.1, N 0.6, S 0.3; V2 as before
    assert a.estimated["a"].to_dict() == pytest.approx({"CO": 0.35, "N": 1.6, "NE": 0.0, "S": 1.05})
    a.check(counts)


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
