"""The words of the offer analysis, keyed by code, and the formatting of its numbers and dates.

The analysis, its provenance block, the CSV/XLSX/JSON exports and the PDF all need the same wording
whatever the request: `TEXTS` maps each code to its English msgid, translated through the offer app's
gettext catalogues (`bassins.offer.i18n`: `locale/<lang>/LC_MESSAGES/django.po`, the catalogues the
templates use). Numbers and dates are formatted by Django's locale formatting in the language asked
for (FR 1 234,5 and "1 janvier 2024", NL 1.234,5 and "1 januari 2024").
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from bassins.offer.i18n import gettext, gettext_noop

LANGS = ("fr", "nl", "en")

TEXTS: dict[str, str] = {
    # views and units
    "view.head_office": gettext_noop("Head office"),
    "view.site": gettext_noop("Activity sites"),
    "view.area_served": gettext_noop("Declared area served"),
    "unit.services": gettext_noop("services"),
    "unit.service_at_locations": gettext_noop("service locations"),
    "unit.declarations": gettext_noop("declared areas"),
    "view_def.head_office": gettext_noop(
        "each service counted once, at its organisation's head-office address (the published analysis' convention)"
    ),
    "view_def.site": gettext_noop(
        "each place where the service is delivered counted once (a service at three addresses counts three times)"
    ),
    "view_def.area_served": gettext_noop(
        "each declared area served, counted in the area that wholly contains it"
    ),
    # layers
    "layer.sector": gettext_noop("Statistical sector"),
    "layer.submunicipality": gettext_noop("Sub-municipality"),
    "layer.commune": gettext_noop("Municipality"),
    "layer.monitoring": gettext_noop("Monitoring district"),
    "layer.qss": gettext_noop("Social-health district"),
    "layer.bassin": gettext_noop("Care area (bassin)"),
    "layer.region": gettext_noop("Region"),
    # margin rows
    "row._not_placed": gettext_noop("Not placed at this level (precision too coarse)"),
    "row._region": gettext_noop("Regional total (in the Region)"),
    "row._outside": gettext_noop("Outside the Region or no location"),
    # reasons a unit is outside
    "reason.no_location": gettext_noop("no address or municipality"),
    "reason.outside_region": gettext_noop("located outside the Region"),
    "reason.no_head_office": gettext_noop("no head office in the directory"),
    "reason.unknown_area": gettext_noop("unknown declared area"),
    # exclusions
    "excl.status": gettext_noop("status '{detail}' (only active services are counted)"),
    "status.temporarily_closed": gettext_noop("temporarily closed"),
    "status.inactive": gettext_noop("inactive"),
    "status.defunct": gettext_noop("defunct"),
    "excl.no_service_id": gettext_noop("row without a service id"),
    "excl.precision_unknown": gettext_noop("unknown location precision ({detail})"),
    "excl.unknown_code": gettext_noop("unknown area code, ignored ({detail})"),
    "excl.duplicate_declaration": gettext_noop("area served declared twice"),
    "excl.service_not_included": gettext_noop("area served of a missing or inactive service"),
    "frame.service_location": gettext_noop("service locations"),
    "frame.service_area": gettext_noop("areas served"),
    # precision
    "precision.point": gettext_noop("geocoded address"),
    "precision.postcode": gettext_noop("postcode only"),
    "precision.commune": gettext_noop("municipality only"),
    "precision.none": gettext_noop("no location"),
    # population basis and method
    "basis.official": gettext_noop("official"),
    "basis.inferred date": gettext_noop("inferred date"),
    "basis.estimated": gettext_noop("estimate"),
    "method.own count": gettext_noop("published count"),
    "method.sum of sectors": gettext_noop("sum of statistical sectors"),
    "method.sum of communes": gettext_noop("sum of municipalities"),
    "method.share of commune": gettext_noop(
        "share of municipality estimated in proportion to area"
    ),
    # population sources (their English labels: bassins.population.readers)
    "popsource.commune": gettext_noop(
        "Statbel, population by place of residence and sex, per commune"
    ),
    "popsource.c2020": gettext_noop(
        "Statbel, population per statistical sector, secondary copy (prepared by Sciensano, published by SwissTPH)"
    ),
    "popsource.sectoren": gettext_noop("Statbel, population per statistical sector, {year}"),
    # population notes
    "note.inferred_date": gettext_noop(
        "Population per sector: reference date not stated by the source ({source}); inferred ≈ {reference_date} (inferred)."
    ),
    "note.sector_shortfall": gettext_noop(
        "The sectors add up to {sector_total} inhabitants, {missing} ({percent}%) fewer than the municipalities ({commune_total}): residents filed under an unknown sector, counted for their municipality and the Region but for no bassin or district."
    ),
    "note.estimated_share": gettext_noop(
        "ESTIMATE: the population of {areas} includes a share of {communes} estimated in proportion to the sectors' area ({details}); every rate built on it is an estimate."
    ),
    "note.sectors_absent": gettext_noop(
        "Statistical sectors missing from the population figures, counted as 0: {count}."
    ),
    "note.mixed_dates": gettext_noop("WARNING: populations of different dates combined ({dates})."),
    "note.sector_other_dates": gettext_noop(
        "Sector populations of other dates ({dates}) are loaded but not used (date used: {reference_date})."
    ),
    # standing limits
    "limit.head_office": gettext_noop(
        "In the head-office view a service is linked to the area of its organisation's head-office address, which is not always where it is delivered; the site and area-served views show what that convention hides."
    ),
    "limit.practitioners": gettext_noop(
        "Individual practitioners (GPs, physiotherapists, self-employed nurses, etc.) are not in the directory and are not counted."
    ),
    "limit.capacity": gettext_noop(
        "A service counts as one whatever its size: nothing is said about capacity, activity, quality or volume of the offer."
    ),
    "limit.extract": gettext_noop(
        "The figures reflect the directory as its sources described it (latest extract: {dates}); services may have opened, closed or moved since."
    ),
    "limit.population": gettext_noop(
        "Rates use the population on {reference_date} ({basis}); they ignore people coming from elsewhere and needs."
    ),
    # provenance headings and lines
    "prov.title": gettext_noop("Provenance and limits"),
    "prov.sources": gettext_noop("Sources"),
    "prov.records": gettext_noop("Records"),
    "prov.excluded": gettext_noop("Excluded from the analysis"),
    "prov.precision": gettext_noop("Location precision"),
    "prov.population": gettext_noop("Population"),
    "prov.limits": gettext_noop("Limits"),
    "prov.source_line": gettext_noop("{label}: {records} records, extracted on {extract_date}"),
    "prov.records_line": gettext_noop(
        "{services} active services of {organizations} organisations, {locations} service locations, {declarations} declared areas served."
    ),
    "prov.excluded_line": gettext_noop("{frame}: {count} — {reason}"),
    "prov.import_excluded_line": gettext_noop("import {source}: {count} not loaded ({reasons})"),
    "prov.nothing_excluded": gettext_noop("No record excluded."),
    "prov.precision_line": gettext_noop("{precision}: {count} service locations"),
    "prov.view_notes": gettext_noop(
        "Duplicate head offices ignored: {duplicate_head_office}. Services given their organisation's head office: {head_office_from_organization}. Services without a head office: {services_without_head_office}; without an activity site: {services_without_site}; without a declared area served: {services_without_area}."
    ),
    "prov.population_line": gettext_noop(
        "{layer}: {source}, on {reference_date} ({basis}; {method})."
    ),
    "prov.no_population": gettext_noop("No population loaded: no rate."),
    "prov.unknown_date": gettext_noop("unknown date"),
    # uncategorised
    "category.(none)": gettext_noop("(no category)"),
}


def pick(entry, lang: str = "fr", **params) -> str:
    """A text in `lang` with `params` filled in: `entry` is an English msgid (translated through the
    catalogues) or, for the tables still written that way, a {"fr": ..., "nl": ..., "en": ...} dict."""
    if isinstance(entry, str):
        return gettext(entry, lang, **params)
    text = entry.get(lang) or entry.get("en") or entry["fr"]
    return text.format(**params) if params else text


def t(key: str, lang: str = "fr", **params) -> str:
    """The text of `key` in `lang` (see `pick`); a key missing from `TEXTS` gives its last part."""
    entry = TEXTS.get(key)
    if entry is None:
        return key.split(".", 1)[-1].format(**params) if params else key.split(".", 1)[-1]
    return pick(entry, lang, **params)


def _missing(value) -> bool:
    return value is None or value is _NA or (isinstance(value, float) and math.isnan(value))


def _formats(lang: str):
    """Django's locale formatting, in `lang`."""
    from django.utils import formats, translation

    return formats, translation.override(lang)


def fmt_int(value, lang: str = "fr") -> str:
    """Whole number with the language's thousands separator (FR narrow no-break space, NL point)."""
    if _missing(value):
        return "–"
    formats, language = _formats(lang)
    with language:
        return formats.number_format(int(round(float(value))), 0, force_grouping=True)


def fmt_dec(value, lang: str = "fr", digits: int = 2) -> str:
    """Decimal number with the language's decimal mark (comma in FR and NL) and grouping."""
    if _missing(value):
        return "–"
    formats, language = _formats(lang)
    # rounded here as Python rounds (Django's number_format truncates the digits it drops)
    rounded = Decimal(f"{float(value):.{digits}f}")
    with language:
        return formats.number_format(rounded, digits, force_grouping=True)


def fmt_pct(value, lang: str = "fr", digits: int = 1) -> str:
    """A share as a percentage ("12,5 %" in FR and NL, "12.5%" in EN)."""
    if _missing(value):
        return "–"
    return fmt_dec(100 * float(value), lang, digits) + ("\u00a0%" if lang in ("fr", "nl") else "%")


def fmt_date(value, lang: str = "fr") -> str:
    """A date in the reader's words ("1 janvier 2024", "1 januari 2024", "Jan. 1, 2024"); a value
    that is no date is given as it is."""
    if _missing(value) or value == "":
        return t("prov.unknown_date", lang)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    formats, language = _formats(lang)
    with language:
        return formats.date_format(value, "DATE_FORMAT")


try:  # pandas' missing value, when pandas is there (it always is for the analysis)
    from pandas import NA as _NA
except ImportError:  # pragma: no cover
    _NA = object()
