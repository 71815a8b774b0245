"""Scenarios equal a full recomputation; the analysis's figures hang together."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from helpers import synthetic_setup

from bassins.access import analysis, costs, optimize
from bassins.access.scenario import Scenario
from bassins.errors import InputError


def full(setup, sites):
    cm = costs.straight_line(setup.demand.xy, sites.xy, setup.costs.source["max_minutes"])
    return analysis.evaluate(replace(setup, sites=sites, costs=cm))


def assert_same(a, b):
    for name in analysis.MEASURES:
        np.testing.assert_allclose(
            a.points[name].to_numpy(float),
            b.points[name].to_numpy(float),
            rtol=1e-9,
            equal_nan=True,
        )
    for key, value in a.equity.items():
        if isinstance(value, dict):
            for k in value:
                assert value[k] == pytest.approx(b.equity[key][k], rel=1e-9, nan_ok=True)
        else:
            assert value == pytest.approx(b.equity[key], rel=1e-9, nan_ok=True)
    for layer, table in a.areas.items():
        np.testing.assert_allclose(table.to_numpy(float), b.areas[layer].to_numpy(float), rtol=1e-9)


def test_add_close_move_equal_full_recomputation():
    setup = synthetic_setup()
    scenario = Scenario(setup)
    edits = [
        {"op": "add", "x": 2500.0, "y": 2500.0, "capacity": 2},
        {"op": "close", "site": 3},
        {"op": "move", "site": 7, "x": 100.0, "y": 4900.0},
    ]
    out = scenario.apply(edits)
    sites, _ = scenario.edited(edits)
    assert len(sites) == len(setup.sites) + 1 - 1  # one added, one closed, one moved
    assert_same(out["result"], full(setup, sites))
    # something changed, and the change is new - base
    delta = out["change"]["points"]["2sfca"]
    assert np.abs(delta).max() > 0
    np.testing.assert_allclose(
        delta,
        out["result"].points["2sfca"].to_numpy() - scenario.base.points["2sfca"].to_numpy(),
    )


def test_closing_every_site_leaves_everyone_beyond():
    setup = synthetic_setup(n_sites=4)
    out = Scenario(setup).apply([{"op": "close", "site": i} for i in range(4)])
    assert out["result"].equity["share_beyond"] == 1.0


def test_bad_edits_are_refused():
    scenario = Scenario(synthetic_setup())
    with pytest.raises(InputError, match="no site 99"):
        scenario.apply([{"op": "close", "site": 99}])
    with pytest.raises(InputError, match="unknown scenario operation"):
        scenario.apply([{"op": "teleport"}])


def test_evaluate_provenance_and_area_tables():
    setup = synthetic_setup()
    result = analysis.evaluate(setup)
    assert result.provenance["cost_source"]["kind"] == "straight_line"
    assert result.provenance["sites_excluded"] == {"status: temporarily_closed": 3}
    table = result.areas["bassin"]
    assert table["population"].sum() == pytest.approx(setup.demand.demand().sum())
    assert table.loc["N", "people_beyond"] <= table.loc["N", "population"]
    assert 0 <= result.equity["2sfca"]["gini"] <= 1


def test_suggestions_match_enumeration_for_one_site():
    setup = synthetic_setup(n_sites=5)
    result = analysis.evaluate(setup)
    d = setup.demand.demand()
    suggestions = optimize.suggest(
        setup.demand.xy,
        d,
        result.points["nearest_minutes"].to_numpy(),
        setup.sites.xy,
        setup.demand.xy,
        setup.max_minutes,
        setup.costs.source,
    )
    # brute force over the candidates
    cand = optimize._minutes(setup.demand.xy, setup.demand.xy, setup.costs.source)
    current = result.points["nearest_minutes"].to_numpy()
    covered = current <= setup.max_minutes
    newly = ((cand <= setup.max_minutes) & ~covered[:, None]) * d[:, None]
    best_cover = newly.sum(axis=0).max()
    assert suggestions["coverage"][0]["people_newly_within"] == pytest.approx(best_cover)
    cur = np.where(np.isfinite(current), current, 2 * 30.0)
    capped = np.where(cand <= 30.0, cand, 60.0)
    saved = (d[:, None] * np.maximum(cur[:, None] - capped, 0)).sum(axis=0)
    assert suggestions["median_people_minutes_saved"] == pytest.approx(saved.max())
    # every pick carries both figures of that candidate alone
    for pick in suggestions["coverage"] + suggestions["median"]:
        c = pick["candidate"]
        assert pick["people_newly_within"] == pytest.approx(newly[:, c].sum())
        assert pick["people_minutes_saved_alone"] == pytest.approx(saved[c])


def test_coverage_of_two_sites_is_the_best_pair():
    setup = synthetic_setup(n_sites=5)
    result = analysis.evaluate(setup)
    d = setup.demand.demand()
    current = result.points["nearest_minutes"].to_numpy()
    candidates = setup.demand.xy[::4]  # 50 candidates: 1,225 pairs to enumerate
    suggestions = optimize.suggest(
        setup.demand.xy,
        d,
        current,
        setup.sites.xy,
        candidates,
        setup.max_minutes,
        setup.costs.source,
        k=2,
    )
    reach = optimize._minutes(setup.demand.xy, candidates, setup.costs.source) <= setup.max_minutes
    gain = reach & ~(current <= setup.max_minutes)[:, None]
    pairs = (gain[:, :, None] | gain[:, None, :]).astype(float)
    best = np.tensordot(d, pairs, axes=1).max()
    assert len(suggestions["coverage"]) == 2
    assert suggestions["coverage_people_newly_within"] == pytest.approx(best)
    chosen = [p["candidate"] for p in suggestions["coverage"]]
    assert d[gain[:, chosen].any(axis=1)].sum() == pytest.approx(best)
