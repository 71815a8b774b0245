"""The offer's block on a bassin's site (the "offer" part of the tableau de bord, see
`bassins.sites.parts`): the bassin's services by head office beside the region's, the rate per 1,000
inhabitants with its 95% interval, the population it rests on with its date, and the ESTIMATED share
of the services that cannot be placed in a bassin, said in words.

Built from the offer page's own computation (`bassins.offer.data.current_analysis` and the report's
facts), cached per data version and language.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bassins.errors import DataNotLoadedError
from bassins.offer import data
from bassins.offer.counts import REGION, TOTAL
from bassins.offer.report import Namer, facts
from bassins.offer.texts import fmt_date, fmt_dec, fmt_int, fmt_pct
from bassins.portal.context import lang_code
from bassins.web.cache import by_data_version, request_data_version


def part(request, bassin_code: str) -> dict | None:
    """The offer part of bassin `bassin_code` (None while the territories or directory are not loaded)."""
    lang = lang_code()
    try:
        context = by_data_version(
            "offer-part",
            bassin_code,
            lang,
            version=request_data_version(request),
            build=lambda: offer_summary(bassin_code, lang),
        )
    except DataNotLoadedError:
        return None
    if context is None:
        return None
    return {
        "title": _("Offer of services"),
        "template": "offer/site_part.html",
        "context": context,
        "url": reverse("offer:bassin", kwargs={"code": bassin_code}),
        "date": context["population_date_iso"],
    }


def offer_summary(code: str, lang: str, analysis=None) -> dict | None:
    """The figures of the block (plain values, formatted for `lang`); None for an unknown bassin."""
    analysis = analysis if analysis is not None else data.current_analysis()
    ho = analysis.counts("head_office", "bassin")
    if code not in ho.table.index:
        return None
    namer = Namer(analysis, lang)
    rates = analysis.rates("head_office", "bassin")
    region = analysis.region_rate("head_office", layer="bassin")
    count = int(ho.table.at[code, TOTAL])
    region_count = int(ho.region[TOTAL])
    rows = [
        {
            "name": namer.area("bassin", code),
            "count": fmt_int(count, lang),
            "share": fmt_pct(count / region_count if region_count else float("nan"), lang),
            **_rate_cells(rates.loc[code] if rates is not None else None, lang),
            "estimated_rate": bool(ho.not_placed[TOTAL]),
        },
        {
            "name": namer.area("region", REGION),
            "count": fmt_int(region_count, lang),
            "share": fmt_pct(1.0, lang),
            **_rate_cells(region, lang),
            "estimated_rate": False,
        },
    ]
    estimated = float(rates.at[code, "estimated"]) if rates is not None else 0.0
    not_placed = int(ho.not_placed[TOTAL])
    population_date = rates.at[code, "reference_date"] if rates is not None else None
    return {
        "name": namer.area("bassin", code),
        "count": count,
        "rows": rows,
        "facts": facts(analysis, "bassin", code, lang, namer),
        "not_placed": fmt_int(not_placed, lang),
        "estimated": fmt_dec(estimated, lang, 1),
        "has_estimate": bool(not_placed) and rates is not None,
        "has_rates": rates is not None,
        "population_date_iso": population_date.isoformat() if population_date is not None else None,
        "population_date": fmt_date(population_date, lang) if population_date is not None else "",
    }


def _rate_cells(row, lang: str) -> dict:
    if row is None:
        return {"rate": "", "interval": "", "population": "", "estimated_population": False}
    return {
        "rate": fmt_dec(row["rate"], lang),
        "interval": f"{fmt_dec(row['rate_low'], lang)}–{fmt_dec(row['rate_high'], lang)}",
        "population": fmt_int(row["population"], lang),
        "estimated_population": row["basis"] != "official",
    }
