"""Confidence intervals of counts and rates (Poisson), for figures resting on small numbers.

The one implementation of bassins (`bassins.offer.intervals` re-exports it). Pure (no Django, no
scipy). 95% by default; every function takes `confidence` (0.998 for Fingertips' 99.8% limits). The method is that of Public Health England's technical guidance
("Technical Guide: Confidence intervals", and "Rates" in the Fingertips public health technical
guidance, after Breslow and Day 1987):

* fewer than 10 events: the exact Poisson limits, through the link with the chi-squared distribution,
  O_lower = chi2(alpha/2; 2 O) / 2 and O_upper = chi2(1 - alpha/2; 2 O + 2) / 2, i.e. the quantiles of
  the gamma distributions of shape O and O + 1 (0 events: lower limit 0);
* 10 events or more: Byar's approximation,
  O_lower = O (1 - 1/(9 O) - z/(3 sqrt O))^3 and
  O_upper = (O + 1) (1 - 1/(9 (O + 1)) + z/(3 sqrt(O + 1)))^3, z = 1.959964 for 95%,
  z = 3.090232 for 99.8%.

The limits of a rate are those of its count divided by the population. A count may be a real number (a
count with an ESTIMATED share of units apportioned from coarser locations): the formulas are used as they
are, and the result is an estimate too.
"""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist

import numpy as np

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
EXACT_BELOW = 10  # fewer events: exact Poisson limits; otherwise Byar's approximation
ALPHA = 0.05
CONFIDENCE = 0.95
CONFIDENCE_998 = 0.998


def z_of(confidence: float = CONFIDENCE) -> float:
    """The two-sided standard normal quantile of a confidence level (1.959964 for 0.95)."""
    if not 0 < confidence < 1:
        raise ValueError(f"a confidence level lies between 0 and 1, not {confidence!r}")
    if confidence == CONFIDENCE:
        return Z95
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _alpha(confidence: float) -> float:
    """1 - confidence, rounded (so that 0.95 gives exactly ALPHA = 0.05)."""
    return round(1 - confidence, 12)


def byar_limits(observed: float, z: float = Z95) -> tuple[float, float]:
    """Byar's approximate Poisson limits of an observed count (`observed` > 0)."""
    if not observed > 0:
        raise ValueError(f"Byar's method needs a positive count, not {observed!r}")
    o, o1 = float(observed), float(observed) + 1
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3
    return lower, upper


@lru_cache(maxsize=65536)
def exact_limits(observed: float, alpha: float = ALPHA) -> tuple[float, float]:
    """Exact Poisson limits of an observed count: gamma quantiles (chi-squared / 2)."""
    if observed < 0 or math.isnan(observed):
        raise ValueError(f"a count cannot be {observed!r}")
    lower = 0.0 if observed == 0 else gamma_quantile(alpha / 2, observed)
    upper = gamma_quantile(1 - alpha / 2, observed + 1)
    return lower, upper


def count_limits(observed: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The limits of a count: exact below `EXACT_BELOW` events, Byar's method from there."""
    if observed is None or math.isnan(float(observed)):
        return math.nan, math.nan
    if observed < 0:
        raise ValueError(f"a count cannot be {observed!r}")
    if observed < EXACT_BELOW:
        return exact_limits(observed, _alpha(confidence))
    return byar_limits(observed, z_of(confidence))


def rate_limits(
    observed: float, population: float, per: float = 1000, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """The limits of the rate `observed` / `population` × `per` (NaN without a population)."""
    if population is None or not population > 0:
        return math.nan, math.nan
    lower, upper = count_limits(observed, confidence)
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
            if abs(term) < abs(total) * 1e-14:
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
        if abs(delta - 1) < 1e-14:
            break
    return 1 - math.exp(-x + shape * math.log(x) - math.lgamma(shape)) * h


def gamma_quantile(p: float, shape: float) -> float:
    """The x with gamma_cdf(x, shape) = p (`shape` > 0, 0 < p < 1): Newton's method from the
    Wilson-Hilferty approximation, kept inside a bisection bracket."""
    if not 0 < p < 1 or not shape > 0:
        raise ValueError(f"no gamma quantile for p={p!r}, shape={shape!r}")
    z = _normal_quantile(p)
    base = 1 - 1 / (9 * shape) + z / (3 * math.sqrt(shape))
    # Wilson-Hilferty, except where it has no positive value (a low quantile of a small shape, such
    # as the 99.8% lower limit of 1.2 events): there x is small and P(shape, x) ~ x^shape / Gamma(shape
    # + 1). (Starting at 1e-300 sent Newton's first step out to 1e57, and bisection never came back.)
    if shape < 1 or base <= 0.1:
        log_x = (math.log(p) + math.lgamma(shape + 1)) / shape
        if log_x < -690:  # below 1e-300: zero for any count or rate
            return 0.0
        x = math.exp(log_x)
    else:
        x = shape * base**3
    low, high = 0.0, math.inf
    log_norm = math.lgamma(shape)
    for _ in range(200):
        f = gamma_cdf(x, shape) - p
        if f < 0:
            low = x
        else:
            high = x
        density = math.exp((shape - 1) * math.log(x) - x - log_norm)
        candidate = x - f / density if density > 0 else math.nan
        if not low < candidate < high:  # Newton left the bracket: bisect (or widen)
            candidate = (low + high) / 2 if high < math.inf else 2 * x
        if abs(candidate - x) <= 1e-10 * x:
            return candidate
        x = candidate
    return x


def _normal_quantile(p: float) -> float:
    """The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9); only
    the starting point of `gamma_quantile`, whose result does not depend on it."""
    a = (
        -39.69683028665376,
        220.9460984245205,
        -275.9285104469687,
        138.3577518672690,
        -30.66479806614716,
        2.506628277459239,
    )
    b = (
        -54.47609879822406,
        161.5858368580409,
        -155.6989798598866,
        66.80131188771972,
        -13.28068155288572,
    )
    c = (
        -0.007784894002430293,
        -0.3223964580411365,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    )
    d = (0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416)
    if p < 0.02425:
        q = math.sqrt(-2 * math.log(p))
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
        )
    if p > 1 - 0.02425:
        return -_normal_quantile(1 - p)
    q = p - 0.5
    r = q * q
    return (
        (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    )


# -- the same, for arrays (a rates table has thousands of small counts) ------------------------------


def _gamma_cdf_array(x: np.ndarray, shape: np.ndarray, log_gamma: np.ndarray) -> np.ndarray:
    """gamma_cdf for arrays, by its series (exact to ~1e-13 for the x < 60 of counts below 10)."""
    term = 1.0 / shape
    total = term.copy()
    a = shape.copy()
    for _ in range(_SERIES_TERMS):
        a = a + 1
        term = term * x / a
        total = total + term
        if (term <= 1e-16 * total).all():
            break
    with np.errstate(divide="ignore"):
        log_x = np.log(np.where(x > 0, x, 1.0))
    out = total * np.exp(-x + shape * log_x - log_gamma)
    return np.where(x > 0, np.minimum(out, 1.0), 0.0)


_SERIES_TERMS = 160


def _gamma_quantile_array(p: float, shape: np.ndarray) -> np.ndarray:
    """gamma_quantile for an array of shapes (Newton's method; elements that do not settle are done
    one by one by `gamma_quantile`)."""
    log_gamma = np.array([math.lgamma(a) for a in shape])
    z = _normal_quantile(p)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        base = 1 - 1 / (9 * shape) + z / (3 * np.sqrt(shape))
        small = (shape < 1) | (base <= 0.1)  # as `gamma_quantile`
        start_small = np.exp((math.log(p) + np.array([math.lgamma(a + 1) for a in shape])) / shape)
        start = shape * base**3
    x = np.where(small, start_small, start)
    x = np.where(np.isfinite(x) & (x > 0), x, 1e-300)
    active = np.arange(len(x))
    for _ in range(40):
        xa, sa, ga = x[active], shape[active], log_gamma[active]
        f = _gamma_cdf_array(xa, sa, ga) - p
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            density = np.exp((sa - 1) * np.log(xa) - xa - ga)
            new = xa - f / density
        new = np.where(np.isfinite(new) & (new > 0), new, xa / 2)
        x[active] = new
        active = active[np.abs(new - xa) > 1e-10 * xa]
        if not len(active):
            break
    settled = np.abs(_gamma_cdf_array(x, shape, log_gamma) - p) < 1e-9
    for i in np.flatnonzero(~settled):
        x[i] = gamma_quantile(p, float(shape[i]))
    return np.where(x < 1e-300, 0.0, x)


def count_limits_array(observed, confidence: float = CONFIDENCE) -> tuple[np.ndarray, np.ndarray]:
    """`count_limits` for an array of counts (NaN stays NaN)."""
    alpha, z = _alpha(confidence), z_of(confidence)
    o = np.asarray(observed, dtype=float)
    if (o < 0).any():
        raise ValueError(f"a count cannot be {float(o[o < 0][0]):g}")
    low, high = np.full(o.shape, np.nan), np.full(o.shape, np.nan)
    exact = (o < EXACT_BELOW) & ~np.isnan(o)
    byar = o >= EXACT_BELOW
    if exact.any():
        e = o[exact]
        positive = e > 0
        lows = np.zeros(e.shape)
        if positive.any():
            lows[positive] = _gamma_quantile_array(alpha / 2, e[positive])
        low[exact] = lows
        high[exact] = _gamma_quantile_array(1 - alpha / 2, e + 1)
    if byar.any():
        b, b1 = o[byar], o[byar] + 1
        low[byar] = b * (1 - 1 / (9 * b) - z / (3 * np.sqrt(b))) ** 3
        high[byar] = b1 * (1 - 1 / (9 * b1) + z / (3 * np.sqrt(b1))) ** 3
    return low, high
