"""The offer pages in a real browser, in French and Dutch: tables and charts read, accessibility holds."""

from __future__ import annotations

import pytest
from localurls import path_in
from offer.realdata import ensure_offer_data

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

EXPECTED = {
    "fr": (
        "L'offre sociale et de santé — Bassin d'aide et de soins : Nord-Est",
        "Provenance et limites",
        "Services par bassin",
    ),
    "nl": (
        "Het welzijns- en zorgaanbod — Zorgzone: Noord-Oost",
        "Herkomst en beperkingen",
        "Diensten per zorgzone",
    ),
}


@pytest.fixture
def offer_data(loaded_territories, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_offer_data()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_bassin_page_in_a_browser(
    offer_data, page_in, assert_accessible, offsite_requests, page_errors, lang
):
    page = page_in(lang, path_in(lang, "offer:bassin", code="NE"))
    heading, provenance, section = EXPECTED[lang]
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_role("heading", name=provenance).count() == 1
    assert page.get_by_role("heading", name=section).count() == 1
    # six tables with captions and header cells; the charts are SVG images with a text alternative
    assert page.locator("table.data caption").count() == 6
    assert page.locator("table.data th[scope=row]").count() > 20
    charts = page.locator("figure.chart").get_by_role("img")
    assert charts.count() == 4
    for i in range(charts.count()):
        assert len(charts.nth(i).get_attribute("aria-labelledby").split()) == 2
    assert offsite_requests == [] and page_errors == []
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_commune_page_in_a_browser(offer_data, page_in, assert_accessible, lang):
    page = page_in(lang, path_in(lang, "offer:commune", code="21004"))
    assert page.locator("table.data caption").count() == 5
    assert_accessible(page)


def test_download_link_gives_a_csv(offer_data, page_in):
    page = page_in("fr", "/offre/bassin/CO/")
    with page.expect_download() as info:
        page.locator("#section-views .downloads a").first.click()
    assert info.value.suggested_filename == "offre_bassin_CO_views_fr.csv"
