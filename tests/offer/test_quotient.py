"""quotient: location quotients on the placed + estimated units (hand-made frames)."""

import pytest

from bassins.offer import quotient
from bassins.offer.counts import TOTAL
from bassins.offer.views import VIEWS

from . import handmade


@pytest.fixture(scope="module")
def analysis():
    return handmade.analysis()


def test_quotients_on_placed_and_estimated_units(analysis):
    lq = analysis.quotients("head_office", "bassin")
    # Units: X a 1 + 0.25, b 0.1 (1.35); Y a 0.75, b 1 + 0.9 (2.65). Region: a 2/4, b 2/4.
    assert lq.loc["X"].to_dict() == pytest.approx(
        {"a": (1.25 / 1.35) / 0.5, "b": (0.1 / 1.35) / 0.5}
    )
    assert lq.loc["Y"].to_dict() == pytest.approx(
        {"a": (0.75 / 2.65) / 0.5, "b": (1.9 / 2.65) / 0.5}
    )
    # without the apportionment (the units placed only): X is all a, Y all b
    placed = quotient.location_quotients(analysis.counts("head_office", "bassin"))
    assert placed.loc["X"].to_dict() == {"a": 2.0, "b": 0.0}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("layer", ["submunicipality", "commune", "bassin"])
def test_unit_weighted_mean_of_the_quotients_is_one(analysis, view, layer):
    counts = analysis.counts(view, layer)
    units = analysis.apportioned(view, layer).combined(counts)[TOTAL]
    means = quotient.weighted_mean(analysis.quotients(view, layer), units)
    for category in counts.categories:
        if counts.region[category]:
            assert means[category] == pytest.approx(1.0)


def test_population_weighted_mean_of_the_category_rate_ratios_is_one(analysis):
    for category in ("a", "b"):
        r = analysis.rates("head_office", "bassin", category)
        benchmark = analysis.region_rate("head_office", category, layer="bassin")
        ratio = r["rate"] / benchmark["rate"]
        assert (ratio * r["population"]).sum() / r["population"].sum() == pytest.approx(1.0)


def test_shares_and_undefined_quotients(analysis):
    counts = analysis.counts("head_office", "sector")
    shares = quotient.local_shares(counts)
    assert shares.loc["s2"].isna().all()  # no unit placed in s2: no share, no quotient
    assert quotient.regional_shares(counts).to_dict() == {"a": 0.5, "b": 0.5}
    weights = handmade.pd.Series({"s1": 1.0, "s2": 5.0})
    q = handmade.pd.DataFrame({"a": [2.0, float("nan")]}, index=["s1", "s2"])
    assert quotient.weighted_mean(q, weights).to_dict() == {"a": 2.0}  # NaN quotients weigh nothing
