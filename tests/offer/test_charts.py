"""Charts and report figures: legible at every width, labels never cut, small numbers marked or left
out, the reconciliation able to say "NON" (hand-made and golden frames)."""

import html
import re
from pathlib import Path

import pandas as pd

from bassins.offer import svg
from bassins.offer.analysis import OfferAnalysis
from bassins.offer.report import Namer, quotient_chart, rate_chart, reconciliation_table

from . import golden, handmade

LONG = "Aide aux personnes en situation de handicap et à leurs familles (accueil de jour, répit)"


def font_sizes(markup: str) -> list[float]:
    return [float(v) for v in re.findall(r'font-size="([\d.]+)"', markup)]


def texts(markup: str) -> str:
    return html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", markup)))


def test_text_stays_legible_on_a_phone():
    chart = svg.bar_chart(
        [svg.Bar(LONG, 3.5, "3,50, 12 services"), svg.Bar("Court", 1.0, "1,00, 9 services")],
        title="t",
        desc="d",
        reference=("Région = 1", 1.0),
    )
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', chart).group(1))
    # the chart shrinks to the page (max-width:100%, by its class in offer.css: no inline style,
    # which the Content Security Policy forbids) and its text with it: at 340 px, >= 11 px
    assert 'class="offer-chart"' in chart and "style=" not in chart.split(">", 1)[0]
    css = (Path(svg.__file__).parent / "static" / "offer" / "offer.css").read_text()
    assert ".offer-chart { max-width: 100%; height: auto; }" in css
    assert min(font_sizes(chart)) * svg.MIN_WIDTH / width >= 11
    grouped = svg.grouped_bar_chart(
        [(LONG, [3.0, 2.0, None])], ["a", "b", "c"], title="t", desc="d"
    )
    assert min(font_sizes(grouped)) * svg.MIN_WIDTH / width >= 11


def test_labels_are_wrapped_never_cut():
    chart = svg.bar_chart([svg.Bar(LONG, 3.5, "3,50")], title="t", desc="d")
    assert "…" not in chart
    assert " ".join(texts(chart).split()) == f"{LONG} — 3,50"
    lines = svg.wrap(LONG)
    assert len(lines) > 1 and all(len(line) <= svg.CHARS_PER_LINE for line in lines)


def many_services() -> OfferAnalysis:
    rows = [handmade.location(f"A{i}", "a", "point", sector="s1") for i in range(6)]
    rows += [handmade.location("B1", "b", "point", sector="s1")]
    rows += [handmade.location(f"Y{i}", "b", "point", sector="s3") for i in range(3)]
    frame = pd.DataFrame(rows)[[*handmade.LOCATION_COLUMNS, "postcode"]]
    return handmade.analysis(locations=frame)


def test_quotients_on_fewer_than_5_services_are_left_out_of_the_chart():
    analysis = many_services()
    chart = quotient_chart(analysis, "bassin", "X", "fr", Namer(analysis, "fr"))
    # X: 6 services "a", 1 service "b": the quotient of b (one service) is not drawn, and the text
    # alternative says so
    assert chart["left_out"] == ["b"]
    assert "a — " in texts(chart["svg"]) and "b — " not in texts(chart["svg"])
    assert chart["desc"].endswith(" Non représentés (moins de 5 services) : b.")
    assert "6 services" in texts(chart["svg"])  # the count beside the quotient


def test_rates_resting_on_few_services_are_marked_with_their_interval():
    analysis = many_services()
    chart = rate_chart(analysis, "bassin", None, "X", "en", Namer(analysis, "en"), table="bassins")
    words = texts(chart["svg"])
    assert "Y (n<5)" in " ".join(words.split())  # Y: 3 services
    assert "X —" in words and "(n<5)" not in words.split("X —")[0]  # X: 7 services, not marked
    assert "<path" in chart["svg"]  # the interval drawn as a whisker


def test_reconciliation_says_no_when_a_published_count_is_off():
    analysis = OfferAnalysis(golden.inputs())
    ok = [row["ok"] for row in reconciliation_table(analysis, "fr").rows]
    assert ok == ["oui", "oui", "oui"]
    analysis.counts("area_served", "commune").table.loc["21001", "total"] += 1
    ok = [row["ok"] for row in reconciliation_table(analysis, "fr").rows]
    assert ok == ["oui", "oui", "NON"]
