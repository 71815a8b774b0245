"""Computed indicators (offer rates, area, density), attention zones and map classes, by hand."""

import math

import pandas as pd
import pytest

from bassins.indicators import attention, charts, computed, registry, stats, tidy

REG = registry.registry()


def _population():
    return pd.DataFrame(
        {
            "indicator": "population",
            "layer": ["commune", "commune", "region"],
            "area_code": ["21001", "21002", "04000"],
            "period": "2020",
            "count": [10_000.0, 40_000.0, 50_000.0],
        }
    )


def test_offer_rates_count_the_units_placed_at_each_layer():
    units = pd.DataFrame(
        {
            "category": ["pharmacy", "pharmacy", "hospital_emergency", "cpas", "pharmacy"],
            "at_commune": ["21001", "21002", "21002", "21001", None],  # the last: region only
            "at_region": ["04000"] * 5,
        }
    )
    rows = computed.offer_rows(units, _population(), ("commune", "region"))
    table = tidy.compute(rows, REG).set_index(["indicator", "layer", "area_code", "category"])
    pharmacies = table.loc[("pharmacies_per_10000", "commune", "21001", "")]
    assert pharmacies["count"] == 1 and pharmacies["value"] == pytest.approx(1.0)
    low, high = stats.rate_interval(1, 10_000, 10_000)
    assert (pharmacies["lower95"], pharmacies["upper95"]) == pytest.approx((low, high))
    assert table.loc[("pharmacies_per_10000", "region", "04000", ""), "count"] == 3
    assert table.loc[("emergency_per_10000", "commune", "21001", ""), "count"] == 0  # zero kept
    assert table.loc[("services_per_1000", "commune", "21001", "cpas"), "value"] == pytest.approx(
        0.1
    )
    assert "fewer than 10" in pharmacies["value_note"]


def test_density_is_a_ratio_of_sums():
    membership = pd.DataFrame(
        {"commune": ["21001", "21001"], "region": ["04000"] * 2}, index=["A", "B"]
    )
    sectors = pd.DataFrame({"area_km2": [1.0, 3.0]}, index=["A", "B"])
    population = pd.DataFrame(
        {
            "area_code": ["A", "B"],
            "population": [9000, 1000],
            "reference_date": [pd.Timestamp("2020-01-01").date()] * 2,
            "source_file": "x",
        }
    )
    rows = pd.concat([computed.density_rows(sectors, population), computed.area_rows(sectors)])
    table = tidy.build(rows, membership, REG).set_index(["indicator", "layer", "area_code"])
    assert (
        table.loc[("density", "commune", "21001"), "value"] == 2500
    )  # 10000 / 4, not (9000+333)/2
    assert table.loc[("area_km2", "region", "04000"), "value"] == 4


def test_attention_zones_and_the_bassin_summary():
    table = tidy.normalise(
        pd.DataFrame(
            {
                "indicator": ["pharmacies_per_10000"] * 3 + ["unemployment_rate_2023"] * 5,
                "layer": ["region", "commune", "commune"] + ["monitoring"] * 5,
                "area_code": ["04000", "21001", "21002", "1", "2", "3", "4", "5"],
                "period": ["2020"] * 3 + ["2023"] * 5,
                "value": [4.0, 1.0, 4.1, 10, 12, 14, 30, 11],
                "lower998": [3.9, 0.5, 3.0, *[math.nan] * 5],
                "upper998": [4.1, 2.0, 5.0, *[math.nan] * 5],
                "comparison998": ["not compared", "worse", "similar", *["not compared"] * 5],
            }
        )
    )
    found = attention.significant(table)
    assert list(found["area_code"]) == ["21001"] and found["region_value"].iloc[0] == 4.0
    ranked = attention.worst_fifth(table, REG)
    assert list(ranked["area_code"]) == ["4"]  # the worst fifth of 5 quartiers: the highest rate
    membership = pd.DataFrame(
        {
            "commune": ["21001", "21002"],
            "monitoring": ["4", "1"],
            "bassin": ["N", "S"],
            "region": ["04000"] * 2,
        },
        index=["21001A00-", "21002A00-"],
    )
    north = attention.bassin_summary(table, membership, "N", REG)
    assert north["counts"] == {"commune": 1} and list(north["ranked"]["area_code"]) == ["4"]
    south = attention.bassin_summary(table, membership, "S", REG)
    assert south["significant"].empty and south["ranked"].empty


def test_map_classes():
    scheme = charts.classes([1, 2, 3, 10, 11, 12, 30, float("nan")], k=3)
    assert len(scheme["bins"]) == 3 and scheme["class_of"][-1] == -1
    assert scheme["class_of"][:7] == [0, 0, 0, 1, 1, 1, 2]
    assert charts.classes([5, 5, 5])["bins"] == [5.0]  # one distinct value: one class


def test_the_profile_gives_the_recent_trend_of_a_proportion():
    from bassins.indicators import profile

    periods = ["2019", "2020", "2021", "2022", "2023", "2024"]
    counts = [90, 100, 120, 140, 160, 185]
    frame = pd.DataFrame(
        {
            "indicator": "share_65plus",
            "layer": "commune",
            "area_code": "21001",
            "period": periods,
            "count": counts,
            "denominator": [1000] * 6,
        }
    )
    table = tidy.compute(frame, REG)
    trend = profile.area_trends(table, REG, "commune", "21001")
    assert trend == {"share_65plus": stats.INCREASING}
    expected = stats.chi2_trend(counts[1:], [1000] * 5)
    assert expected.outcome == stats.INCREASING and expected.periods == 5
    result = profile.area_profile(table, REG, "commune", "21001", "fr")
    assert result["rows"][0]["trend"] == stats.INCREASING and result["rows"][0]["period"] == "2024"
