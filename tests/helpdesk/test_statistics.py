"""Statistics: tables per bassin reconcile with the region; small numbers hidden so that no hidden
cell can be recovered by subtraction from a published total (5,000 generated cases)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bassins.helpdesk import statistics as st

BASSINS = ["CO", "N", "NE", "S", "SE"]
TERMS = [
    "housing",
    "income",
    "health-insurance",
    "mental-health",
    "addiction",
    "isolation",
    "violence",
    "migration-status",
    "disability",
    "food",
]


def generated(n=5000, seed=10):
    """n cases with skewed frequencies (so that some cells are small), and their long frames."""
    rng = np.random.default_rng(seed)
    bassin = rng.choice(BASSINS, n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    months = pd.period_range("2025-01", "2026-10", freq="M").astype(str)
    cases = pd.DataFrame(
        {
            "case_id": np.arange(1, n + 1),
            "bassin": bassin,
            "month": rng.choice(months, n),
            "channel": rng.choice(
                ["phone", "email", "visit", "other"], n, p=[0.6, 0.3, 0.095, 0.005]
            ),
            "caller_profession": rng.choice(
                ["social_worker", "nurse", "gp", "volunteer"], n, p=[0.7, 0.2, 0.098, 0.002]
            ),
            "caller_organisation_type": rng.choice(
                ["cpas", "hospital", "school"], n, p=[0.6, 0.399, 0.001]
            ),
            "age_band": rng.choice(["", "18-24", "25-44", "80+"], n, p=[0.2, 0.3, 0.497, 0.003]),
            "outcome": rng.choice(
                ["resolved", "oriented", "no_answer", "lost"], n, p=[0.3, 0.5, 0.199, 0.001]
            ),
            "minutes": rng.integers(5, 240, n),
        }
    )
    weights = np.array([30, 25, 10, 15, 5, 5, 3, 4, 2, 0.05])
    rows = []
    for case_id, b in zip(cases["case_id"], cases["bassin"], strict=True):
        for term in rng.choice(TERMS, rng.integers(1, 4), replace=False, p=weights / weights.sum()):
            rows.append((case_id, b, term))
    situations = pd.DataFrame(rows, columns=["case_id", "bassin", "term"])
    needs = situations.sample(frac=0.8, random_state=seed).reset_index(drop=True)
    orientations = pd.DataFrame(
        {
            "case_id": cases["case_id"],
            "bassin": cases["bassin"],
            "category": rng.choice(
                ["housing", "health", "social", ""], n, p=[0.4, 0.3, 0.297, 0.003]
            ),
        }
    )
    unmet_rows = cases.sample(frac=0.3, random_state=seed)
    unmet = pd.DataFrame(
        {
            "case_id": unmet_rows["case_id"],
            "bassin": unmet_rows["bassin"],
            "need": rng.choice(TERMS[:4], len(unmet_rows)),
            "territory": rng.choice(
                ["commune:21001", "commune:21004", "commune:21015", "commune:21019"],
                len(unmet_rows),
                p=[0.5, 0.3, 0.199, 0.001],
            ),
            "reason": rng.choice(
                ["no_service", "full", "language"], len(unmet_rows), p=[0.3, 0.69, 0.01]
            ),
        }
    )
    long = {
        "situations": situations,
        "needs": needs,
        "orientations": orientations,
        "unmet_needs": unmet,
    }
    return cases, long


@pytest.fixture(scope="module")
def frames():
    return generated()


def test_sum_over_bassins_is_region(frames):
    cases, long = frames
    region = st.build_tables(cases, long, BASSINS, suppressed=False)
    assert region[0].counts.loc[st.TOTAL, st.TOTAL] == 5000
    for table in region:
        counts = table.counts
        if table.key in ("time_spent", "unmet_by_territory"):
            continue
        # the TOTAL column is counted on the whole frame; the bassin columns add up to it
        assert (counts[BASSINS].sum(axis=1) == counts[st.TOTAL]).all(), table.key
        assert (counts.drop(index=st.TOTAL).sum(axis=0) == counts.loc[st.TOTAL]).all(), table.key
        # each bassin's column is what that bassin's own statistics say
        for b in BASSINS:
            own_cases = cases[cases["bassin"] == b]
            own_long = {k: v[v["bassin"] == b] for k, v in long.items()}
            own = {t.key: t for t in st.build_tables(own_cases, own_long, [b], suppressed=False)}
            mine = own[table.key].counts
            assert mine[b].reindex(counts.index, fill_value=0).equals(counts[b]), (table.key, b)
    times = {t.key: t for t in region}["time_spent"].counts
    assert times.loc["cases", BASSINS].sum() == times.loc["cases", st.TOTAL] == 5000
    assert (
        times.loc["minutes", BASSINS].sum()
        == times.loc["minutes", st.TOTAL]
        == int(cases["minutes"].sum())
    )


def test_suppressed_cells_cannot_be_recovered(frames):
    cases, long = frames
    tables = st.build_tables(cases, long, BASSINS, suppressed=True)
    some_hidden = 0
    for table in tables:
        counts, hidden = table.counts, table.hidden
        if table.key == "time_spent":
            assert st.single_hidden_lines(hidden.loc[["cases"]]) == []
            continue
        small = (counts > 0) & (counts < st.THRESHOLD)
        assert not (small & ~hidden).to_numpy().any(), table.key  # every small cell hidden
        assert st.single_hidden_lines(hidden) == [], table.key
        published = table.published()
        assert (published.to_numpy()[hidden.to_numpy()] == st.HIDDEN).all()
        shown = ~hidden.to_numpy()
        assert (published.to_numpy()[shown] == counts.to_numpy()[shown]).all()
        some_hidden += int(hidden.to_numpy().sum())
    assert some_hidden > 20  # the generated data do have small cells


def test_complementary_suppression_by_hand():
    counts = pd.DataFrame(
        {"N": [3, 10, 0], "S": [12, 20, 7], st.TOTAL: [15, 30, 7]},
        index=["housing", "income", "food"],
    )
    counts.loc[st.TOTAL] = counts.sum()
    hidden = st.suppress(counts)
    # 3 is hidden (primary). Row housing: the smallest other inner cell, 12, goes too. Column N:
    # 10. Column S (12 alone): the smallest inner cell, food's 7. Row income (10 alone): 20. Row
    # food (7 alone, the other inner cell is 0): its total 7. Column TOTAL (7 alone): housing's 15.
    assert sorted(hidden.stack()[hidden.stack()].index.tolist()) == [
        ("food", "S"),
        ("food", st.TOTAL),
        ("housing", "N"),
        ("housing", "S"),
        ("housing", st.TOTAL),
        ("income", "N"),
        ("income", "S"),
    ]
    assert st.single_hidden_lines(hidden) == []


def test_zero_is_published_and_small_total_hidden():
    counts = pd.DataFrame({"N": [0, 2], "S": [0, 1], st.TOTAL: [0, 3]}, index=["a", "b"])
    counts.loc[st.TOTAL] = counts.sum()
    hidden = st.suppress(counts)
    assert not hidden.loc["a"].any()
    assert hidden.loc["b"].all() and hidden.loc[st.TOTAL].all()
    assert st.single_hidden_lines(hidden) == []
