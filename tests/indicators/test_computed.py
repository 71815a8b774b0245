"""Computed indicators (offer rates, area, density), attention zones and map classes, by hand."""

import math

import pandas as pd
import pytest

from bassins.indicators import attention, charts, computed, registry, stats, tidy

REG = registry.registry()


def _site(location, category, precision, sector=None, commune=None):
    return {
        "service_id": f"S{location}",
        "service_name_fr": f"Service {location}",
        "service_name_nl": None,
        "organization_id": f"O{location}",
        "location_id": f"L{location}",
        "category": category,
        "is_head_office": True,
        "is_site": True,
        "precision": precision,
        "sector": sector,
        "submunicipality": None,
        "commune": commune,
        "monitoring": None,
        "bassin": None,
        "qss": None,
        "source": "hand",
        "status": "active",
        "extract_date": "2026-08-10",
    }


def _hand_analysis():
    """golden's seven sectors (Bruxelles-Ville 21004 split: 21004A in CO, 21004E in N) with three
    pharmacies, one known only by its commune (Bruxelles-Ville), and a CPAS."""
    from offer import golden

    from bassins.offer.analysis import OfferAnalysis, OfferInputs
    from bassins.offer.inputs import LOCATION_COLUMNS

    locations = pd.DataFrame(
        [
            _site(1, "pharmacy", "point", sector="21004A00-"),
            _site(2, "pharmacy", "commune", commune="21004"),  # a bassin cannot hold it
            _site(3, "pharmacy", "point", sector="21015A00-"),
            _site(4, "cpas", "point", sector="21001A00-"),
        ],
        columns=LOCATION_COLUMNS,
    )
    return OfferAnalysis(
        OfferInputs(
            locations=locations, membership=golden.MEMBERSHIP, populations=golden.populations()
        )
    )


def _hand_table():
    analysis = _hand_analysis()
    layers = computed.offer_layers(analysis, ("commune", "bassin", "region"))
    rows = computed.offer_rows(layers)
    return analysis, tidy.compute(rows, REG).set_index(
        ["indicator", "layer", "area_code", "category"]
    )


def test_a_pharmacy_known_only_by_bruxelles_ville_is_shared_among_its_bassins():
    analysis, table = _hand_table()
    pharmacies = table.xs(("pharmacies_per_10000", "bassin"), level=("indicator", "layer"))
    # sectors of Bruxelles-Ville: 21004A (CO) 2,000 residents, 21004E (N) 2,000 + 1,900
    share_co, share_n = 2_000 / 5_900, 3_900 / 5_900
    assert pharmacies.loc[("N", ""), "count"] == pytest.approx(share_n)  # counted nowhere before
    assert pharmacies.loc[("CO", ""), "count"] == pytest.approx(1 + share_co)
    assert pharmacies.loc[("NE", ""), "count"] == 1 and not pharmacies.loc[("NE", ""), "estimated"]
    assert pharmacies["count"].sum() == pytest.approx(3)  # = the region's 3 pharmacies
    north = pharmacies.loc[("N", "")]
    assert (
        north["estimated"] and "includes 0.66 estimated (apportioned) units" in north["value_note"]
    )
    assert north["denominator"] == 3_900  # the offer's population of the bassin (its sectors)
    low, high = stats.rate_interval(share_n, 3_900, 10_000)  # the same exact limits, count < 1
    assert (north["lower95"], north["upper95"]) == pytest.approx((low, high), rel=1e-12)
    assert 0 < north["lower95"] < north["value"] < north["upper95"]
    # at commune level every pharmacy is placed: nothing estimated
    communes = table.xs(("pharmacies_per_10000", "commune"), level=("indicator", "layer"))
    assert communes.loc[("21004", ""), "count"] == 2 and not communes["estimated"].any()
    region = table.loc[("pharmacies_per_10000", "region", "04000", "")]
    assert region["count"] == 3 and region["denominator"] == 24_000
    assert table.loc[("emergency_per_10000", "bassin", "N", ""), "count"] == 0  # zero kept
    assert table.loc[("services_per_1000", "commune", "21001", "cpas"), "value"] == pytest.approx(
        0.1
    )


def test_the_hand_made_rates_are_the_offers_rates():
    analysis, table = _hand_table()
    for layer in ("commune", "bassin", "region"):
        for indicator, column, per in (
            ("pharmacies_per_10000", "pharmacy", 10),
            ("services_per_1000", "cpas", 1),
        ):
            offer = analysis.rates("site", layer, column)
            category = column if indicator == "services_per_1000" else ""
            mine = table.xs((indicator, layer), level=("indicator", "layer")).xs(
                category, level="category"
            )
            offer = offer.loc[mine.index]
            assert list(mine["count"]) == pytest.approx(list(offer["count"]), abs=1e-9)
            assert list(mine["denominator"]) == pytest.approx(list(offer["population"]), abs=1e-9)
            assert list(mine["value"]) == pytest.approx(list(offer["rate"] * per), abs=1e-9)
            assert list(mine["lower95"]) == pytest.approx(list(offer["rate_low"] * per), abs=1e-9)
            assert list(mine["upper95"]) == pytest.approx(list(offer["rate_high"] * per), abs=1e-9)


def test_non_integer_counts_get_the_offers_limits():
    from bassins.offer import intervals

    counts = [0.0, 0.34, 2.5, 9.99, 10.0, 41.7]
    frame = pd.DataFrame(
        {
            "indicator": "services_per_1000",
            "layer": "commune",
            "area_code": [str(21001 + i) for i in range(len(counts))],
            "period": "2020",
            "category": "cpas",
            "count": counts,
            "denominator": 5_000.0,
        }
    )
    table = tidy.compute(frame, REG)
    low, high = intervals.count_limits_array(counts)
    assert list(table["lower95"]) == pytest.approx(list(low / 5_000 * 1000), rel=1e-12)
    assert list(table["upper95"]) == pytest.approx(list(high / 5_000 * 1000), rel=1e-12)
    assert table["upper998"].gt(table["upper95"]).all()
    assert table["lower998"].iloc[1:].lt(table["lower95"].iloc[1:]).all()
    assert table["lower95"].iloc[0] == 0  # no unit: the exact lower limit is 0


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
