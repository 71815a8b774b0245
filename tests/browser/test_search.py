"""The search page in a real browser, in French and Dutch: a plain-words query, a bassin and an
opening time chosen with the keyboard, a hit opened, its marker on the map and why it matched;
axe reports no serious violation.

"Open now" depends on the clock of the machine running the test: the form's "open at" field (same
filter, a given moment) is used with a Monday 10:00 for the hit, map and reasons; then the "open now"
checkbox, whose hits must all be marked open now (none, at night, is an answer too)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

CASES = {
    "fr": ("je n'ai plus d'argent pour manger", "Pourquoi ce service", "Ouvert maintenant"),
    "nl": ("geen geld meer voor eten", "Waarom deze dienst", "Nu open"),
}


@pytest.fixture
def directory_data(loaded_territories, django_db_blocker):
    from bassins.directory import importers
    from bassins.directory.models import Service
    from bassins.search import maintain

    with django_db_blocker.unblock():
        if not Service.objects.exists():
            importers.load_all()
    maintain.reset()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_search_with_keyboard_and_map(
    directory_data, page_in, assert_accessible, offsite_requests, page_errors, lang
):
    query, why_title, open_label = CASES[lang]
    page = page_in(lang, "/recherche/" if lang == "fr" else "/zoeken/")
    assert_accessible(page)
    page.focus("#search-q")
    page.keyboard.type(query)
    page.select_option("#search-bassin", "S")
    page.fill("#search-at", "2026-11-30T10:00")
    page.focus("#search-q")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "bassin=S" in page.url and "at=2026-11-30T10" in page.url
    hits = page.locator("ol.hits > li")
    assert hits.count() >= 1
    assert open_label in page.locator("nav.facets").inner_text()
    summary = hits.first.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    details = hits.first.locator("details")
    assert details.get_attribute("open") is not None
    why = hits.first.locator(".why")
    assert why.is_visible() and why_title in why.inner_text()
    page.wait_for_selector("#search-map[data-ready='true']")
    marker = page.locator("#search-map path.leaflet-interactive[stroke='#c00000']")
    assert marker.count() == 1
    # "open now" (the checkbox, keyboard only, "open at" emptied): whatever the clock of the
    # machine, every hit listed is marked open now
    page.fill("#search-at", "")
    page.focus("#search-open")
    page.keyboard.press("Space")
    assert page.is_checked("#search-open")
    page.focus("#search-q")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "open_now=1" in page.url and "bassin=S" in page.url
    listed = page.locator("ol.hits > li")
    assert listed.locator(".closed").count() == 0
    assert listed.locator(".open").count() == listed.count()
    assert offsite_requests == [] and page_errors == []
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # on a phone the results come first, each with its phone number (or its place) in sight
    # without opening it; the map and the facets follow them (the first search, which has hits)
    page.go_back()
    page.wait_for_load_state("load")
    hit = page.locator("ol.hits > li").first
    first = hit.bounding_box()
    assert first["y"] < page.locator("#search-map").bounding_box()["y"]
    assert first["y"] < page.locator("nav.facets").bounding_box()["y"]
    assert hit.locator(".hit-contact").is_visible() and hit.locator(".hit-contact").inner_text()
