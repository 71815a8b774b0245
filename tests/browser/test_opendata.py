"""The open-data page in a browser, French and Dutch, at desktop width and at 390 px: axe-core finds
no violation, nothing overflows, and its downloads answer."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from localurls import path_in
from offer.realdata import ensure_offer_data

from browser.test_phone_width import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_data(loaded_territories, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_offer_data()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_opendata_page(
    site_data, page, page_in, assert_accessible, page_errors, offsite_requests, lang
):
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        page_in(lang, path_in(lang, "opendata"))
        page.locator("details summary").first.click()
        assert overflow(page) == [], f"{page.url} overflows at {viewport['width']} px"
        assert_accessible(page)
    link = page.locator("a.download", has_text="CSV").first
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
    assert offsite_requests == [] and page_errors == []
