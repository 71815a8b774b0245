"""The home page in a real browser, in French and Dutch: the map draws, the table reads, a11y holds."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPECTED = {
    "fr": (
        "Les cinq bassins d'aide et de soins de Bruxelles",
        ["Centre-Ouest", "Nord", "Nord-Est", "Sud", "Sud-Est"],
    ),
    "nl": (
        "De vijf Brusselse zorgzones",
        ["Centrum-West", "Noord", "Noord-Oost", "Zuid", "Zuid-Oost"],
    ),
}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_home_map_and_table(
    loaded_territories, page_in, assert_accessible, offsite_requests, page_errors, lang
):
    page = page_in(lang, "/")
    heading, bassins = EXPECTED[lang]
    assert page.locator("h1").inner_text() == heading
    page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
    # five bassin polygons and nineteen commune outlines drawn by Leaflet, no tiles fetched
    assert page.locator("#map path.leaflet-interactive").count() == 5
    assert page.locator("#map path").count() == 5 + 19
    assert offsite_requests == [] and page_errors == []
    rows = page.locator("table.data tbody th[scope=row]").all_inner_texts()
    assert rows == bassins
    assert_accessible(page)


def test_language_switch_keeps_the_page(loaded_territories, page_in):
    page = page_in("fr", "/")
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.url.endswith("/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
