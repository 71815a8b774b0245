"""On the real data: the offer-derived indicators are the offer's own figures (sites view), stored.

For every layer of the indicators (commune, bassin, region), pharmacies, emergency departments and
every category, the loaded indicator's count, denominator, rate and 95% limits equal the offer
analysis's `rates()` frame; the population-weighted mean of the areas' rates is the region's rate of
the offer for that layer.
"""

import pytest
from offer.realdata import package_data

from bassins.indicators import computed, store
from bassins.offer import data
from bassins.offer.counts import TOTAL

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]
LAYERS = ("commune", "bassin", "region")


@pytest.fixture(scope="module")
def _offer_data_module(django_db_setup, django_db_blocker):
    """The real territories, population, directory and indicators, loaded and committed once for
    this module (`offer.realdata`); the database is flushed afterwards."""
    yield from package_data(django_db_blocker)


@pytest.fixture
def offer_and_values(_offer_data_module):
    analysis = data.current_analysis()
    values = store.values_frame()
    values = values[values["indicator"].isin(PER)]
    return analysis, values.set_index(["indicator", "layer", "category", "area_code"]).sort_index()


#: indicator -> rate multiplier over the offer's rates per 1,000
PER = {"services_per_1000": 1, "pharmacies_per_10000": 10, "emergency_per_10000": 10}


def _cases(analysis):
    yield "pharmacies_per_10000", "", "pharmacy"
    yield "emergency_per_10000", "", "hospital_emergency"
    for category in analysis.categories:
        yield "services_per_1000", category, category


def test_the_indicators_are_the_offers_rates_on_the_real_data(offer_and_values):
    analysis, values = offer_and_values
    assert computed.OFFER_VIEW == "site"
    assert {"pharmacy", "hospital_emergency", "cpas"} <= set(analysis.categories)
    compared = 0
    for layer in LAYERS:
        for indicator, category, column in _cases(analysis):
            mine = values.loc[(indicator, layer, category)].sort_index()
            offer = analysis.rates("site", layer, column)
            offer = offer[offer["population"] > 0].sort_index()
            assert list(mine.index) == list(offer.index), (indicator, layer, category)
            per = PER[indicator]
            for ours, theirs, scale in (
                ("count", "count", 1),
                ("denominator", "population", 1),
                ("value", "rate", per),
                ("lower95", "rate_low", per),
                ("upper95", "rate_high", per),
            ):
                assert mine[ours].notna().all() and offer[theirs].notna().all()
                assert (mine[ours] - offer[theirs] * scale).abs().max() <= 1e-9, (
                    indicator,
                    layer,
                    category,
                    ours,
                )
            assert list(mine["estimated"]) == list(offer["estimated"] > 1e-9)
            compared += len(mine)
    assert compared > 24 * 3


def test_the_weighted_mean_of_the_areas_rates_is_the_regions_rate(offer_and_values):
    analysis, values = offer_and_values
    for indicator, category, column in _cases(analysis):
        region = values.loc[(indicator, "region", category, "04000")]
        for layer in ("commune", "bassin"):
            rows = values.loc[(indicator, layer, category)]
            mean = (rows["value"] * rows["denominator"]).sum() / rows["denominator"].sum()
            benchmark = analysis.region_rate("site", column, layer=layer)
            assert mean == pytest.approx(benchmark["rate"] * PER[indicator], rel=1e-12)
            # every unit of the region is counted once: placed or shared
            assert rows["count"].sum() == pytest.approx(region["count"], abs=1e-9)
        # the communes hold the official population, so their mean is the region's row itself
        communes = values.loc[(indicator, "commune", category)]
        assert communes["denominator"].sum() == region["denominator"] == 1_218_255


def test_each_layer_is_compared_with_the_region_its_own_areas_make(offer_and_values):
    # like with like: the bassins hold every unit of the region over the sectors' 1,215,012 residents,
    # not the official 1,218,255, so a bassin's rate is compared with the offer's benchmark for the
    # bassins (`region_rate(layer="bassin")`); the communes hold the official total: the region row
    from bassins.indicators import registry, stats

    analysis, values = offer_and_values
    checked = 0
    for indicator, category, column in _cases(analysis):
        polarity = registry.indicator(indicator).polarity
        for layer in ("commune", "bassin"):
            rows = values.loc[(indicator, layer, category)]
            benchmark = analysis.region_rate("site", column, layer=layer)["rate"] * PER[indicator]
            expected = stats.compare_array(
                rows["value"], rows["lower998"], rows["upper998"], benchmark, polarity
            )
            assert list(rows["comparison998"]) == list(expected), (indicator, layer, category)
            noted = rows["value_note"].str.contains("own population", regex=False)
            if layer == "bassin":
                assert rows["denominator"].sum() == 1_215_012
                assert noted.all() and rows["value_note"].str.contains("1,215,012 residents").all()
            else:
                assert not noted.any()
            checked += 1
    assert checked > 24 * 2


def test_the_profile_shows_the_region_value_the_area_was_compared_with(offer_and_values, client):
    from localurls import url

    analysis, _ = offer_and_values
    bassin = client.get(url("fr", "indicators:profile-json", layer="bassin", code="N")).json()
    commune = client.get(url("fr", "indicators:profile-json", layer="commune", code="21001")).json()
    for profile, layer in ((bassin, "bassin"), (commune, "commune")):
        row = {r["id"]: r for r in profile["rows"]}["pharmacies_per_10000"]
        benchmark = analysis.region_rate("site", "pharmacy", layer=layer)["rate"] * 10
        assert row["region_value"] == pytest.approx(benchmark, rel=1e-9), layer


def test_the_units_no_bassin_can_hold_are_shared_on_the_real_data(offer_and_values):
    analysis, values = offer_and_values
    bassins = values.xs("bassin", level="layer")
    not_placed = analysis.counts("site", "bassin").not_placed
    shared = bassins[bassins["estimated"]]
    assert not_placed[TOTAL] > 0 and len(shared) > 0
    assert shared["value_note"].str.contains("estimated (apportioned) units", regex=False).all()
    # the bassins' sites: their placed sites plus all those the bassins could not hold
    services = bassins.xs("services_per_1000", level="indicator")
    placed = analysis.counts("site", "bassin").table[TOTAL].sum()
    assert services["count"].sum() == pytest.approx(placed + not_placed[TOTAL], abs=1e-6)
