"""95% intervals of counts (exact Poisson below 10, Byar's method from 10).

Reference: Public Health England, "Technical Guide: Confidence intervals" (Public Health Data Science,
version of 25 May 2018; after the APHO Technical Briefing 3, Eayres 2008) and the Fingertips "Rates"
page of the public health technical guidance: Byar's method for 10 events or more,
O_lower = O (1 - 1/(9 O) - z/(3 sqrt O))^3, O_upper = (O + 1)(1 - 1/(9 (O + 1)) + z/(3 sqrt(O + 1)))^3;
the chi-squared exact method below 10. The guide states that for 95% intervals Byar's method is within
0.2% of the exact value for numerators of 10 or more: tested below against our exact limits.
"""

import math

import pytest

from bassins.offer import intervals

# Exact 95% limits of a Poisson count (Garwood 1936; chi-squared / 2), as commonly tabulated, to 4
# decimals: the values the guide's chi-squared exact method gives.
EXACT = {
    0: (0.0, 3.6889),
    1: (0.0253, 5.5716),
    2: (0.2422, 7.2247),
    3: (0.6187, 8.7673),
    5: (1.6235, 11.6683),
    9: (4.1154, 17.0848),
}


@pytest.mark.parametrize("observed", sorted(EXACT))
def test_exact_limits_match_the_table(observed):
    low, high = intervals.exact_limits(observed)
    assert low == pytest.approx(EXACT[observed][0], abs=6e-5)
    assert high == pytest.approx(EXACT[observed][1], abs=6e-5)
    assert intervals.count_limits(observed) == (low, high)  # below 10: the exact method


def test_byar_worked_by_hand_for_65_events():
    # O = 65, z = 1.959964: 65 (1 - 1/585 - 1.959964/(3 sqrt 65))^3 and
    # 66 (1 - 1/594 + 1.959964/(3 sqrt 66))^3, worked by hand: 50.163 and 82.849.
    low, high = intervals.byar_limits(65)
    assert low == pytest.approx(65 * (1 - 1 / 585 - 1.959964 / (3 * math.sqrt(65))) ** 3)
    assert (round(low, 3), round(high, 3)) == (50.163, 82.849)
    assert intervals.count_limits(65) == (low, high)  # 10 or more: Byar's method
    assert intervals.method_of(9) == "exact" and intervals.method_of(10) == "byar"


@pytest.mark.parametrize("observed", [10, 11, 25, 65, 189, 792, 1045])
def test_byar_is_within_two_per_mille_of_exact_from_10_events(observed):
    byar, exact = intervals.byar_limits(observed), intervals.exact_limits(observed)
    for b, e in zip(byar, exact, strict=True):
        assert abs(b - e) / e < 0.002


def test_rate_limits_divide_the_count_limits_by_the_population():
    low, high = intervals.rate_limits(3, 8_000)
    assert (low, high) == pytest.approx((0.6187 / 8, 8.7673 / 8), abs=1e-5)
    assert all(math.isnan(v) for v in intervals.rate_limits(3, 0))
    # an estimated (non-integer) count: the formulas as they are, between its neighbours
    assert (
        intervals.count_limits(3)[1] < intervals.count_limits(3.4)[1] < intervals.count_limits(4)[1]
    )


def test_bad_counts_are_refused():
    with pytest.raises(ValueError, match="a count cannot be -1"):
        intervals.count_limits(-1)
    with pytest.raises(ValueError, match="Byar's method needs a positive count"):
        intervals.byar_limits(0)


def test_the_array_version_gives_the_same_limits():
    import numpy as np

    counts = np.array([0, 0.001, 0.37, 1, 3, 4.6, 9, 9.99, 10, 65, 1045, np.nan])
    low, high = intervals.count_limits_array(counts)
    for i, observed in enumerate(counts):
        if np.isnan(observed):
            assert np.isnan(low[i]) and np.isnan(high[i])
            continue
        expected = intervals.count_limits(float(observed))
        assert (low[i], high[i]) == pytest.approx(expected, rel=1e-8, abs=1e-12)
    with pytest.raises(ValueError, match="a count cannot be -2"):
        intervals.count_limits_array([1, -2])
