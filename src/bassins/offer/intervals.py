"""95% intervals of counts and rates: re-exported from `bassins.indicators.poisson`, the one
implementation (exact Poisson below 10 events, Byar's method from 10)."""

from bassins.indicators.poisson import (  # noqa: F401 (re-exported)
    ALPHA,
    EXACT_BELOW,
    Z95,
    byar_limits,
    count_limits,
    count_limits_array,
    exact_limits,
    gamma_cdf,
    gamma_quantile,
    method_of,
    rate_limits,
)
