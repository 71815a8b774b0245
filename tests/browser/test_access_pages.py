"""The accessibility page in a real browser, FR and NL: the map draws the sectors and the sites, the
suggested sites as labelled markers beside their table, the scenario panel changes a figure after a
click, axe-core finds no violation, nothing overflows at 390 px."""

from __future__ import annotations

import pytest
from localurls import path_in
from offer.realdata import ensure_offer_data

from .test_phone_width import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

SUGGESTIONS = {
    "fr": (
        "Où un service de plus aiderait le plus",
        "Couverture maximale",
        "p-médiane",
        "Site suggéré",
    ),
    "nl": (
        "Waar zou één dienst meer het meest helpen",
        "Maximale dekking",
        "p-mediaan",
        "Voorgestelde locatie",
    ),
}
HEADINGS = {
    "fr": "Accessibilité — Pharmacie — bassin Nord",
    "nl": "Toegankelijkheid — Apotheek — zorgzone Noord",
}


@pytest.fixture
def access_site(loaded_territories, django_db_blocker):
    from bassins.access import data

    with django_db_blocker.unblock():
        ensure_offer_data()
    data._state.clear()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_access_page_map_and_scenario(
    access_site, page, page_in, assert_accessible, page_errors, offsite_requests, lang
):
    slug = "nord" if lang == "fr" else "noord"
    page.set_viewport_size(PHONE)
    page = page_in(lang, path_in(lang, "access:bassin", slug=slug))
    assert page.locator("h1").inner_text() == HEADINGS[lang]
    page.wait_for_selector("#access-map[data-ready=true]")
    assert page.locator("#access-map path.leaflet-interactive").count() > 100  # sectors + sites
    # the suggestions: a table of both methods, and as many labelled markers on the map
    heading, coverage, median, suggested = SUGGESTIONS[lang]
    assert page.locator("#access-suggestions-title").inner_text() == heading
    table = page.locator("#suggestions-table tbody tr")
    assert table.count() == 6
    assert [table.nth(i).locator("th").inner_text() for i in range(6)] == [
        "C1",
        "C2",
        "C3",
        "M1",
        "M2",
        "M3",
    ]
    assert table.nth(0).locator("td").nth(0).inner_text() == coverage
    assert table.nth(3).locator("td").nth(0).inner_text() == median
    # one labelled marker per suggested place (a place both methods chose carries both labels)
    markers = page.locator("#access-map .suggestion-marker")
    assert page.locator("#access-map").get_attribute("data-suggestions") == str(markers.count())
    labels = " ".join(markers.all_inner_texts()).split()
    assert sorted(labels) == ["C1", "C2", "C3", "M1", "M2", "M3"]
    title = page.locator("#access-map .suggestion-pin").first.get_attribute(
        "title"
    )  # e.g. "Site suggéré, couverture maximale 1: …"
    assert title.startswith(f"{suggested}, {coverage.lower()} 1: ")
    assert overflow(page) == [], f"{page.url} overflows at 390 px"
    assert_accessible(page)
    before = page.locator("#scenario-result").inner_text()
    # the first sector offered is the most under-served: a pharmacy there brings people within reach
    page.locator("#scenario-add-sector").click()
    page.wait_for_function(
        "() => document.getElementById('scenario-result').hasAttribute('data-after')"
    )
    result = page.locator("#scenario-result")
    after = int(float(result.get_attribute("data-after")))
    beyond = int(page.locator("#figure-beyond").get_attribute("data-value"))
    assert after < beyond
    assert result.inner_text() != before
    # a click on the map adds a site too
    # wait for the server's answer too: a request still in flight when the test ends reaches a
    # server whose database the test has closed (an error seen under load in the whole suite)
    with page.expect_response(lambda response: "scenario.json" in response.url):
        page.locator("#access-map").click(position={"x": 150, "y": 150})
    page.wait_for_function(
        "() => document.getElementById('scenario-edits').textContent.includes('2')"
    )
    assert page_errors == [] and offsite_requests == []
