"""PDF reports: the offer page's own HTML printed by WeasyPrint (print rules in offer/offer.css).

The page is produced by the same view as on the web (a request built with Django's RequestFactory), so
the PDF says exactly what the page says, provenance block included. Static files (/static/...) are read
from the static finders; nothing else is fetched: not the network, not local files (file: URLs).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from bassins.errors import BassinsError, DataNotLoadedError

BASE_URL = "http://bassins.local/"


def page_html(layer: str, code: str, lang: str) -> str:
    """The HTML of the offer page of (layer, code) in `lang`, as the web server would send it."""
    from bassins.offer import pages

    with translation.override(lang):
        path = reverse(f"offer:{layer}", kwargs={"code": code})
        request = RequestFactory().get(path, HTTP_HOST="bassins.local")
        request.LANGUAGE_CODE = lang
        response = pages.page(request, layer, code)
    if response.status_code == 503:
        raise DataNotLoadedError(f"the offer analysis cannot be made yet (HTTP 503 on {path})")
    if response.status_code != 200:
        raise BassinsError(f"the page {path} answered HTTP {response.status_code}")
    return response.content.decode("utf-8")


def html_to_pdf(html: str, base_url: str = BASE_URL) -> bytes:
    import logging

    from weasyprint import HTML

    # The page's screen-only CSS (scrolling tables, visually hidden text) is not for print: WeasyPrint's
    # notes about properties it ignores are not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher()).write_pdf()


def _static_fetcher():
    """A WeasyPrint URL fetcher that serves /static/ from the finders (and data: URLs); it refuses the
    network and local files."""
    import mimetypes
    from pathlib import Path

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.path.startswith("/static/"):
                found = finders.find(parts.path[len("/static/") :])
                if found:
                    kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": kind})
            raise ValueError(f"nothing but /static/ files is read while printing: {url}")

    return StaticFetcher()


def page_pdf(layer: str, code: str, lang: str) -> bytes:
    if lang not in ("fr", "nl", "en"):
        raise BassinsError(f"unknown language {lang!r} (fr, nl or en)")
    return html_to_pdf(page_html(layer, code, lang))
