"""The statistics of the needs indicators, as in England's Fingertips. Pure (no Django, no scipy).

- **Proportions**: Wilson's score interval (Wilson 1927; Newcombe 1998, method 3), the method of
  Public Health England's "Technical Guide: Confidence intervals" (2018) and of the APHO Technical
  Briefing 3 "Commonly used public health statistics and their confidence intervals" (Eayres 2008).
- **Crude rates and counts**: exact Poisson limits below 10 events, Byar's approximation from 10
  (`bassins.indicators.poisson`, the one implementation in bassins).
- **Directly age-standardised rates**: Dobson's method (Dobson, Kuulasmaa, Eberle, Scherer 1991,
  "Confidence intervals for weighted sums of Poisson parameters", Stat Med 10:457-462) with the
  European Standard Population 2013 (`esp2013.csv` beside this module; Eurostat 2013, "Revision of the
  European Standard Population", table 3.5). No rate below 10 events (Fingertips' rule).
- **Comparison with the region**, as Fingertips: an area is significantly different from its
  comparator when the comparator's value lies outside the area's interval (`method="value"`, the
  Fingertips rule), or, with `method="overlap"`, when the two intervals do not overlap; then better or
  worse by the indicator's polarity, at 95% and 99.8%.
- **Trend**: the chi-squared test for (linear) trend in proportions (Armitage 1955; Cochran 1954)
  over the last five periods, the test of Fingertips' "recent trend".
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bassins.indicators.poisson import (
    CONFIDENCE,
    CONFIDENCE_998,
    count_limits,
    count_limits_array,
    z_of,
)

LEVELS = (CONFIDENCE, CONFIDENCE_998)
#: Fingertips publishes no directly standardised rate below this many events.
DSR_MIN_EVENTS = 10

# -- polarity and comparison outcomes (stored codes; pages translate them) -------------------------
HIGHER_IS_BETTER = "higher_is_better"
HIGHER_IS_WORSE = "higher_is_worse"
NO_POLARITY = "neither"
POLARITIES = (HIGHER_IS_BETTER, HIGHER_IS_WORSE, NO_POLARITY)

BETTER = "better"
SIMILAR = "similar"
WORSE = "worse"
HIGHER = "higher"  # significantly higher, for an indicator without polarity
LOWER = "lower"
NOT_COMPARED = "not compared"
OUTCOMES = (BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED)

# -- trend outcomes -------------------------------------------------------------------------------
TREND_PERIODS = 5
INCREASING = "increasing"
DECREASING = "decreasing"
NO_CHANGE = "no significant change"
NO_TREND = "not calculated"


# -- proportions ------------------------------------------------------------------------------------


def wilson(count: float, denominator: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson's score interval of the proportion `count` / `denominator` (limits as proportions).

    (2 O + z^2 ± z sqrt(z^2 + 4 O (1 - O/n))) / (2 (n + z^2)). NaN without a denominator; an error
    when the count is negative or exceeds the denominator.
    """
    if _missing(count) or _missing(denominator) or not denominator > 0:
        return math.nan, math.nan
    if count < 0 or count > denominator:
        raise ValueError(f"a proportion needs 0 <= {count!r} <= {denominator!r}")
    z = z_of(confidence)
    q = 1 - count / denominator
    root = z * math.sqrt(z * z + 4 * count * q)
    lower = (2 * count + z * z - root) / (2 * (denominator + z * z))
    upper = (2 * count + z * z + root) / (2 * (denominator + z * z))
    return max(lower, 0.0), min(upper, 1.0)


def wilson_array(counts, denominators, confidence: float = CONFIDENCE):
    """`wilson` for arrays (NaN where the denominator is missing or zero)."""
    o = np.asarray(counts, dtype=float)
    n = np.asarray(denominators, dtype=float)
    valid = ~np.isnan(o) & ~np.isnan(n) & (n > 0)
    if ((o[valid] < 0) | (o[valid] > n[valid])).any():
        bad = np.flatnonzero(valid & ((o < 0) | (o > n)))[0]
        raise ValueError(f"a proportion needs 0 <= {o[bad]:g} <= {n[bad]:g}")
    z = z_of(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 - o / n
        root = z * np.sqrt(z * z + 4 * o * q)
        lower = (2 * o + z * z - root) / (2 * (n + z * z))
        upper = (2 * o + z * z + root) / (2 * (n + z * z))
    lower = np.where(valid, np.maximum(lower, 0.0), np.nan)
    upper = np.where(valid, np.minimum(upper, 1.0), np.nan)
    return lower, upper


# -- crude rates ------------------------------------------------------------------------------------


def rate_interval(
    count: float, denominator: float, per: float = 1000, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Limits of the crude rate `count` / `denominator` × `per` (exact below 10 events, Byar above)."""
    if _missing(denominator) or not denominator > 0:
        return math.nan, math.nan
    low, high = count_limits(count, confidence)
    return low / denominator * per, high / denominator * per


def rate_interval_array(counts, denominators, per: float = 1000, confidence: float = CONFIDENCE):
    """`rate_interval` for arrays."""
    n = np.asarray(denominators, dtype=float)
    low, high = count_limits_array(counts, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(n > 0, per / n, np.nan)
    return low * scale, high * scale


# -- directly standardised rates --------------------------------------------------------------------


@dataclass(frozen=True)
class StandardisedRate:
    """A directly standardised rate with its limits (NaN below `DSR_MIN_EVENTS` events)."""

    value: float
    count: float
    denominator: float
    lower95: float
    upper95: float
    lower998: float
    upper998: float
    note: str = ""


def dobson(
    counts, populations, standard, per: float = 100_000, *, min_events: int = DSR_MIN_EVENTS
) -> StandardisedRate:
    """Directly standardised rate of events `counts` in `populations` (one value per age band), with
    `standard` the standard population of the same bands, and its 95% and 99.8% limits by Dobson's
    method: DSR ± sqrt(var(DSR) / O) × (O_limit - O), O the total count, O_limit its Poisson limits
    (exact below 10 events, Byar above), var(DSR) = Σ w_i² O_i / n_i² / (Σ w_i)².

    Missing counts count as 0. Fewer than `min_events` events: no value (note says why).
    """
    o = np.nan_to_num(np.asarray(counts, dtype=float))
    n = np.asarray(populations, dtype=float)
    w = np.asarray(standard, dtype=float)
    if not (len(o) == len(n) == len(w)):
        raise ValueError(f"{len(o)} counts, {len(n)} populations and {len(w)} standard weights")
    if (o < 0).any() or (n[~np.isnan(n)] < 0).any():
        raise ValueError("counts and populations cannot be negative")
    if (np.isnan(n) | (n == 0))[o > 0].any():
        raise ValueError("an age band with events has no population")
    total, denominator = float(o.sum()), float(np.nansum(n))
    if total < min_events:
        nan = math.nan
        return StandardisedRate(
            nan, total, denominator, nan, nan, nan, nan, f"fewer than {min_events} events"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = np.where(n > 0, o / n, 0.0)
        squares = np.where(n > 0, o / n**2, 0.0)
    weight = w.sum()
    dsr = float((w * rates).sum() / weight)
    variance = float((w**2 * squares).sum() / weight**2)
    factor = math.sqrt(variance / total)
    limits = []
    for confidence in LEVELS:
        low, high = count_limits(total, confidence)
        limits += [(dsr + factor * (low - total)) * per, (dsr + factor * (high - total)) * per]
    return StandardisedRate(dsr * per, total, denominator, *limits)


@lru_cache(maxsize=1)
def _esp2013_table() -> tuple[tuple[int, int | None, int], ...]:
    rows = []
    with open(Path(__file__).with_name("esp2013.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            high = row["age_to"].strip()
            rows.append((int(row["age_from"]), int(high) if high else None, int(row["population"])))
    return tuple(rows)


def esp2013(open_from: int = 95) -> dict[str, int]:
    """The European Standard Population 2013 in five-year bands ("0-4" ... ), the last band open
    ("85+" for `open_from` = 85: the bands from 85 summed). Sums to 100,000."""
    table = _esp2013_table()
    bands: dict[str, int] = {}
    for low, high, population in table:
        if low >= open_from:
            bands[f"{open_from}+"] = bands.get(f"{open_from}+", 0) + population
        else:
            bands[f"{low}-{high}" if high is not None else f"{low}+"] = population
    return bands


# -- comparison with the region ---------------------------------------------------------------------


def compare(
    value: float,
    lower: float,
    upper: float,
    comparator: float,
    polarity: str,
    *,
    comparator_lower: float | None = None,
    comparator_upper: float | None = None,
    method: str = "value",
) -> str:
    """Fingertips' comparison of an area with its comparator (the region).

    method "value" (Fingertips): significantly different when the comparator's value is outside the
    area's interval [lower, upper]; "overlap": when the two intervals do not overlap. The outcome is
    better / worse by `polarity`, higher / lower without polarity, similar otherwise, and "not
    compared" when a figure is missing (a rate without a count has no interval: never compared).
    """
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r} (one of {', '.join(POLARITIES)})")
    if method not in ("value", "overlap"):
        raise ValueError(f"unknown comparison method {method!r}")
    if any(_missing(v) for v in (value, lower, upper, comparator)):
        return NOT_COMPARED
    if method == "overlap":
        if _missing(comparator_lower) or _missing(comparator_upper):
            return NOT_COMPARED
        higher, lower_ = lower > comparator_upper, upper < comparator_lower
    else:
        higher, lower_ = lower > comparator, upper < comparator
    if not (higher or lower_):
        return SIMILAR
    if polarity == NO_POLARITY:
        return HIGHER if higher else LOWER
    good = higher == (polarity == HIGHER_IS_BETTER)
    return BETTER if good else WORSE


def compare_array(values, lowers, uppers, comparators, polarity: str) -> np.ndarray:
    """`compare` (method "value") for arrays of one indicator: an array of outcome codes."""
    v, lo, hi = (np.asarray(a, dtype=float) for a in (values, lowers, uppers))
    c = np.broadcast_to(np.asarray(comparators, dtype=float), v.shape)
    missing = np.isnan(v) | np.isnan(lo) | np.isnan(hi) | np.isnan(c)
    higher = ~missing & (lo > c)
    lower = ~missing & (hi < c)
    if polarity == NO_POLARITY:
        up, down = HIGHER, LOWER
    elif polarity == HIGHER_IS_BETTER:
        up, down = BETTER, WORSE
    elif polarity == HIGHER_IS_WORSE:
        up, down = WORSE, BETTER
    else:
        raise ValueError(f"unknown polarity {polarity!r} (one of {', '.join(POLARITIES)})")
    out = np.full(v.shape, SIMILAR, dtype=object)
    out[higher], out[lower], out[missing] = up, down, NOT_COMPARED
    return out


# -- trend -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """The chi-squared test for trend over the last periods of a series of proportions."""

    outcome: str  # increasing / decreasing / no significant change / not calculated
    chi2: float
    p_value: float
    periods: int
    significance: float  # the confidence level used (0.998 as Fingertips' "recent trend")


def chi2_trend(
    counts, denominators, *, periods: int = TREND_PERIODS, confidence: float = CONFIDENCE_998
) -> Trend:
    """Chi-squared test for linear trend in proportions over the last `periods` points of a series.

    Scores x_i = 1..k; with R = Σ r_i, N = Σ n_i, p = R/N and x̄ = Σ n_i x_i / N:
    chi2 = (Σ r_i x_i - R x̄)² / (p (1 - p) (Σ n_i x_i² - N x̄²)), one degree of freedom.
    Fewer than `periods` points, a missing value or p in {0, 1}: "not calculated".
    """
    r = np.asarray(counts, dtype=float)[-periods:]
    n = np.asarray(denominators, dtype=float)[-periods:]
    nan = math.nan
    if len(r) < periods or np.isnan(r).any() or np.isnan(n).any() or (n <= 0).any():
        return Trend(NO_TREND, nan, nan, len(r), confidence)
    if ((r < 0) | (r > n)).any():
        raise ValueError("a proportion's count must lie between 0 and its denominator")
    x = np.arange(1, len(r) + 1, dtype=float)
    total_r, total_n = r.sum(), n.sum()
    p = total_r / total_n
    if p <= 0 or p >= 1:
        return Trend(NO_TREND, nan, nan, len(r), confidence)
    mean_x = (n * x).sum() / total_n
    numerator = ((r * x).sum() - total_r * mean_x) ** 2
    denominator = p * (1 - p) * ((n * x * x).sum() - total_n * mean_x**2)
    chi2 = float(numerator / denominator)
    p_value = math.erfc(math.sqrt(chi2 / 2))  # chi-squared, 1 df, upper tail
    if p_value >= 1 - confidence:
        outcome = NO_CHANGE
    else:
        slope = (r * x).sum() - total_r * mean_x
        outcome = INCREASING if slope > 0 else DECREASING
    return Trend(outcome, chi2, p_value, len(r), confidence)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True
