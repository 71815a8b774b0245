"""The accessibility block of a bassin's tableau de bord (the `part()` contract of CONTRACTS.md):
the share of the population beyond 10 minutes' walk of a pharmacy and of the basic-services
basket, with the counts, and a link to the full page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bassins.access import report
from bassins.codes import bassin_slug
from bassins.errors import DataNotLoadedError
from bassins.portal.context import lang_code
from bassins.web.cache import by_data_version, request_data_version

MINUTES = 10.0


def part(request, bassin_code: str) -> dict | None:
    """The block, or None while the territories, population or directory are not loaded."""
    lang = lang_code()
    try:
        # built from the territories, population and directory only: kept per data version
        built = by_data_version(
            "access-part",
            bassin_code,
            lang,
            version=request_data_version(request),
            build=lambda: report.build(bassin_code, "pharmacy", MINUTES, "total", lang),
        )
    except DataNotLoadedError:
        return None
    if not built["sites"] or not built["figures"]["population"]:
        return None
    basket = next((r for r in built["basket"]["rows"] if r["code"] == bassin_code), None)
    url = reverse("access:bassin", kwargs={"slug": bassin_slug(bassin_code, lang)})
    return {
        "title": _("Accessibility"),
        "template": "access/site_part.html",
        "context": {
            "report": built,
            "basket": basket,
            "minutes": MINUTES,
            "url": url,
            "share_percent": _percent(built["figures"]["share_beyond"]),
            "basket_percent": _percent(basket["share_beyond"]) if basket else None,
        },
        "url": url,
        "date": built["provenance"].get("population_date"),
    }


def _percent(share) -> float | None:
    """A share (0-1) as a percentage with one decimal, for the reader."""
    return None if share is None else round(float(share) * 100, 1)
