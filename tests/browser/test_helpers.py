"""The browser harness itself: system chromium, offline pages, the accessibility helper."""

from __future__ import annotations

import pytest

from .helpers import axe_violations, basic_problems

pytestmark = pytest.mark.browser

GOOD = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Bassins d'aide et de soins</title></head>
<body>
<header><nav aria-label="Langues"><a href="/nl/">Nederlands</a></nav></header>
<main>
  <h1>Les bassins</h1>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
  <form><label for="q">Recherche</label><input id="q" name="q">
    <label>Commune <select name="c"><option>Ixelles</option></select></label>
    <button type="submit">Chercher</button></form>
  <table><caption>Bassins</caption><tr><th scope="col">Bassin</th></tr><tr><td>Nord</td></tr></table>
  <div class="leaflet-container" tabindex="0" aria-label="Carte des bassins">
    <a href="#" role="button" aria-label="Zoom avant">+</a>
  </div>
</main>
</body></html>"""

BAD = """<!doctype html>
<html><head></head><body>
<h1>Un</h1><h1>Deux</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input id="orphan" name="x">
<table><tr><td>1</td></tr></table>
<button></button><a href="/x"></a>
<div class="leaflet-container" tabindex="0"><a href="#" title="Zoom in">+</a></div>
</body></html>"""


def test_system_chromium_is_driven(browser):
    assert browser.version.split(".")[0].isdigit()


def test_a_good_page_passes(page, assert_accessible):
    page.set_content(GOOD)
    assert basic_problems(page) == []
    assert axe_violations(page) == []
    assert_accessible(page)


def test_a_bad_page_fails_with_every_problem_named(page, assert_accessible):
    page.set_content(BAD)
    problems = basic_problems(page)
    expected_starts = [
        "<html> has no lang attribute",
        "the document has no <title>",
        "expected one <h1>, found 2",
        "expected one <main> landmark, found 0",
        "no <nav> landmark",
        "<img> without alt: <img src=",
        'form control without a label: <input id="orphan"',
        "<table> without a <caption>",
        "<table> without <th> header cells",
        "button or link without an accessible name: <button></button>",
        'button or link without an accessible name: <a href="/x"></a>',
        'focusable map control without aria-label: <div class="leaflet-container"',
        'focusable map control without aria-label: <a href="#" title="Zoom in">',
    ]
    assert len(problems) == len(expected_starts), problems
    for problem, start in zip(problems, expected_starts, strict=False):
        assert problem.startswith(start), (problem, start)
    axe = axe_violations(page)
    assert any(line.startswith("axe html-has-lang (serious)") for line in axe), axe
    assert any(line.startswith("axe image-alt (critical)") for line in axe), axe
    with pytest.raises(
        AssertionError, match=r"accessibility problem\(s\):\n  <html> has no lang attribute"
    ):
        assert_accessible(page)


def test_offsite_requests_are_blocked(page, offsite_requests, page_errors):
    page.set_content(
        '<html lang="fr"><title>t</title>'
        '<img alt="" src="https://tile.openstreetmap.org/0/0/0.png">'
        '<script>throw new Error("boom")</script></html>'
    )
    assert offsite_requests == ["https://tile.openstreetmap.org/0/0/0.png"]
    assert page_errors and "boom" in page_errors[0]
