"""PDF reports: the offer page's own template printed by WeasyPrint (print rules in offer/offer.css).

The PDF is rendered from the same context as the web page (`bassins.offer.context.page_context`): no
request, no web view involved, so it says exactly what the page says, provenance block included. It
is tagged for accessibility (PDF/UA-1: structure tree, language, title) and carries its generation
date and the helpdesk line. Static files (/static/...) are read from the static finders; nothing else
is fetched: not the network, not local files (file: URLs).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from bassins.errors import BassinsError
from bassins.offer.context import page_context

BASE_URL = "http://bassins.local/"
PDF_VARIANT = "pdf/ua-1"


def page_html(layer: str, code: str, lang: str, *, analysis=None) -> str:
    """The HTML the PDF prints: the offer page of (layer, code) in `lang`, print version."""
    context = page_context(layer, code, lang, analysis=analysis) | {"for_print": True}
    with translation.override(lang):
        return render_to_string("offer/report.html", context)


def html_to_pdf(html: str, base_url: str = BASE_URL) -> bytes:
    import logging

    from weasyprint import HTML

    # The page's screen-only CSS (scrolling tables, visually hidden text) is not for print: WeasyPrint's
    # notes about properties it ignores are not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher()).write_pdf(
        pdf_variant=PDF_VARIANT
    )


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


def page_pdf(layer: str, code: str, lang: str, *, analysis=None) -> bytes:
    """The offer page of (layer, code) in `lang` as a tagged PDF (PDF/UA-1)."""
    if lang not in ("fr", "nl", "en"):
        raise BassinsError(f"unknown language {lang!r} (fr, nl or en)")
    return html_to_pdf(page_html(layer, code, lang, analysis=analysis))
