"""Golden test: the offer analysis of the hand-built directory of `golden.py`, every figure by hand."""

import pandas as pd
import pytest

from bassins.offer.analysis import OfferAnalysis
from bassins.offer.counts import NOT_PLACED, OUTSIDE, REGION, TOTAL
from bassins.offer.rates import rank

from . import golden


@pytest.fixture(scope="module")
def analysis():
    return OfferAnalysis(golden.inputs())


def test_head_office_counts_by_bassin(analysis):
    c = analysis.counts("head_office", "bassin")
    # Head offices: S1, S2, S3 in CO; S4 and S6 (postcode 1020 -> Laeken -> N) in N; S7, S8 in NE, and S12
    # (no head-office row: its organisation's, that of S7).
    assert c.table[TOTAL].to_dict() == {"CO": 3, "N": 2, "NE": 3}
    assert c.table.loc["CO", ["cpas", "food_aid", "mental_health"]].tolist() == [1, 1, 1]
    assert c.table.loc["N", ["cpas", "food_aid", "mental_health"]].tolist() == [1, 1, 0]
    assert c.table.loc["NE", ["cpas", "food_aid", "mental_health"]].tolist() == [2, 0, 1]
    # S5 is known by commune only (Bruxelles-Ville, split): in the region, not placed at bassin level.
    assert c.not_placed[TOTAL] == 1 and c.not_placed["mental_health"] == 1
    assert c.region[TOTAL] == 9 == 3 + 2 + 3 + 1
    # Outside: S9 (head office outside the region), S10 (no location), S13 (no head office at all).
    assert c.outside[TOTAL] == 3 and c.universe[TOTAL] == 12
    assert c.reasons.to_dict() == {"no_head_office": 1, "no_location": 1, "outside_region": 1}
    assert c.by_precision.loc["point"].tolist() == [7, 0, 1, 8]
    assert c.by_precision.loc["postcode"].tolist() == [1, 0, 0, 1]
    assert c.by_precision.loc["commune"].tolist() == [0, 1, 0, 1]
    assert c.by_precision.loc["none"].tolist() == [0, 0, 2, 2]


def test_head_office_counts_by_commune_and_finer(analysis):
    communes = analysis.counts("head_office", "commune")
    assert communes.table[TOTAL].to_dict() == {"21001": 2, "21004": 4, "21015": 3}
    assert communes.not_placed[TOTAL] == 0 and communes.region[TOTAL] == 9
    monitoring = analysis.counts("head_office", "monitoring")
    # S5 (commune) and S6 (sub-municipality 21004E = quartiers 4 and 6) are not placed.
    assert monitoring.table[TOTAL].to_dict() == {
        "1": 1,
        "2": 1,
        "3": 1,
        "4": 1,
        "5": 2,
        "6": 0,
        "7": 1,
    }
    assert monitoring.not_placed[TOTAL] == 2
    sub = analysis.counts("head_office", "submunicipality")
    assert sub.table[TOTAL].to_dict() == {
        "21001A": 1,
        "21001B": 1,
        "21004A": 1,
        "21004E": 2,
        "21015A": 2,
        "21015B": 1,
    }
    region = analysis.counts("head_office", "region")
    assert region.table[TOTAL].to_dict() == {"04000": 9} and region.not_placed[TOTAL] == 0
    assert analysis.views["head_office"].notes == {
        "duplicate_head_office": 0,
        "head_office_from_organization": 1,
        "services_without_head_office": 1,
    }


def test_site_counts(analysis):
    bassins = analysis.counts("site", "bassin")
    # Sites: CO = L1, L3, L4, L15; N = L5, L7, L18; NE = L9, L10, L11, L13 and L17 (commune 21015, wholly NE).
    assert bassins.table[TOTAL].to_dict() == {"CO": 4, "N": 3, "NE": 5}
    assert bassins.services[TOTAL].to_dict() == {"CO": 4, "N": 3, "NE": 4}  # S7 has two sites in NE
    assert (
        bassins.region[TOTAL] == 12
        and bassins.outside[TOTAL] == 0
        and bassins.not_placed[TOTAL] == 0
    )
    communes = analysis.counts("site", "commune")
    assert communes.table[TOTAL].to_dict() == {"21001": 2, "21004": 5, "21015": 5}
    monitoring = analysis.counts("site", "monitoring")
    assert monitoring.not_placed[TOTAL] == 1  # L17: Schaerbeek holds quartiers 5 and 7
    assert analysis.views["site"].notes == {"services_without_site": 1}  # S6


def test_area_served_counts(analysis):
    bassins = analysis.counts("area_served", "bassin")
    # Declarations: S1 21001 -> CO; S2 bassin CO; S4 sector in N; S7, S8 21015 -> NE.
    # S3 (region) and S5 (Bruxelles-Ville, split) are wider than a bassin; S6 declares an unknown area.
    assert bassins.table[TOTAL].to_dict() == {"CO": 2, "N": 1, "NE": 2}
    assert bassins.not_placed[TOTAL] == 2 and bassins.region[TOTAL] == 7
    assert bassins.outside[TOTAL] == 1 and bassins.reasons.to_dict() == {"unknown_area": 1}
    assert bassins.extra["serving"][TOTAL].to_dict() == {"CO": 4, "N": 3, "NE": 3}
    communes = analysis.counts("area_served", "commune")
    assert communes.table[TOTAL].to_dict() == {"21001": 1, "21004": 2, "21015": 2}
    assert communes.not_placed[TOTAL] == 2  # S2 (bassin CO spans two communes), S3 (region)
    assert communes.extra["serving"][TOTAL].to_dict() == {"21001": 3, "21004": 4, "21015": 3}
    assert analysis.views["area_served"].notes == {"services_without_area": 4}  # S9, S10, S12, S13


def test_views_comparison(analysis):
    table = analysis.compare("bassin")
    assert table.loc["CO"].to_dict() == {
        "head_office": 3,
        "site": 4,
        "site_services": 4,
        "area_served": 2,
        "serving": 4,
        "site_minus_head_office": 1,
    }
    assert table.loc["NE", ["head_office", "site", "area_served"]].tolist() == [3, 5, 2]
    assert table.loc["N", ["head_office", "site", "area_served"]].tolist() == [2, 3, 1]
    assert table.loc[REGION, ["head_office", "site", "area_served"]].tolist() == [9, 12, 7]
    assert table.loc[NOT_PLACED, ["head_office", "site", "area_served"]].tolist() == [1, 0, 2]
    assert table.loc[OUTSIDE, ["head_office", "site", "area_served"]].tolist() == [3, 0, 1]


def test_rates_per_1000(analysis):
    r = analysis.rates("head_office", "bassin")
    # Bassin populations summed from sectors: CO 6000+4000+2000, N 2000+1900, NE 5000+3000.
    assert r["population"].to_dict() == {"CO": 12_000, "N": 3_900, "NE": 8_000}
    assert r["placed"].to_dict() == {"CO": 3, "N": 2, "NE": 3}
    # S5 (Bruxelles-Ville, commune precision) is shared between the bassins holding part of 21004, in
    # proportion to their population there: CO 2000 (21004A00-), N 2000+1900 (21004E..) of 5900.
    assert r["estimated"].to_dict() == pytest.approx({"CO": 2000 / 5900, "N": 3900 / 5900, "NE": 0})
    assert r.at["CO", "rate"] == pytest.approx((3 + 2000 / 5900) / 12_000 * 1000)  # 0.2782
    assert r.at["N", "rate"] == pytest.approx((2 + 3900 / 5900) / 3_900 * 1000)  # 0.6823
    assert r.at["NE", "rate"] == pytest.approx(3 / 8_000 * 1000)  # 0.375
    assert r["rate_placed"].to_dict() == pytest.approx(
        {"CO": 3 / 12, "N": 2 / 3.9, "NE": 3 / 8}
    )  # the units placed only, as before
    assert r["share"].to_dict() == pytest.approx(
        {"CO": (3 + 20 / 59) / 9, "N": (2 + 39 / 59) / 9, "NE": 3 / 9}
    )
    # fewer than 10 units: exact Poisson limits (3 units: 0.6187 to 8.7673) over the population
    assert r.at["NE", "rate_low"] == pytest.approx(0.618672 / 8, rel=1e-5)
    assert r.at["NE", "rate_high"] == pytest.approx(8.767273 / 8, rel=1e-5)
    assert set(r["ci_method"]) == {"exact"} and r["small"].tolist() == [True, True, True]
    assert set(r["basis"]) == {"inferred date"} and set(r["reference_date"].astype(str)) == {
        "2020-01-01"
    }
    # The official regional figure: 9 head offices, 24,000 inhabitants.
    region = analysis.region_rate("head_office")
    assert region["count"] == 9 and region["population"] == 24_000
    assert region["rate"] == pytest.approx(9 / 24_000 * 1000) and region["basis"] == "official"
    # The benchmark of the bassins: the same 9 units over the same people (the sectors: 23,900; 100
    # residents of the commune file are in no known sector).
    benchmark = analysis.region_rate("head_office", layer="bassin")
    assert benchmark["population"] == 23_900 and benchmark["population_gap"] == 100
    assert benchmark["rate"] == pytest.approx(9 / 23_900 * 1000)
    weighted = (r["rate"] * r["population"]).sum() / r["population"].sum()
    assert weighted == pytest.approx(benchmark["rate"])
    sites = analysis.rates("site", "bassin")
    assert sites.at["NE", "rate"] == pytest.approx(5 / 8_000 * 1000)
    cpas = analysis.rates("head_office", "bassin", "cpas")
    assert (
        cpas.at["CO", "rate"] == pytest.approx(1 / 12_000 * 1000)
        and cpas.at["CO", "share"] == 1 / 4
    )  # of the 4 cpas


def test_commune_rates_and_ranking(analysis):
    r = analysis.rates("head_office", "commune")
    assert r["rate"].to_dict() == pytest.approx({"21001": 0.2, "21004": 4 / 6, "21015": 3 / 8})
    assert set(r["basis"]) == {"official"}
    assert rank(r["rate"]).to_dict() == {"21001": 3, "21004": 1, "21015": 2}
    assert rank(r["count"]).to_dict() == {"21001": 3, "21004": 1, "21015": 2}
    assert rank(pd.Series({"a": 2.0, "b": 5.0, "c": 2.0, "d": float("nan")})).to_dict() == {
        "a": 2,
        "b": 1,
        "c": 2,
        "d": None,
    }  # ties share the rank; no rate, no rank


def test_location_quotients(analysis):
    lq = analysis.quotients("head_office", "bassin")
    # Regional shares (9 head offices in the region): cpas 4/9, food_aid 2/9, mental_health 3/9.
    # Units per bassin, placed + estimated: CO 1 cpas, 1 food, 1 + 20/59 mh (S5's share) = 197/59;
    # N 1 cpas, 1 food, 39/59 mh = 157/59; NE 2 cpas + 1 mh of 3.
    assert lq.loc["CO"].to_dict() == pytest.approx(
        {
            "cpas": (59 / 197) / (4 / 9),
            "food_aid": (59 / 197) / (2 / 9),
            "mental_health": (79 / 197) / (3 / 9),
        }
    )
    assert lq.loc["N"].to_dict() == pytest.approx(
        {
            "cpas": (59 / 157) / (4 / 9),
            "food_aid": (59 / 157) / (2 / 9),
            "mental_health": (39 / 157) / (3 / 9),
        }
    )
    assert lq.loc["NE"].to_dict() == pytest.approx(
        {"cpas": 3 / 2, "food_aid": 0.0, "mental_health": 1.0}
    )


def test_estimated_population_when_no_sector_population():
    analysis = OfferAnalysis(golden.inputs(with_sectors=False))
    r = analysis.rates("head_office", "bassin")
    # 21004 (6000) shared by sector area: 21004A 1 ha, 21004E 1+2 ha -> 1500 (CO) and 4500 (N).
    assert r["population"].to_dict() == {"CO": 11_500, "N": 4_500, "NE": 8_000}
    assert r["basis"].to_dict() == {"CO": "estimated", "N": "estimated", "NE": "official"}
    # S5 shared by the (estimated) population of 21004's sectors: CO 1500, N 4500 of 6000.
    assert r["estimated"].to_dict() == pytest.approx({"CO": 0.25, "N": 0.75, "NE": 0.0})
    assert r.at["N", "rate"] == pytest.approx(2.75 / 4_500 * 1000)
    assert r.at["CO", "population_estimated"] == 1_500


def test_exclusions(analysis):
    rows = analysis.exclusions.frame()
    assert rows[["frame", "reason", "count", "detail"]].values.tolist() == [
        ["service_location", "status", 1, "inactive"],
        ["service_area", "duplicate_declaration", 1, ""],
        ["service_area", "service_not_included", 2, ""],
    ]


def test_every_layer_and_view_reconciles(analysis):
    results = analysis.run_all()
    for (_layer, view), entry in results.items():
        if view == "compare":
            continue
        entry["counts"].check()
    for view in ("head_office", "site", "area_served"):
        bassins, communes = analysis.counts(view, "bassin"), analysis.counts(view, "commune")
        region = analysis.counts(view, "region")
        assert bassins.region[TOTAL] == communes.region[TOTAL] == region.table.at["04000", TOTAL]
        assert (
            bassins.table[TOTAL].sum() + bassins.not_placed[TOTAL]
            == communes.table[TOTAL].sum() + communes.not_placed[TOTAL]
        )


def test_qss_layer_counts_when_loaded():
    inputs = golden.inputs()
    membership = golden.MEMBERSHIP.copy()
    membership["qss"] = ["Q1", "Q1", "Q2", "Q2", "Q2", "Q3", "Q3"]
    inputs.membership = membership
    analysis = OfferAnalysis(inputs)
    assert "qss" in analysis.layers
    counts = analysis.counts("head_office", "qss")
    # S5 (commune 21004: quartiers Q2 only) is placed in Q2; S6 (21004E) too; S12 via S7's office in Q3.
    assert counts.table[TOTAL].to_dict() == {"Q1": 2, "Q2": 4, "Q3": 3}
    assert counts.not_placed[TOTAL] == 0 and counts.region[TOTAL] == 9
    assert "qss" not in OfferAnalysis(golden.inputs()).layers
