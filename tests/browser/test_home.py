"""Smoke test: the home page answers in French and in Dutch (territories loaded from the real data)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_home_page_in_its_language(loaded_territories, page_in, lang):
    page = page_in(lang, "/")
    assert page.title().strip(), f"{page.url}: empty <title>"
