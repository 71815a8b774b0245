"""Browser tests: Playwright (sync API) driving Debian's /usr/bin/chromium, headless.

No browser is ever downloaded: the tests launch the system chromium, which
`make system-packages` (scripts/install-system-packages.sh) installs; without it they FAIL.
Pages come from pytest-django's `live_server` (the test database), so a test that opens pages is
marked `@pytest.mark.browser` and `@pytest.mark.django_db(transaction=True)`.

Fixtures and helpers:
- `browser`: the chromium instance, one per run of this folder.
- `page`: a fresh page (own context, locale fr-BE); requests to any host other than the live
  server are blocked (no CDN, no tiles) and listed in `offsite_requests`; JavaScript errors are
  listed in `page_errors`.
- `page_in(lang, path="/", status=200)`: opens /<lang>/<path> on the live server, asserts the HTTP
  status and that <html lang> is `lang`; returns the page.
- `assert_accessible(page, axe=True, axe_disable=())` (fixture, or `from .helpers import
  assert_accessible`): the basics a screen reader needs (<html lang>,
  <title>, one <h1>, <main> and <nav> landmarks, alt on every <img>, a label for every form control,
  <caption> and <th> in tables, a name for every button and link, aria-labels on focusable map
  controls), then axe-core's WCAG 2.1 A/AA rules (axe-core from the npm package pinned in
  package.json, injected from node_modules: no network).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import helpers

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests drive Debian's chromium; "
            "run `make system-packages` (scripts/install-system-packages.sh) to install it"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread: let Django's database
    # calls (test database set-up and flush) run while it is there.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def offsite_requests() -> list[str]:
    return []


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(browser, offsite_requests, page_errors):
    context = browser.new_context(locale="fr-BE", service_workers="block", bypass_csp=True)

    def route(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            offsite_requests.append(route.request.url)
            route.abort()

    context.route(lambda url: urlsplit(url).scheme in ("http", "https", "ws", "wss"), route)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def page_in(page, live_server):
    def open_page(lang: str, path: str = "/", *, status: int = 200):
        url = f"{live_server.url}/{lang}/{path.lstrip('/')}"
        response = page.goto(url)
        assert response is not None, f"{url}: no response"
        assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
        # the page's own requests (map layers, JSON) answered before the test goes on: one still in
        # flight when the test ends would reach a database being flushed (a teardown error)
        page.wait_for_load_state("networkidle")
        found = page.evaluate("() => document.documentElement.getAttribute('lang')")
        assert found and found.split("-")[0].lower() == lang.lower(), (
            f"{url}: <html lang={found!r}>, expected {lang!r}"
        )
        return page

    return open_page


@pytest.fixture
def assert_accessible():
    """The helper bassins' browser tests call on a page: see helpers.assert_accessible."""
    return helpers.assert_accessible
