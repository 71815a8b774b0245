"""The public "demandes" part of a bassin's tableau de bord: suppressed statistics only, attacked
(no small count shown, none recoverable from a published total), period and count of requests."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import strip_tags

from bassins.helpdesk import dashboard, statistics
from bassins.helpdesk.models import Term, UnmetNeed

from .conftest import make_case

pytestmark = pytest.mark.django_db


def render(code, lang="fr"):
    with translation.override(lang):
        found = dashboard.part(RequestFactory().get("/"), code)
        if found is None:
            return None, ""
        html = render_to_string(found["template"], found["context"])
    return found, html


def numbers(html: str) -> set[int]:
    """Every number a reader sees in the fragment (its text and the chart's text alternative)."""
    text = strip_tags(html.replace("<desc", " <desc").replace("<", " <"))
    return {int(n.replace("\u202f", "").replace(" ", "")) for n in re.findall(r"\d+", text)}


def test_no_cases_no_part():
    assert dashboard.part(None, "N") is None
    with pytest.raises(ValueError):
        dashboard.part(None, "XX")


def test_three_cases_of_one_situation_show_no_three_anywhere():
    # bassin N: 3 cases of violence, 20 of housing (each with that situation, need and unmet need)
    for i in range(23):
        term = "violence" if i < 3 else "housing"
        case = make_case("N", terms=[term], opened_on=dt.date(2026, 3 + i % 2, 2))
        UnmetNeed.objects.create(case=case, need=Term.objects.get(code=term), reason="full")
    make_case("N", terms=["violence"], status="draft")  # a draft is not counted
    make_case("S", terms=["violence"])  # another bassin's case is not counted here
    found, html = render("N")
    assert found["template"] == "helpdesk/site_part.html" and found["url"] is None
    assert found["date"] == "2026-04-01"
    assert found["context"]["requests"] == 23
    text = strip_tags(html)
    assert "Demandes de mars 2026 à avril 2026" in " ".join(text.split())
    seen = numbers(html)
    assert 23 in seen
    # 3 is hidden, and 20 too: 23 - 20 would give the 3 back
    assert 3 not in seen and 20 not in seen, sorted(seen)
    assert "violence" in text.lower() or "Violence" in text
    for table in found["context"]["tables"]:
        hidden = [r for r in table["rows"] if r["hidden"]]
        assert len(hidden) != 1, table["key"]  # one hidden row beside a published total: recovered
    # the chart says hidden, never a value, for the hidden cells
    assert 'role="img"' in html and "masqué (x)" in html
    nl = render("N", "nl")[1]
    assert "Vragen aan de helpdesk" in nl and 3 not in numbers(nl)


def test_few_cases_hide_the_count_too():
    for _ in range(3):
        make_case("S", terms=["income"])
    found, html = render("S")
    assert found["context"]["requests"] is None
    assert "moins de 5" in html
    assert not numbers(html) & {1, 2, 3, 4}, sorted(numbers(html))


def test_generated_cases_no_single_hidden_line():
    """On 600 cases of varied sizes, every table of the part: a published count or a hidden mark for
    each category, and never exactly one hidden cell beside a published total."""
    import numpy as np

    rng = np.random.default_rng(7)
    terms = list(Term.objects.order_by("code").values_list("code", flat=True))
    weights = np.array([40.0, 20, 10, 5, 3, 2, 1, 1] + [0.5] * (len(terms) - 8))
    for i in range(600):
        chosen = list(
            rng.choice(terms, rng.integers(1, 3), replace=False, p=weights / weights.sum())
        )
        outcome = rng.choice(
            ["resolved", "oriented", "no_answer", "lost"], p=[0.4, 0.5, 0.09, 0.01]
        )
        make_case("NE", terms=chosen, outcome=outcome, opened_on=dt.date(2026, 1 + i % 10, 5))
    tables, facts = dashboard.published_tables("NE")
    assert facts["requests"] == 600
    hidden_somewhere = 0
    for table in tables:
        if table.key not in (*dashboard.PART_TABLES, *dashboard.CASE_TABLES):
            continue  # not in the part
        column = table.hidden["NE"]  # the bassin's column, its TOTAL row included
        assert int(column.sum()) != 1, table.key
        small = (table.counts["NE"] > 0) & (table.counts["NE"] < statistics.THRESHOLD)
        assert column[small].all(), table.key
        hidden_somewhere += int(column.sum())
    assert hidden_somewhere >= 4
    found, html = render("NE")
    outcome = {r["label"]: r for r in found["context"]["tables"][-1]["rows"]}
    lost = tables[[t.key for t in tables].index("outcome")].counts.loc["lost", "NE"]
    assert 0 < lost < 5 and outcome["contact perdu"]["hidden"]  # about 1 % of 600
