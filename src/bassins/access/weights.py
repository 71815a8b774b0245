"""Distance-decay weight functions, vectorised, defined as PySAL `access` defines them.

- `step(thresholds)`: the weight of the smallest threshold a cost is at or below (cost <= threshold),
  0 beyond the largest one (PySAL `access.weights.step_fn`);
- `gaussian(sigma)`: exp(-x² / (2 sigma²)), not normalised, so that f(0) = 1 (`access.weights.gaussian`);
- `flat()`: 1 everywhere (the plain 2SFCA, whose catchment is only the cost cut).

Each factory returns a function of a NumPy array of costs (minutes) that returns an array of weights.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: PySAL access's default steps for the enhanced 2SFCA (Luo and Qi 2009), minutes -> weight.
E2SFCA_STEPS = {10.0: 1.0, 20.0: 0.68, 30.0: 0.22}
#: PySAL access's default steps for the 3SFCA (Wan, Zou and Sternberg 2012).
THREE_STAGE_STEPS = {10.0: 0.962, 20.0: 0.704, 30.0: 0.377, 60.0: 0.042}

WeightFunction = Callable[[np.ndarray], np.ndarray]


def step(thresholds: dict[float, float]) -> WeightFunction:
    """Step weights: cost <= t gets the weight of the smallest such threshold t; 0 beyond the largest."""
    if not isinstance(thresholds, dict) or not thresholds:
        raise ValueError("step weights need a non-empty {threshold: weight} mapping")
    if any(w < 0 for w in thresholds.values()):
        raise ValueError("step weights must be >= 0")
    edges = np.array(sorted(thresholds), dtype=float)
    values = np.array([thresholds[k] for k in sorted(thresholds)] + [0.0], dtype=float)

    def weight(costs: np.ndarray) -> np.ndarray:
        return values[np.searchsorted(edges, np.asarray(costs, dtype=float), side="left")]

    weight.description = "step " + ", ".join(
        f"≤{k:g}:{thresholds[k]:g}" for k in sorted(thresholds)
    )
    return weight


def gaussian(sigma: float) -> WeightFunction:
    """Gaussian weights exp(-x² / (2 sigma²)) (f(0) = 1)."""
    if not sigma:
        raise ValueError("the Gaussian width sigma must be non-zero")

    def weight(costs: np.ndarray) -> np.ndarray:
        x = np.asarray(costs, dtype=float)
        return np.exp(-x * x / (2 * sigma**2))

    weight.description = f"gaussian sigma={sigma:g}"
    return weight


def flat() -> WeightFunction:
    """Weight 1 for every pair (the catchment is the cost cut alone)."""

    def weight(costs: np.ndarray) -> np.ndarray:
        return np.ones(np.shape(costs), dtype=float)

    weight.description = "flat"
    return weight
