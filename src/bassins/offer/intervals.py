"""95% confidence intervals of counts and rates (Poisson), for figures resting on small numbers.

Pure (no Django, no scipy). The method is that of Public Health England's technical guidance
("Technical Guide: Confidence intervals", and "Rates" in the Fingertips public health technical
guidance, after Breslow and Day 1987):

* fewer than 10 events: the exact Poisson limits, through the link with the chi-squared distribution,
  O_lower = chi2(alpha/2; 2 O) / 2 and O_upper = chi2(1 - alpha/2; 2 O + 2) / 2, i.e. the quantiles of
  the gamma distributions of shape O and O + 1 (0 events: lower limit 0);
* 10 events or more: Byar's approximation,
  O_lower = O (1 - 1/(9 O) - z/(3 sqrt O))^3 and
  O_upper = (O + 1) (1 - 1/(9 (O + 1)) + z/(3 sqrt(O + 1)))^3, z = 1.959964 for 95%.

The limits of a rate are those of its count divided by the population. A count may be a real number (a
count with an ESTIMATED share of units apportioned from coarser locations): the formulas are used as they
are, and the result is an estimate too.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
EXACT_BELOW = 10  # fewer events: exact Poisson limits; otherwise Byar's approximation
ALPHA = 0.05


def byar_limits(observed: float, z: float = Z95) -> tuple[float, float]:
    """Byar's approximate Poisson limits of an observed count (`observed` > 0)."""
    if not observed > 0:
        raise ValueError(f"Byar's method needs a positive count, not {observed!r}")
    o, o1 = float(observed), float(observed) + 1
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3
    return lower, upper


def exact_limits(observed: float, alpha: float = ALPHA) -> tuple[float, float]:
    """Exact Poisson limits of an observed count: gamma quantiles (chi-squared / 2)."""
    if observed < 0 or math.isnan(observed):
        raise ValueError(f"a count cannot be {observed!r}")
    lower = 0.0 if observed == 0 else gamma_quantile(alpha / 2, observed)
    upper = gamma_quantile(1 - alpha / 2, observed + 1)
    return lower, upper


def count_limits(observed: float) -> tuple[float, float]:
    """The 95% limits of a count: exact below `EXACT_BELOW` events, Byar's method from there."""
    if observed is None or math.isnan(float(observed)):
        return math.nan, math.nan
    if observed < 0:
        raise ValueError(f"a count cannot be {observed!r}")
    return exact_limits(observed) if observed < EXACT_BELOW else byar_limits(observed)


def rate_limits(observed: float, population: float, per: float = 1000) -> tuple[float, float]:
    """The 95% limits of the rate `observed` / `population` × `per` (NaN without a population)."""
    if population is None or not population > 0:
        return math.nan, math.nan
    lower, upper = count_limits(observed)
    return lower / population * per, upper / population * per


def method_of(observed: float) -> str:
    """ "exact" or "byar": which method `count_limits` uses for this count."""
    return "exact" if observed < EXACT_BELOW else "byar"


# -- the regularised incomplete gamma function and its inverse ----------------------------------------


def gamma_cdf(x: float, shape: float) -> float:
    """P(shape, x), the regularised lower incomplete gamma function (Numerical Recipes, 6.2)."""
    if x <= 0:
        return 0.0
    if x < shape + 1:  # series
        term = total = 1.0 / shape
        a = shape
        for _ in range(10_000):
            a += 1
            term *= x / a
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return total * math.exp(-x + shape * math.log(x) - math.lgamma(shape))
    # continued fraction for Q = 1 - P (modified Lentz)
    tiny = 1e-300
    b = x + 1 - shape
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - shape)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return 1 - math.exp(-x + shape * math.log(x) - math.lgamma(shape)) * h


def gamma_quantile(p: float, shape: float) -> float:
    """The x with gamma_cdf(x, shape) = p (bisection; `shape` > 0, 0 < p < 1)."""
    if not 0 < p < 1 or not shape > 0:
        raise ValueError(f"no gamma quantile for p={p!r}, shape={shape!r}")
    low, high = 0.0, max(1.0, shape)
    while gamma_cdf(high, shape) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if gamma_cdf(mid, shape) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2
