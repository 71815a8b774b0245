"""Aggregation sums counts and denominators (never averages rates), on the real data and by hand."""

import numpy as np
import pandas as pd
import pytest

from bassins.indicators import registry, stats, tidy

pytestmark = pytest.mark.realdata

REG = registry.registry()


def _count_based(table):
    return sorted(
        i
        for i in set(table["indicator"])
        if REG[i].aggregates
        and REG[i].kind != "value"
        and table[table["indicator"] == i]["count"].notna().any()
    )


def test_region_from_communes_equals_the_region_own_totals(real_table):
    table = real_table.table
    checked = []
    for indicator in _count_based(table):
        rows = table[table["indicator"] == indicator]
        region = rows[rows["layer"] == "region"].set_index(
            ["period", "sex", "age_band", "category"]
        )
        communes = rows[rows["layer"] == "commune"]
        if region.empty or communes.empty or "region" not in REG[indicator].layers:
            continue
        summed = communes.groupby(["period", "sex", "age_band", "category"])[
            ["count", "denominator"]
        ].sum(min_count=1)
        for key, own in region.iterrows():
            assert summed.loc[key, "count"] == pytest.approx(own["count"], rel=1e-12), (
                indicator,
                key,
            )
            if not np.isnan(own["denominator"]):
                assert summed.loc[key, "denominator"] == pytest.approx(
                    own["denominator"], rel=1e-12
                )
                m = REG[indicator].multiplier
                assert own["value"] == pytest.approx(
                    summed.loc[key, "count"] / summed.loc[key, "denominator"] * m
                )
        checked.append(indicator)
    # every count-based indicator with a region and communes was checked, the official population too
    assert {
        "population",
        "population_by_age",
        "share_65plus",
        "mean_taxable_income",
        "density",
    } <= set(checked)
    population = table[(table["indicator"] == "population") & (table["layer"] == "region")]
    assert population["count"].iloc[0] == 1_218_255  # Statbel 2020, = the sum of the 19 communes


def test_bassins_from_sectors_are_sums_not_averages(real_table, real_territories):
    table = real_table.table
    membership = real_territories.membership()
    checked = []
    for indicator in _count_based(table):
        if REG[indicator].native_layer != "sector" or "bassin" not in REG[indicator].layers:
            continue
        rows = table[table["indicator"] == indicator]
        sectors = rows[rows["layer"] == "sector"]
        bassins = rows[rows["layer"] == "bassin"].set_index(
            ["area_code", "period", "sex", "age_band", "category"]
        )
        summed = sectors.assign(area_code=sectors["area_code"].map(membership["bassin"]))
        summed = summed.groupby(["area_code", "period", "sex", "age_band", "category"])[
            ["count", "denominator"]
        ].sum(min_count=1)
        assert len(summed) == len(bassins)
        for key, own in bassins.iterrows():
            if indicator == "population":  # bassins: sums of sectors by population.aggregate
                assert summed.loc[key, "count"] == own["count"]
                continue
            assert summed.loc[key, "count"] == pytest.approx(own["count"], rel=1e-12), (
                indicator,
                key,
            )
            assert summed.loc[key, "denominator"] == pytest.approx(
                own["denominator"], rel=1e-12, nan_ok=True
            )
        checked.append(indicator)
    assert {"population", "share_65plus", "age_dependency_ratio", "density", "area_km2"} <= set(
        checked
    )
    # the bassin's share is its own count over its own denominator, not the mean of its sectors' shares
    share = table[(table["indicator"] == "share_65plus")]
    north = share[(share["layer"] == "bassin") & (share["area_code"] == "N")].iloc[0]
    sector_mean = share[
        (share["layer"] == "sector") & share["area_code"].map(membership["bassin"]).eq("N")
    ]["value"].mean()
    assert north["value"] == pytest.approx(north["count"] / north["denominator"] * 100)
    assert abs(north["value"] - sector_mean) > 0.1
    # the sums of the five bassins are the region's (sectors partition the region)
    bassins = share[share["layer"] == "bassin"]
    region = share[share["layer"] == "region"].iloc[0]
    assert bassins["count"].sum() == region["count"] == 159_903


def test_values_without_counts_are_never_aggregated_nor_compared(real_table):
    table = real_table.table
    for indicator in ("median_income_2023", "unemployment_rate_2023", "bimd2011_score"):
        rows = table[table["indicator"] == indicator]
        assert set(rows["layer"]) == {REG[indicator].native_layer}
        assert rows["lower95"].isna().all() and set(rows["comparison998"]) == {stats.NOT_COMPARED}
    income = table[table["indicator"] == "median_income_2023"]
    assert len(income) == 145 and income["value"].isna().sum() == 27
    assert set(income.loc[income["value"].isna(), "value_note"]) == {"not applicable"}


def test_schaerbeek_blocks_sectors_are_estimates_and_the_commune_exact(real_table):
    rows = real_table.table[real_table.table["indicator"] == "population_blocks"]
    commune = rows[rows["layer"] == "commune"].iloc[0]
    assert commune["count"] == 130_677 and not commune["estimated"]
    sectors = rows[rows["layer"] == "sector"]
    assert sectors["estimated"].all() and sectors["count"].sum() == 130_677
    assert set(sectors["area_code"].str[:5]) == {"21015"}


def test_comparison_with_the_region_at_both_levels(real_table):
    share = real_table.table[real_table.table["indicator"] == "share_65plus"]
    bassins = share[share["layer"] == "bassin"].set_index("area_code")
    # 65+ share 13.12% in the region; Sud-Est 15.8% (15.6-15.9): higher at 99.8% (no polarity)
    assert bassins.loc["SE", "comparison998"] == stats.HIGHER
    assert bassins.loc["CO", "comparison998"] == stats.LOWER
    assert share[share["layer"] == "region"]["comparison95"].iloc[0] == stats.NOT_COMPARED


def test_aggregate_by_hand_with_a_native_row_winning():
    membership = pd.DataFrame(
        {
            "commune": ["21001", "21001", "21002"],
            "bassin": ["N", "N", "S"],
            "region": ["04000"] * 3,
        },
        index=["21001A00-", "21001A01-", "21002A00-"],
    )
    frame = pd.DataFrame(
        {
            "indicator": "share_65plus",
            "layer": ["sector", "sector", "sector", "commune"],
            "area_code": ["21001A00-", "21001A01-", "21002A00-", "21002"],
            "period": "2022",
            "count": [1, 30, 5, 6],
            "denominator": [10, 100, 50, 60],
        }
    )
    table = tidy.build(frame, membership, REG).set_index(["layer", "area_code"])
    assert table.loc[("commune", "21001"), "count"] == 31
    assert table.loc[("commune", "21001"), "value"] == pytest.approx(
        31 / 110 * 100
    )  # not (10+30)/2
    assert table.loc[("commune", "21002"), "count"] == 6  # the native row wins over the sum (5)
    assert table.loc[("region", "04000"), "count"] == 36  # from the sectors
    low, high = stats.wilson(31, 110)
    assert table.loc[("commune", "21001"), "lower95"] == pytest.approx(low * 100)
    assert table.loc[("commune", "21001"), "upper95"] == pytest.approx(high * 100)


def test_disaggregation_is_marked_estimated(real_territories):
    communes = real_territories.layers["commune"]
    sectors = real_territories.sectors
    frame = pd.DataFrame(
        {
            "indicator": "share_65plus",
            "layer": "commune",
            "area_code": ["21015"],
            "period": "2022",
            "count": [1000.0],
            "denominator": [10000.0],
        }
    )
    moved = tidy.disaggregate(
        frame, communes, sectors[sectors["commune"] == "21015"], "sector", REG
    )
    assert moved["estimated"].all() and moved["count"].sum() == pytest.approx(1000, rel=1e-6)
    assert "estimated" in moved["value_note"].iloc[0]
