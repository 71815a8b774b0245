"""The measures against PySAL access (the oracle, same inputs) and against brute force."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from access import Access
from access import weights as pysal_weights

from bassins.access import costs as costs_module
from bassins.access import measures

RTOL = 1e-4  # 0.01% relative


def scene(seed=1, n_demand=300, n_supply=60, max_minutes=25.0, integer_supply=False):
    rng = np.random.default_rng(seed)
    demand_xy = rng.uniform(0, 4000, size=(n_demand, 2))
    supply_xy = rng.uniform(0, 4000, size=(n_supply, 2))
    demand = rng.integers(50, 3000, size=n_demand).astype(float)
    supply = (
        rng.integers(1, 30, size=n_supply).astype(float)
        if integer_supply
        else rng.uniform(0.5, 20, size=n_supply)
    )
    cm = costs_module.straight_line(demand_xy, supply_xy, max_minutes)
    return cm, demand, supply


def pysal(cm, demand, supply):
    demand_df = pd.DataFrame({"geoid": range(cm.n_demand), "demand": demand})
    supply_df = pd.DataFrame({"geoid": range(cm.n_supply), "supply": supply})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Access(
            demand_df=demand_df,
            demand_index="geoid",
            demand_value="demand",
            supply_df=supply_df,
            supply_index="geoid",
            supply_value="supply",
            cost_df=cm.long(),
            cost_origin="origin",
            cost_dest="dest",
            cost_name="cost",
        )


def close(ours, theirs):
    theirs = theirs.reindex(range(len(ours))).to_numpy(float)
    np.testing.assert_allclose(ours, np.nan_to_num(theirs, nan=0.0), rtol=RTOL, atol=0)


@pytest.mark.parametrize("max_minutes", [10.0, 18.0])
def test_2sfca_equals_pysal(max_minutes):
    cm, demand, supply = scene()
    ours = measures.compute(cm, demand, supply, "2sfca", max_minutes)
    assert (ours > 0).sum() > 100
    close(ours, pysal(cm, demand, supply).two_stage_fca(max_cost=max_minutes)["2sfca_supply"])


def test_e2sfca_equals_pysal_default_and_custom_steps():
    cm, demand, supply = scene(seed=2)
    a = pysal(cm, demand, supply)
    close(
        measures.compute(cm, demand, supply, "e2sfca", 25.0),
        a.enhanced_two_stage_fca(max_cost=25.0)["e2sfca_supply"],
    )
    steps = {5: 1.0, 12: 0.6, 20: 0.1}
    ours = measures.compute(cm, demand, supply, "e2sfca", 20.0, steps=steps)
    theirs = a.enhanced_two_stage_fca(
        name="custom", max_cost=20.0, weight_fn=pysal_weights.step_fn(steps)
    )["custom_supply"]
    close(ours, theirs)


def test_g2sfca_equals_pysal():
    cm, demand, supply = scene(seed=3)
    ours = measures.compute(cm, demand, supply, "g2sfca", 20.0, sigma=8.0)
    theirs = pysal(cm, demand, supply).two_stage_fca(
        name="g", max_cost=20.0, weight_fn=pysal_weights.gaussian(8.0)
    )["g_supply"]
    close(ours, theirs)


@pytest.mark.parametrize("max_minutes", [15.0, 25.0])
def test_3sfca_equals_pysal(max_minutes):
    cm, demand, supply = scene(seed=4)
    ours = measures.compute(cm, demand, supply, "3sfca", max_minutes)
    theirs = pysal(cm, demand, supply).three_stage_fca(max_cost=max_minutes)["3sfca_supply"]
    close(ours, theirs)


@pytest.mark.parametrize("seed", [5, 6])
def test_raam_equals_pysal(seed):
    cm, demand, supply = scene(seed=seed, n_demand=250, n_supply=40, integer_supply=True)
    ours = measures.raam(cm, demand, supply, tau=30.0)
    theirs = pysal(cm, demand, supply).raam(tau=30.0)["raam_supply"]
    theirs = theirs.reindex(range(cm.n_demand)).to_numpy(float)
    assert np.array_equal(np.isnan(ours), np.isnan(theirs))
    ok = ~np.isnan(ours)
    assert ok.sum() > 200
    np.testing.assert_allclose(ours[ok], theirs[ok], rtol=RTOL, atol=0)


def test_nearest_equals_brute_force():
    rng = np.random.default_rng(7)
    demand_xy = rng.uniform(0, 5000, size=(400, 2))
    supply_xy = rng.uniform(0, 5000, size=(35, 2))
    supply_xy[0] = demand_xy[0]  # a site on a demand point: 0 minutes, kept
    cm = costs_module.straight_line(demand_xy, supply_xy, 12.0)
    minutes, site = measures.nearest(cm)
    metres = np.hypot(
        demand_xy[:, None, 0] - supply_xy[None, :, 0], demand_xy[:, None, 1] - supply_xy[None, :, 1]
    )
    brute = metres * costs_module.DETOUR_FACTOR / costs_module.metres_per_minute(4.8)
    best = brute.min(axis=1)
    inside = best <= 12.0
    assert 0 < inside.sum() < len(best)  # some points beyond the cut
    np.testing.assert_allclose(minutes[inside], best[inside], rtol=1e-12)
    assert np.array_equal(site[inside], brute.argmin(axis=1)[inside])
    assert np.isinf(minutes[~inside]).all() and (site[~inside] == -1).all()
    assert minutes[0] == 0.0 and site[0] == 0


def test_count_within_equals_brute_force():
    cm, demand, supply = scene(seed=8)
    dense = cm.dense(fill=np.inf)
    np.testing.assert_array_equal(measures.count_within(cm, 9.0), (dense <= 9.0).sum(axis=1))


def test_no_demand_in_catchment_gives_zero_ratio_not_infinity():
    cm = costs_module.CostMatrix(2, 2, [0, 1], [0, 1], [1.0, 2.0])
    result = measures.fca(cm, [0.0, 10.0], [1.0, 1.0], "2sfca", 5.0)
    assert result["ratio"].tolist() == [0.0, 0.1]
    assert result["access"].tolist() == [0.0, 0.1]


def test_step_weights_match_pysal_at_the_thresholds():
    ours = measures.weight_for("e2sfca")
    theirs = pysal_weights.step_fn({10: 1, 20: 0.68, 30: 0.22})
    xs = np.array([0, 5, 10, 10.0001, 20, 25, 30, 30.5])
    assert ours(xs).tolist() == [theirs(x) for x in xs]
