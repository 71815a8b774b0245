"""Charts of the statistics: hidden cells drawn without a bar and without their value, every value
stated in the text alternative, on the suppressed tables of 5,000 generated cases and through the
page (FR and NL)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from django.urls import reverse

from bassins.helpdesk import charts
from bassins.helpdesk import statistics as st

from .test_statistics import BASSINS, generated

WORDS = charts.Words(hidden="hidden (x)", same_as_table="Same figures: ", total="total")
NS = {"s": "http://www.w3.org/2000/svg"}


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_hidden_cell_has_no_bar_and_no_value():
    counts = pd.DataFrame(
        {"N": [3, 40, 9], st.TOTAL: [3, 40, 9]}, index=["food", "housing", "debt"]
    )
    counts.loc[st.TOTAL] = counts.sum()
    table = st.Table("needs", counts)
    table.hidden = st.suppress(counts)
    assert table.hidden.loc[
        ["food", "debt"], st.TOTAL
    ].all()  # 3, and 9 so that 52-40 tells nothing
    chart = charts.table_chart(table, {"food": "Food"}, title="Needs", words=WORDS)
    root = ET.fromstring(chart["svg"])
    assert root.get("role") == "img" and root.find("s:title", NS).text == "Needs"
    assert chart["desc"] == "Same figures: Food: hidden (x); housing: 40; debt: hidden (x)."
    assert root.find("s:desc", NS).text == chart["desc"]
    shown = texts(chart["svg"])
    assert shown == ["Food — hidden (x)", "housing — 40", "debt — hidden (x)"]
    assert len(root.findall("s:rect", NS)) == 1  # housing's bar only


@pytest.fixture(scope="module")
def suppressed_tables():
    cases, long = generated()
    return st.build_tables(cases, long, BASSINS, suppressed=True)


def test_charts_of_suppressed_tables_never_show_a_hidden_value(suppressed_tables):
    hidden_bars = 0
    for table in suppressed_tables:
        chart = charts.table_chart(table, {}, title=table.key, words=WORDS)
        bars = charts.chart_bars(table, {}, WORDS)
        root = ET.fromstring(chart["svg"])
        assert len(root.findall("s:rect", NS)) == sum(b.value is not None for b in bars)
        for bar in bars:
            if bar.value is None:
                hidden_bars += 1
                assert f"{bar.label}: hidden (x)" in chart["desc"]
            else:
                assert f"{bar.label}: {charts._fmt(bar.value)}" in chart["desc"]
        # the bars are the table's published figures: the TOTAL column (or row, or mean minutes)
        if table.key not in ("time_spent", "unmet_by_territory"):
            published = table.published().drop(index=st.TOTAL)[st.TOTAL]
            assert [b.text for b in bars] == [
                "hidden (x)" if v == st.HIDDEN else charts._fmt(v) for v in published
            ]
    assert hidden_bars >= 3  # the generated data have small regional cells (channel 'other'...)


@pytest.mark.django_db
def test_statistics_page_draws_a_chart_per_table(client, users):
    from .conftest import make_case, verified_client

    for channel, n in (("phone", 6), ("email", 7), ("visit", 1)):
        for _ in range(n):
            make_case("N", users["nord"], channel=channel)
    verified_client(client, users["analyst"])
    page = client.get(reverse("helpdesk:statistics")).content.decode()
    assert page.count('<figure class="chart"') == 13
    assert 'role="img"' in page
    # the analyst's charts are suppressed: the one visit is hidden, and the six calls too (else
    # 14 - 7 - 6 would give it); the seven e-mails are shown
    assert "visite — masqué (x)" in page and "téléphone — masqué (x)" in page
    assert "e-mail — 7" in page
    assert "visite — 1" not in page and "téléphone — 6" not in page
    verified_client(client, users["nord"])
    nl = client.get(reverse("helpdesk:statistics").replace("/fr/", "/nl/")).content.decode()
    assert "bezoek — 1" in nl and "Zelfde cijfers als de tabel hieronder" in nl
