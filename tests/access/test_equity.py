"""Equity figures: Gini, concentration index, the basket's shares."""

from __future__ import annotations

import numpy as np
import pytest

from bassins.access import equity
from bassins.config import data_file


def test_gini_small_cases():
    assert equity.gini([2, 2, 2]) == pytest.approx(0.0)
    assert equity.gini([0, 0, 0, 1]) == pytest.approx(0.75)
    # weights act as repeated people
    assert equity.gini([0, 1], [3, 1]) == pytest.approx(equity.gini([0, 0, 0, 1]))


def test_gini_equals_mean_absolute_difference():
    rng = np.random.default_rng(3)
    x, w = rng.gamma(2.0, size=200), rng.integers(1, 50, size=200).astype(float)
    brute = (w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (
        2 * w.sum() ** 2 * (x * w).sum() / w.sum()
    )
    assert equity.gini(x, w) == pytest.approx(brute, rel=1e-12)


def test_concentration_index_equals_the_textbook_formula_and_has_the_stated_sign():
    rng = np.random.default_rng(4)
    deprivation = rng.permutation(100).astype(float)
    access = 100 - deprivation + rng.uniform(0, 5, 100)  # better access where less deprived
    result = equity.concentration_index(access, deprivation)
    rank = (np.argsort(np.argsort(-deprivation)) + 0.5) / 100  # most deprived first
    textbook = 2 / (100 * access.mean()) * (access * rank).sum() - 1
    assert result["index"] == pytest.approx(textbook, rel=1e-12)
    assert result["index"] > 0  # concentrated among the less deprived
    pro_poor = equity.concentration_index(deprivation + 1, deprivation)["index"]
    assert pro_poor < 0


def test_concentration_index_counts_points_without_score():
    result = equity.concentration_index([1, 2, 3], [np.nan, 1, 2], [10, 10, 10])
    assert result["points"] == 2 and result["left_out"] == 1 and result["people"] == 20


def test_basket_shares_by_hand():
    minutes = {"pharmacy": np.array([3, 12, np.inf]), "cpas": np.array([20, 5, 2])}
    table = equity.basket_shares(minutes, np.array([100, 50, 10]), ["A", "A", "B"], 10)
    assert table.loc["A", "beyond_pharmacy"] == 50 and table.loc["A", "beyond_cpas"] == 100
    assert table.loc["A", "beyond_basket"] == 150 and table.loc["B", "beyond_basket"] == 10
    assert table.loc["all", "share_basket"] == pytest.approx(1.0)
    assert table.loc["all", "share_pharmacy"] == pytest.approx(60 / 160)


def test_basket_file_maps_to_directory_categories():
    items = equity.read_basket()
    assert [i.item for i in items] == [
        "pharmacy",
        "general_practice",
        "cpas",
        "mental_health",
        "family_planning",
    ]
    known = set(
        line.split(",")[0]
        for line in data_file("services/directory_sample_categories.csv")
        .read_text()
        .splitlines()[1:]
    ) | {"pharmacy"}
    assert all(set(i.categories) <= known for i in items)


@pytest.mark.realdata
def test_bimd_reader():
    scores = equity.read_deprivation(data_file("indicators/bimd2011_sector_deprivation_bxl.csv"))
    assert len(scores) == 675 and scores.index[0] == "21001A00-"
    assert scores.iloc[0] == pytest.approx(53.7390060560935)
