"""The statistics reproduce published worked examples, to the published precision.

Sources of the examples:
- [N98] Newcombe RG. "Two-sided confidence intervals for the single proportion: comparison of seven
  methods". Statistics in Medicine 1998;17:857-872, table II, method 3 (Wilson score), 4 decimals.
- [PHE] Public Health England's reference test data for its statistical methods (the tables
  `testdata_Byars_Wilson`, `testdata_Proportion` and `testdata_DSR_ISR` of PHE's PHEindicatormethods /
  DHSC's PHStatsMethods, whose expected values come from PHE's Fingertips Excel tools, as described in
  the "Technical Guide: Confidence intervals", Public Health Data Science, 25 May 2018, appendices 1, 3
  and 4), 6 decimals as published there.
- [ESP] Eurostat, "Revision of the European Standard Population", 2013 edition, table 3.5.
"""

import math

import numpy as np
import pytest

from bassins.indicators import poisson, stats


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_reproduces_newcombe_1998(count, n, low, high):  # [N98]
    result = stats.wilson(count, n)
    assert (round(result[0], 4), round(result[1], 4)) == (low, high)


@pytest.mark.parametrize(
    ("count", "n", "confidence", "low", "high"),
    [
        (65, 100, 0.95, 0.552544, 0.736358),
        (1045, 5000, 0.95, 0.197955, 0.220491),
        (0.445, 1, 0.95, 0.043817, 0.933462),
        (65, 100, 0.998, 0.495495, 0.778354),
        (1045, 5000, 0.998, 0.191794, 0.227316),
        (0.445, 1, 0.998, 0.019347, 0.970226),
        (9856, 12345, 0.95, 0.791210, 0.805364),
        (999, 3456, 0.998, 0.265840, 0.313448),
    ],
)
def test_wilson_reproduces_phe_reference_values(count, n, confidence, low, high):  # [PHE]
    result = stats.wilson(count, n, confidence)
    assert result == pytest.approx((low, high), abs=5e-7)
    arrays = stats.wilson_array([count], [n], confidence)
    assert (arrays[0][0], arrays[1][0]) == pytest.approx(result, rel=1e-12)


def test_wilson_refuses_a_count_above_its_denominator():
    with pytest.raises(ValueError, match="0 <= 12"):
        stats.wilson(12, 10)
    with pytest.raises(ValueError, match="0 <= 12"):
        stats.wilson_array([1, 12], [5, 10])
    assert all(math.isnan(v) for v in stats.wilson(3, 0))


@pytest.mark.parametrize(
    ("count", "confidence", "low", "high"),
    [
        (65, 0.95, 50.163188, 82.849139),
        (1045, 0.95, 982.593202, 1110.331213),
        (1, 0.95, 0.013072, 5.563756),
        (65, 0.998, 42.880261, 94.000291),
        (1045, 0.998, 947.940704, 1148.806161),
        (10, 0.998, 2.916318, 24.193725),
    ],
)
def test_byar_reproduces_phe_reference_values(count, confidence, low, high):  # [PHE]
    assert poisson.byar_limits(count, poisson.z_of(confidence)) == pytest.approx(
        (low, high), abs=5e-7
    )


def test_rates_use_exact_limits_below_ten_events_at_both_levels():
    # below 10 events: chi-squared exact limits (the PHE guide's appendix 2), e.g. 3 events
    assert stats.rate_interval(3, 1000, per=1000) == pytest.approx((0.6187, 8.7673), abs=6e-5)
    low, high = stats.rate_interval(3, 1000, per=1000, confidence=0.998)
    assert low < 0.6187 and high > 8.7673  # wider at 99.8%
    arr = stats.rate_interval_array([3, 65], [1000, 1000], per=1000, confidence=0.998)
    assert arr[1][0] == pytest.approx(high) and arr[0][1] == pytest.approx(42.880261, abs=5e-7)
    assert poisson.z_of(0.998) == pytest.approx(3.090232, abs=5e-7)


def _gamma_probability(x: float, shape: float) -> float:
    """P(shape, x) by Simpson's rule on a smooth integrand, independent of `poisson.gamma_cdf`:
    t^(shape-1) e^-t dt is e^(-u^(1/shape)) du / shape with u = t^shape (shape < 1), and
    2 v^(2 shape-1) e^(-v^2) dv with t = v^2 (shape >= 1)."""
    if shape < 1:
        u = np.linspace(0.0, x**shape, 20_001)
        f, scale = np.exp(-(u ** (1 / shape))), 1 / shape
    else:
        u = np.linspace(0.0, math.sqrt(x), 20_001)
        f, scale = 2 * u ** (2 * shape - 1) * np.exp(-(u**2)), 1.0
    h = u[1] - u[0]
    integral = h / 3 * (f[0] + f[-1] + 4 * f[1:-1:2].sum() + 2 * f[2:-1:2].sum())
    return integral * scale / math.gamma(shape)


# the offer's counts include estimated (apportioned) shares: non-integer counts below 10 events
FRACTIONAL = [0.02, 0.34, 0.66, 1.0186, 1.2, 1.25, 1.5, 2.5, 4.75, 9.99]


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_exact_limits_of_non_integer_counts(confidence):
    alpha = 1 - confidence
    low, high = poisson.count_limits_array(FRACTIONAL, confidence)
    for count, lower, upper in zip(FRACTIONAL, low, high, strict=True):
        assert 0 < lower < count < upper < 2.5 * count + 12
        assert _gamma_probability(lower, count) == pytest.approx(alpha / 2, rel=1e-7), count
        assert _gamma_probability(upper, count + 1) == pytest.approx(1 - alpha / 2, rel=1e-7)
        assert poisson.count_limits(count, confidence) == pytest.approx((lower, upper), rel=1e-9)
    if confidence == 0.998:
        # 1.2 events: the lower limit was 5.2e8 (Newton's start at 1e-300 for a shape whose
        # Wilson-Hilferty value is negative), absurd beside the upper limit 9.65
        assert low[FRACTIONAL.index(1.2)] == pytest.approx(0.00343371, abs=1e-8)


# [PHE] testdata_DSR_ISR, area "testdata_big" and "testdata_small": 19 age bands 0-4 ... 90+
# (the ages 55-59 labelled "55-69" in the source), standardised to the ESP 2013 with 90+ = 1,000.
POP = [
    636,
    558,
    609,
    543,
    384,
    594,
    669,
    843,
    660,
    576,
    606,
    522,
    426,
    273,
    300,
    288,
    153,
    123,
    207,
]
BIG = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91]
SMALL = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]
TINY = [0, 0, None, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (BIG, (10430.247991, 9717.709068, 11178.940915, 9323.287880, 11620.596000)),
        (SMALL, (1103.212025, 877.455768, 1367.088223, 763.642036, 1530.032895)),
    ],
)
def test_dobson_reproduces_phe_reference_values(counts, expected):  # [PHE] with [ESP]
    rate = stats.dobson(counts, POP, list(stats.esp2013(90).values()), per=100_000)
    got = (rate.value, rate.lower95, rate.upper95, rate.lower998, rate.upper998)
    assert got == pytest.approx(expected, abs=5e-6)
    assert rate.count == sum(counts) and rate.denominator == 8970


def test_dobson_with_the_1976_standard_population():  # [PHE] testdata_1976 (18 bands, 85+)
    counts = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82]
    pops = [
        636,
        558,
        609,
        543,
        384,
        594,
        669,
        843,
        660,
        576,
        606,
        522,
        426,
        273,
        300,
        288,
        153,
        123,
    ]
    esp1976 = [8000] + [7000] * 10 + [6000, 5000, 4000, 3000, 2000, 1000, 1000]
    rate = stats.dobson(counts, pops, esp1976, per=100_000)
    assert (rate.value, rate.lower95, rate.upper95) == pytest.approx(
        (8592.097585, 7991.160931, 9225.253880), abs=5e-6
    )


def test_dobson_gives_no_rate_below_ten_events():  # [PHE] testdata_tiny: 9 events, no value
    rate = stats.dobson(TINY, POP, list(stats.esp2013(90).values()))
    assert math.isnan(rate.value) and rate.count == 9 and "fewer than 10" in rate.note
    with pytest.raises(ValueError, match="no population"):
        stats.dobson([1, 20], [0, 100], [1, 1])


def test_the_european_standard_population_2013():  # [ESP]
    full = stats.esp2013()
    assert sum(full.values()) == 100_000 and len(full) == 20
    assert full["0-4"] == 5000 and full["45-49"] == 7000 and full["95+"] == 200
    assert stats.esp2013(85)["85+"] == 2500 and stats.esp2013(85)["80-84"] == 2500
    assert len(stats.esp2013(85)) == 18 and sum(stats.esp2013(85).values()) == 100_000


@pytest.mark.parametrize(
    ("value", "low", "high", "region", "polarity", "expected"),
    [
        (12.0, 10.0, 14.0, 9.0, stats.HIGHER_IS_WORSE, stats.WORSE),
        (12.0, 10.0, 14.0, 9.0, stats.HIGHER_IS_BETTER, stats.BETTER),
        (12.0, 10.0, 14.0, 9.0, stats.NO_POLARITY, stats.HIGHER),
        (6.0, 4.0, 8.0, 9.0, stats.HIGHER_IS_WORSE, stats.BETTER),
        (6.0, 4.0, 8.0, 9.0, stats.NO_POLARITY, stats.LOWER),
        (8.0, 6.0, 10.0, 9.0, stats.HIGHER_IS_WORSE, stats.SIMILAR),
        (8.0, math.nan, math.nan, 9.0, stats.HIGHER_IS_WORSE, stats.NOT_COMPARED),
    ],
)
def test_comparison_with_the_region_as_fingertips(value, low, high, region, polarity, expected):
    assert stats.compare(value, low, high, region, polarity) == expected
    assert stats.compare_array([value], [low], [high], region, polarity)[0] == expected


def test_comparison_by_overlap_of_both_intervals():
    # the region's value 9 is outside [9.5, 14], but its interval [8, 10] overlaps it
    assert stats.compare(12, 9.5, 14, 9, stats.HIGHER_IS_WORSE) == stats.WORSE
    kwargs = {"comparator_lower": 8, "comparator_upper": 10, "method": "overlap"}
    assert stats.compare(12, 9.5, 14, 9, stats.HIGHER_IS_WORSE, **kwargs) == stats.SIMILAR
    with pytest.raises(ValueError, match="unknown polarity"):
        stats.compare(1, 0, 2, 1, "up")


def test_chi2_trend_equals_n_r_squared_of_the_individual_records():
    # Independent oracle: Armitage's statistic (variance p(1-p)) is N r², r the Pearson correlation
    # of period score and outcome over the N individual records.
    counts, denominators = [30, 34, 41, 45, 52], [200, 210, 205, 198, 202]
    trend = stats.chi2_trend(counts, denominators, confidence=0.95)
    x = np.repeat(np.arange(1, 6), denominators)
    y = np.concatenate([[1] * r + [0] * (n - r) for r, n in zip(counts, denominators, strict=True)])
    r = np.corrcoef(x, y)[0, 1]
    assert trend.chi2 == pytest.approx(len(y) * r * r, rel=1e-10)
    assert trend.outcome == stats.INCREASING and round(trend.p_value, 4) == 0.0016
    assert stats.chi2_trend(counts, denominators).outcome == stats.INCREASING  # also at 99.8%
    assert stats.chi2_trend(counts[::-1], denominators[::-1]).outcome == stats.DECREASING


def test_chi2_trend_worked_by_hand():
    # r = (1, 2, 3, 4, 5), n = 10 each: R = 15, N = 50, p = 0.3, x̄ = 3; Σ r x = 55, R x̄ = 45;
    # Σ n x² = 550, N x̄² = 450: chi2 = 100 / (0.21 × 100) = 4.7619; P = 0.0291
    trend = stats.chi2_trend([1, 2, 3, 4, 5], [10] * 5, confidence=0.95)
    assert round(trend.chi2, 4) == 4.7619 and round(trend.p_value, 4) == 0.0291
    assert trend.outcome == stats.INCREASING
    # the same series is not significant at Fingertips' 99.8%
    assert stats.chi2_trend([1, 2, 3, 4, 5], [10] * 5).outcome == stats.NO_CHANGE
    assert stats.chi2_trend([1, 2, 3, 4], [10] * 4).outcome == stats.NO_TREND
    # only the last five periods count
    assert stats.chi2_trend([9, 1, 2, 3, 4, 5], [10] * 6, confidence=0.95).chi2 == trend.chi2
