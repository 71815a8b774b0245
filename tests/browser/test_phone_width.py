"""Every public page at phone width (390 px), in French and Dutch: nothing overflows sideways, the
helpdesk line is on screen, wide tables scroll in their own box with the first column kept, the
"find your bassin" box answers a postcode, and axe-core finds no violation."""

from __future__ import annotations

import pytest
from localurls import path_in
from offer.realdata import ensure_offer_data

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
#: The public pages, by URL name and arguments (the slugs are translated).
PAGES = [
    ("portal:home", {}),
    ("portal:find", {}),
    ("offer:index", {}),
    ("offer:bassin", {"code": "NE"}),
    ("offer:bassin", {"code": "CO"}),
    ("offer:commune", {"code": "21004"}),
    ("offer:commune", {"code": "21015"}),
    ("directory:quality", {}),
]
#: What the "find your bassin" box answers, per language.
ANSWERS = {
    "fr": {
        "1030": "1030 (Schaerbeek) fait partie du bassin Nord-Est.",
        "1000": "1000 s'étend sur 2",
    },
    "nl": {"1030": "1030 (Schaarbeek) ligt in de zorgzone Noord-Oost.", "1000": "1000 ligt in 2"},
}


@pytest.fixture
def site_data(loaded_territories, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_offer_data()


def overflow(page) -> list[str]:
    """The page's width beyond the viewport, and the elements that stick out of it (not those
    inside a box that scrolls)."""
    return page.evaluate(
        """() => {
      const width = window.innerWidth, out = [];
      if (document.documentElement.scrollWidth > width)
        out.push(`document ${document.documentElement.scrollWidth}px > ${width}px`);
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.table-wrap, .leaflet-container, .visually-hidden, .skip-link')) continue;
        const box = el.getBoundingClientRect();
        if (box.width && box.right > width + 1)
          out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
      }
      return out.slice(0, 10);
    }"""
    )


def on_screen(locator) -> bool:
    box = locator.bounding_box()
    return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_public_page_fits_a_phone(
    site_data, page, page_in, assert_accessible, page_errors, offsite_requests, lang
):
    page.set_viewport_size(PHONE)
    for name, kwargs in PAGES:
        page_in(lang, path_in(lang, name, **kwargs))
        assert overflow(page) == [], f"{page.url} overflows at 390 px"
        if name in ("portal:home", "offer:bassin", "offer:commune"):
            phone = page.locator(".card-phone, .helpdesk-lines .phone").first
            assert phone.is_visible() and on_screen(phone), f"{page.url}: helpdesk line hidden"
            assert "+32 2 " in phone.inner_text(), page.url
        assert_accessible(page)
    # an unknown page (404) fits too
    page_in(lang, path_in(lang, "offer:bassin", code="ZZ"), status=404)
    assert overflow(page) == []
    assert page_errors == [] and offsite_requests == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_wide_tables_scroll_in_their_box_with_the_first_column_kept(site_data, page, page_in, lang):
    page.set_viewport_size(PHONE)
    page_in(lang, path_in(lang, "offer:bassin", code="NE"))
    wrap = page.locator("#section-views .table-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), (
        "the table is not wider than a phone"
    )
    first = page.locator("#table-views tbody tr th").first
    before = first.bounding_box()["x"]
    wrap.evaluate("w => { w.scrollLeft = 400; }")
    assert wrap.evaluate("w => w.scrollLeft") > 0
    assert first.bounding_box()["x"] == pytest.approx(before, abs=1)  # sticky first column
    assert overflow(page) == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_find_your_bassin_answers_a_postcode(site_data, page, page_in, page_errors, lang):
    page.set_viewport_size(PHONE)
    for path in ("/", path_in(lang, "offer:bassin", code="S")):
        page_in(lang, path)
        for postcode, count in (("1030", 1), ("1000", 2)):
            page.fill("#find-q", postcode)
            page.evaluate("() => { delete document.getElementById('find-answer').dataset.ready; }")
            page.get_by_role("button", name={"fr": "Trouver", "nl": "Zoeken"}[lang]).click()
            page.wait_for_selector("#find-answer[data-ready=true]", timeout=10_000)
            answer = page.locator("#find-answer")
            assert ANSWERS[lang][postcode] in answer.inner_text()
            assert answer.locator("a.find-bassin").count() == count
            assert answer.locator('a[href^="tel:+32"]').count() == count
            assert overflow(page) == []
    assert page_errors == []


def test_find_your_bassin_without_javascript(site_data, browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/nl/")
    page.fill("#find-q", "1000")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert "/nl/mijn-zorgzone-vinden/?q=1000" in page.url
    assert page.locator("#find-answer a.find-bassin").all_inner_texts() == ["Centrum-West", "Zuid"]
    context.close()


def test_a_click_on_the_map_opens_the_bassin(site_data, page, page_in):
    page_in("nl", "/")
    page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
    labels = page.locator("#map .bassin-label").all_inner_texts()
    assert sorted(labels) == ["Centrum-West", "Noord", "Noord-Oost", "Zuid", "Zuid-Oost"]
    # the label sits on its polygon: a click there is a click on the bassin
    page.locator("#map").scroll_into_view_if_needed()
    box = page.locator("#map .bassin-label", has_text="Zuid-Oost").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/nl/aanbod/zorgzone/SE/")
