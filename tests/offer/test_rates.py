"""rates: like-with-like rates per 1,000, their intervals, and the regional benchmark (hand-made frames)."""

import numpy as np
import pytest

from bassins.offer import rates
from bassins.offer.counts import TOTAL
from bassins.offer.views import VIEWS

from . import handmade


@pytest.fixture(scope="module")
def analysis():
    return handmade.analysis(
        areas=handmade.pd.DataFrame(
            [("U1", "commune", "C1"), ("U2", "region", "04000"), ("U3", "bassin", "Y")],
            columns=["service_id", "layer", "area_code"],
        )
    )


def test_rates_count_the_estimated_share(analysis):
    r = analysis.rates("head_office", "bassin")
    assert r["placed"].to_dict() == {"X": 1, "Y": 1}
    assert r["count"].to_dict() == pytest.approx({"X": 1.35, "Y": 2.65})
    assert r["population"].to_dict() == {"X": 100, "Y": 900}
    assert r["rate"].to_dict() == pytest.approx({"X": 13.5, "Y": 2.65 / 0.9})
    assert r["rate_placed"].to_dict() == pytest.approx({"X": 10.0, "Y": 1 / 0.9})
    assert r["small"].tolist() == [True, True] and set(r["ci_method"]) == {"exact"}
    low, high = rates.intervals.rate_limits(1.35, 100)
    assert (r.at["X", "rate_low"], r.at["X", "rate_high"]) == pytest.approx((low, high))


def test_benchmark_uses_the_areas_population(analysis):
    official = analysis.region_rate("head_office")
    assert official["population"] == 1_010 and official["rate"] == pytest.approx(4 / 1.01)
    benchmark = analysis.region_rate("head_office", layer="bassin")
    assert benchmark["population"] == 1_000 and benchmark["population_gap"] == 10
    assert benchmark["rate"] == pytest.approx(4.0)
    # the units placed only would give 2 per 1,000 on the same population, half the benchmark
    r = analysis.rates("head_office", "bassin")
    placed_mean = (r["rate_placed"] * r["population"]).sum() / r["population"].sum()
    assert placed_mean == pytest.approx(2.0)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("layer", ["sector", "submunicipality", "commune", "bassin", "region"])
def test_population_weighted_mean_of_the_rates_is_the_regions_rate(analysis, view, layer):
    for column in [TOTAL, "a", "b"]:
        r = analysis.rates(view, layer, column)
        benchmark = analysis.region_rate(view, column, layer=layer)
        assert rates.weighted_mean_rate(r) == pytest.approx(benchmark["rate"], nan_ok=True)
        assert r["count"].sum() == pytest.approx(benchmark["count"])


def test_rates_with_candidates_narrowed_by_postcode():
    analysis = handmade.city_analysis()
    r = analysis.rates("head_office", "bassin")
    # placed + estimated (handmade.city_locations): N gets V3's 0.6 and V5, none of V1, V2 (postcode 1000)
    assert r["count"].to_dict() == pytest.approx({"CO": 0.6, "N": 1.6, "NE": 1.0, "S": 1.8})
    assert r["rate"].to_dict() == pytest.approx({"CO": 6.0, "N": 1.6 / 0.6, "NE": 1.0, "S": 6.0})
    benchmark = analysis.region_rate("head_office", layer="bassin")
    assert benchmark["rate"] == pytest.approx(2.5)  # 5 units over 2,000 inhabitants
    assert rates.weighted_mean_rate(r) == pytest.approx(benchmark["rate"])


def test_weighted_mean_counts_units_in_areas_without_population():
    frame = handmade.pd.DataFrame(
        {"count": [2.0, 1.0], "population": [1000.0, 0.0], "rate": [2.0, np.nan]}
    )
    assert rates.weighted_mean_rate(frame) == pytest.approx(3.0)


def test_rates_refuse_a_population_of_another_layer(analysis):
    with pytest.raises(
        ValueError, match="population of layer 'commune' for counts of layer 'bassin'"
    ):
        rates.rates(analysis.counts("site", "bassin"), analysis.population("commune"))


def test_rank():
    values = handmade.pd.Series({"a": 2.0, "b": 5.0, "c": 2.0, "d": np.nan})
    assert rates.rank(values).to_dict() == {"a": 2, "b": 1, "c": 2, "d": None}
    assert rates.rank(values, ascending=True).to_dict() == {"a": 1, "b": 3, "c": 1, "d": None}
