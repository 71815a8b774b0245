"""The bassins' sites in a real browser, in French and Dutch: each bassin's home draws its map and
shows its key figures; at 390 px the helpdesk phone is on screen and nothing overflows; axe-core
finds no violation on a bassin's home, a news page and the regional page; the Content Security
Policy (not bypassed here) blocks nothing the pages need; nothing is fetched from another server."""

from __future__ import annotations

import pytest
from localurls import path_in, url
from offer.realdata import ensure_offer_data

from bassins import codes

from .test_phone_width import PHONE, on_screen, overflow

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

HEADINGS = {"fr": "Bassin {}", "nl": "Zorgzone {}"}
NAMES = {
    "fr": {"N": "Nord", "NE": "Nord-Est", "S": "Sud", "SE": "Sud-Est", "CO": "Centre-Ouest"},
    "nl": {"N": "Noord", "NE": "Noord-Oost", "S": "Zuid", "SE": "Zuid-Oost", "CO": "Centrum-West"},
}


@pytest.fixture
def site_data(loaded_territories, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_offer_data()


@pytest.fixture
def news_item(site_data, django_db_blocker):
    from bassins.sites.models import News, Status

    with django_db_blocker.unblock():
        return News.objects.create(
            bassin="N",
            title_fr="Semaine des portes ouvertes",
            title_nl="Opendeurweek",
            body_fr="<p>Les services ouvrent leurs portes.</p><h1>Programme</h1><ul><li>lundi</li></ul>",
            body_nl="<p>De diensten openen hun deuren.</p><h1>Programma</h1><ul><li>maandag</li></ul>",
            status=Status.PUBLISHED,
        )


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_each_bassins_home_its_map_figures_and_phone_at_390_px(
    site_data, news_item, page, page_in, assert_accessible, page_errors, offsite_requests, lang
):
    page.set_viewport_size(PHONE)
    for code in codes.BASSIN_CODES:
        page_in(lang, path_in(lang, "sites:bassin", slug=codes.bassin_slug(code, lang)))
        assert page.locator("h1").inner_text() == HEADINGS[lang].format(NAMES[lang][code])
        page.wait_for_selector("#site-map[data-ready=true]", timeout=15_000)
        assert page.locator("#site-map canvas").count() >= 1  # the layers, drawn by Leaflet
        figures = page.locator(".key-figures .figure").all_inner_texts()
        assert len(figures) == 4 and all(any(ch.isdigit() for ch in f) for f in figures), figures
        # the helpdesk phone: visible without scrolling, sideways or down
        phone = page.locator(".helpdesk-line .phone")
        assert phone.is_visible() and on_screen(phone), f"{page.url}: helpdesk phone off screen"
        assert phone.bounding_box()["y"] + phone.bounding_box()["height"] <= PHONE["height"]
        assert "+32 2 " in phone.inner_text()
        assert phone.get_attribute("href").startswith("tel:+322")
        assert overflow(page) == [], f"{page.url} overflows at 390 px"
        if code == "N":
            assert_accessible(page)
    # a news page and the regional page
    page_in(
        lang, path_in(lang, "sites:news-detail", slug=codes.bassin_slug("N", lang), pk=news_item.pk)
    )
    assert page.locator("h1").inner_text() in ("Semaine des portes ouvertes", "Opendeurweek")
    assert overflow(page) == []
    assert_accessible(page)
    page_in(lang, path_in(lang, "sites:regional"))
    for code in codes.BASSIN_CODES:
        page.wait_for_selector(f"#map-{code}[data-ready=true]", timeout=15_000)
    assert overflow(page) == []
    assert_accessible(page)
    assert offsite_requests == [] and page_errors == []


def test_the_content_security_policy_blocks_nothing_the_pages_need(
    site_data, browser, live_server, django_db_blocker
):
    from django.contrib.auth.models import User

    with django_db_blocker.unblock():
        User.objects.create_superuser("root", password="a-long-password-1")
    context = browser.new_context(locale="fr-BE", bypass_csp=False)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text[:50]} @ {m.location}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    try:
        agenda = [url("fr", "agenda:bassin", slug="nord"), url("nl", "agenda:groups", slug="noord")]
        agenda += ["/api/docs/", url("fr", "indicators:index")]
        # the indicator pages: legends and charts coloured without a style attribute
        agenda += [
            url("fr", "indicators:profile", layer="bassin", code="N"),
            url("nl", "indicators:map", layer="commune", indicator="share_65plus"),
        ]
        for path in ("/fr/bassin/nord/", "/nl/zorgzones/", "/fr/", "/fr/offre/bassin/NE/", *agenda):
            response = page.goto(live_server.url + path)
            assert "script-src 'self'" in response.headers["content-security-policy"]
            if path == "/fr/bassin/nord/":
                page.wait_for_selector("#site-map[data-ready=true]", timeout=15_000)
            if "share_65plus" in path:
                page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
            page.wait_for_load_state("networkidle")
        # the admin's rich-text editor (Trix adds <style> elements: allowed in the admin only)
        page.goto(live_server.url + "/admin/login/?next=/admin/bassin_sites/news/add/")
        page.fill("#id_username", "root")
        page.fill("#id_password", "a-long-password-1")
        page.click("input[type=submit]")
        page.wait_for_selector("trix-toolbar .trix-button--icon-bold", timeout=15_000)
        assert page.locator("trix-editor").count() == 2
        assert page.locator("style[data-tag-name='trix-editor']").count() == 1
        assert refused == []
        # and the listener does hear a refusal: an inline style on a public page is refused
        page.goto(live_server.url + "/fr/bassins/")
        page.evaluate(
            "() => { const s = document.createElement('style'); s.textContent = 'b{}'; document.head.append(s); }"
        )
        page.wait_for_timeout(200)
        assert any("style" in text for text in refused)
    finally:
        context.close()
