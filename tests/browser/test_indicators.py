"""The indicator pages in a real browser, in French and Dutch: the area profile of each bassin and
one choropleth per layer render (SVG spine chart, Leaflet map drawn), axe-core finds no violation,
nothing overflows at 390 px."""

from __future__ import annotations

import pytest
from localurls import path_in
from offer.realdata import ensure_offer_data

from .test_phone_width import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

#: One choropleth per layer (an indicator published at that layer).
MAPS = [
    ("sector", "share_65plus"),
    ("submunicipality", "density"),
    ("commune", "share_80plus"),
    ("monitoring", "unemployment_rate_2023"),
    ("bassin", "pharmacies_per_10000"),
]
HEADINGS = {"fr": "Comparaison avec la Région", "nl": "Vergeleken met het Gewest"}


@pytest.fixture
def indicator_data(loaded_territories, django_db_blocker):
    from bassins.indicators import store
    from bassins.indicators.models import IndicatorValue

    with django_db_blocker.unblock():
        ensure_offer_data()
        if not IndicatorValue.objects.exists():
            store.load()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_bassin_profiles_and_one_map_per_layer(
    indicator_data, page, page_in, assert_accessible, page_errors, offsite_requests, lang
):
    page.set_viewport_size(PHONE)
    for code in ("CO", "N", "NE", "S", "SE"):
        page_in(lang, path_in(lang, "indicators:profile", layer="bassin", code=code))
        assert page.get_by_role("heading", name=HEADINGS[lang]).count() == 1
        spine = page.locator("svg.indicator-chart").first
        assert spine.get_attribute("role") == "img" and spine.locator("circle").count() >= 4
        assert page.locator("table caption").count() == 2  # values, and the age bands
        assert overflow(page) == [], f"{page.url} overflows at 390 px"
        assert_accessible(page)
    for layer, indicator in MAPS:
        page_in(lang, path_in(lang, "indicators:map", layer=layer, indicator=indicator))
        page.wait_for_selector(".map[data-ready=true]", timeout=20_000)
        assert page.locator(".leaflet-interactive").count() > 4, (layer, indicator)
        assert page.locator("ul.key li").count() >= 2  # the legend's classes
        assert overflow(page) == [], f"{page.url} overflows at 390 px"
        assert_accessible(page)
    assert page_errors == [] and offsite_requests == []
