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


@pytest.mark.parametrize("coarser", ["monitoring", "bassin"])
def test_coarser_layers_from_sectors_are_sums(real_table, real_territories, coarser):
    """The Monitoring quartiers and the 5 bassins: sums of sectors (the quartiers social-sante,
    whose sector table is not among the open files, by hand in `test_aggregate_by_hand...`)."""
    table = real_table.table
    membership = real_territories.membership()
    checked = []
    for indicator in _count_based(table):
        if REG[indicator].native_layer != "sector" or coarser not in REG[indicator].layers:
            continue
        rows = table[table["indicator"] == indicator]
        sectors = rows[rows["layer"] == "sector"]
        areas = rows[rows["layer"] == coarser].set_index(
            ["area_code", "period", "sex", "age_band", "category"]
        )
        summed = sectors.assign(area_code=sectors["area_code"].map(membership[coarser]))
        summed = summed.dropna(subset=["area_code"])
        summed = summed.groupby(["area_code", "period", "sex", "age_band", "category"])[
            ["count", "denominator"]
        ].sum(min_count=1)
        assert len(summed) == len(areas), (indicator, coarser)
        for key, own in areas.iterrows():
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
    areas = table[(table["indicator"] == "population") & (table["layer"] == coarser)]
    assert len(areas) == {"monitoring": 145, "bassin": 5}[coarser]
    assert areas["count"].sum() == 1_215_012  # the residents of known sectors, every one once


def test_bassins_share_is_a_ratio_of_sums(real_table, real_territories):
    table = real_table.table
    membership = real_territories.membership()
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
            "qss": ["QSS-01", "QSS-02", "QSS-02"],  # a quartier social-sante across two communes
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
    # the quartiers social-sante are summed from the sectors, not from the communes they straddle
    assert table.loc[("qss", "QSS-01"), "count"] == 1
    assert table.loc[("qss", "QSS-02"), "count"] == 35
    assert table.loc[("qss", "QSS-02"), "denominator"] == 150
    assert table.loc[("qss", "QSS-02"), "value"] == pytest.approx(35 / 150 * 100)
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


def _offer_like(counts, layer_people, region_count, region_people):
    """Pharmacies per 10,000 as the offer makes them: the bassins hold every unit of the region over
    the sectors' residents, the region row counts the official total."""
    return pd.DataFrame(
        {
            "indicator": "pharmacies_per_10000",
            "layer": ["bassin", "bassin", "region"],
            "area_code": ["N", "S", "04000"],
            "period": "2020",
            "count": [*counts, region_count],
            "denominator": [*layer_people, region_people],
        }
    )


def _outcome(row, comparator):
    polarity = REG["pharmacies_per_10000"].polarity
    return stats.compare_array(
        [row["value"]], [row["lower998"]], [row["upper998"]], [comparator], polarity
    )[0]


def test_a_layer_over_another_population_is_compared_with_its_own_ratio_of_sums():
    # 10,000 units: the region row over 1,000,000 residents (100 per 10,000), the bassins over their
    # 900,000 (111.1 per 10,000); N has 108.0 (104-112 at 99.8%): like with like, it is not higher
    frame = _offer_like((5_400, 4_600), (500_000, 400_000), 10_000, 1_000_000)
    table = tidy.compare_with_region(tidy.compute(frame, REG), REG).set_index("area_code")
    north, south = table.loc["N"], table.loc["S"]
    assert table.loc["04000", "value"] == pytest.approx(100.0)
    assert north["value"] == pytest.approx(108.0) and south["value"] == pytest.approx(115.0)
    own = 10_000 / 900_000 * 10_000
    assert north["comparison998"] == _outcome(north, own) == stats.SIMILAR
    assert _outcome(north, 100.0) != stats.SIMILAR  # what the region row would have said
    assert south["comparison998"] == _outcome(south, own)
    assert (
        "over the bassins' own population (111.1 per 10000, 900,000 residents)"
        in (north["value_note"])
    )
    assert table.loc["04000", "comparison998"] == stats.NOT_COMPARED


def test_a_layer_that_does_not_hold_every_event_keeps_the_region_row():
    # the layer holds 9,000 of the region's 10,000 units (a partial layer): the region row is the
    # reference, and no note is added
    frame = _offer_like((5_400, 3_600), (500_000, 400_000), 10_000, 1_000_000)
    table = tidy.compare_with_region(tidy.compute(frame, REG), REG).set_index("area_code")
    north = table.loc["N"]
    assert north["comparison998"] == _outcome(north, 100.0) != stats.SIMILAR
    assert "own population" not in north["value_note"]
    # the same population as the region row: nothing changes either
    frame = _offer_like((5_400, 4_600), (500_000, 500_000), 10_000, 1_000_000)
    table = tidy.compare_with_region(tidy.compute(frame, REG), REG).set_index("area_code")
    assert "own population" not in table.loc["N", "value_note"]
