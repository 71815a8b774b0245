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


def test_api_docs_render_locally(site_data, page, live_server, offsite_requests, page_errors):
    """Swagger UI draws every operation of /api/openapi.json from the vendored bundle, offline."""
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response is not None and response.status == 200
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.replace("\u200b", "") == "/api/hsds/services" for p in paths), paths[:5]
    assert offsite_requests == []
