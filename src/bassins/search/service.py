"""Search requests from web or command-line parameters, and hits as plain data (the JSON twin).

`request_from(params, lang)` validates every parameter and raises `SearchInputError` naming the
parameter and the value it refused; `run(request)` searches the live index and counts unmet needs;
`hit_data(hit, lang)` is what a page, the JSON twin and the command line show of a hit.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from bassins.errors import BassinsError, DataNotLoadedError
from bassins.search import engine, maintain, unmet
from bassins.search.documents import _centres
from bassins.search.text import LANGUAGES

MAX_RADIUS_KM = 50.0
FLAGS = ("free", "wheelchair", "open_now")
_POSTCODE = re.compile(r"\b(1[0-2]\d\d)\b")


class SearchInputError(BassinsError):
    """A search parameter that cannot be read."""


def _float(params, name, low, high):
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        raise SearchInputError(f"parameter {name}: not a number: {str(value)[:40]!r}") from None
    if not (low <= number <= high):
        raise SearchInputError(f"parameter {name}: {number:g} is outside {low:g}..{high:g}")
    return number


def _code(params, name, pattern=r"^[0-9A-Za-z_.-]{1,40}$"):
    value = (params.get(name) or "").strip()
    if not value:
        return None
    if not re.match(pattern, value):
        raise SearchInputError(f"parameter {name}: not a code: {value[:40]!r}")
    return value


def _flag(params, name) -> bool:
    return str(params.get(name) or "").lower() in ("1", "true", "on", "yes", "oui", "ja")


def locate_near(text: str) -> dict:
    """An address, a postcode or a commune name -> commune, bassin and a point (the commune's
    centre: the locator places addresses by postcode and commune)."""
    from bassins.territory import store

    match = _POSTCODE.search(text)
    postcode = match.group(1) if match else None
    commune_name = text[match.end() :].strip(" ,") if match else text.split(",")[-1].strip()
    try:
        found = store.locate_addresses([postcode], [commune_name or None]).iloc[0].to_dict()
    except DataNotLoadedError as error:
        raise SearchInputError(f"parameter near: {error}") from None
    commune = found.get("commune")
    if not commune:
        raise SearchInputError(f"parameter near: no Brussels commune found in {text[:80]!r}")
    point = _centres().get(commune)
    return {
        "commune": commune,
        "bassin": found.get("bassin") or None,
        "point": point,
        "precision": found.get("precision") or "commune",
    }


def bassin_of_commune(commune: str) -> str | None:
    """The bassin of a commune lying in one bassin (None for Bruxelles-Ville, split among three,
    or when the territories are not loaded)."""
    from bassins.territory.store import active_generation

    try:
        key = active_generation().pk
    except DataNotLoadedError:
        return None
    return _commune_bassins(key).get(commune)


@lru_cache(maxsize=4)
def _commune_bassins(generation_key) -> dict[str, str]:
    from bassins.territory.store import membership

    frame = membership().dropna(subset=["commune", "bassin"])
    found = frame.groupby("commune")["bassin"].unique()
    return {str(commune): str(values[0]) for commune, values in found.items() if len(values) == 1}


def request_from(params, lang: str | None = None, *, locate=None) -> engine.Request:
    """A validated engine.Request from a mapping of parameters (see the module docstring).
    `locate(text)` places the `near` parameter (`locate_near` by default; the pages keep its
    answers per data version, bassins.search.cache)."""
    q = str(params.get("q") or "")
    query_lang = params.get("lang")  # the page language is not the query's: detected
    if query_lang not in LANGUAGES:
        query_lang = None
    categories = tuple(
        value
        for value in (
            params.getlist("category") if hasattr(params, "getlist") else [params.get("category")]
        )
        if value
    )
    for value in categories:
        if not re.match(r"^[a-z0-9_.]{1,200}$", value):
            raise SearchInputError(f"parameter category: not a category code: {value[:40]!r}")
    languages = tuple(
        value.lower()
        for value in (
            params.getlist("language") if hasattr(params, "getlist") else [params.get("language")]
        )
        if value
    )
    for value in languages:
        if not re.match(r"^[a-z]{2,3}$", value):
            raise SearchInputError(f"parameter language: not a language code: {value[:10]!r}")
    request = engine.Request(
        q=q,
        lang=query_lang,
        categories=categories,
        bassin=_code(params, "bassin"),
        commune=_code(params, "commune"),
        monitoring=_code(params, "monitoring"),
        languages=languages,
        public=(str(params.get("public") or "")[:100] or None),
        age=_float(params, "age", 0, 120),
        free=_flag(params, "free"),
        wheelchair=_flag(params, "wheelchair"),
        radius_km=_float(params, "radius", 0.05, MAX_RADIUS_KM),
    )
    lat, lon = _float(params, "lat", 50.6, 51.0), _float(params, "lon", 4.1, 4.6)
    if (lat is None) != (lon is None):
        raise SearchInputError("parameters lat and lon: give both or neither")
    near = str(params.get("near") or "").strip()[:200]
    if lat is not None:
        request.near = (lat, lon)
    elif near:
        found = (locate or locate_near)(near)
        request.person_commune, request.person_bassin = found["commune"], found["bassin"]
        request.near = found["point"]
    if request.person_commune is None and request.commune:
        request.person_commune = request.commune
    if request.person_bassin is None and request.bassin:
        request.person_bassin = request.bassin
    if request.person_bassin is None and request.person_commune:
        request.person_bassin = bassin_of_commune(request.person_commune)
    if request.radius_km is not None and request.near is None:
        raise SearchInputError("parameter radius: needs near (an address or a postcode) or lat/lon")
    at = str(params.get("at") or "").strip()
    if at:
        try:
            request.open_at = dt.datetime.fromisoformat(at[:19]).replace(tzinfo=None)
        except ValueError:
            raise SearchInputError(
                f"parameter at: not a date and time (YYYY-MM-DDTHH:MM): {at[:30]!r}"
            ) from None
    elif _flag(params, "open_now"):
        from bassins.search.hours import now

        # schedules are written to the minute: the same request all minute long (bassins.search.cache)
        request.open_at = now().replace(second=0, microsecond=0)
    try:
        request.page = max(1, min(int(params.get("page") or 1), 10_000))
        request.per_page = max(1, min(int(params.get("per_page") or 20), 100))
    except ValueError:
        raise SearchInputError("parameters page and per_page: whole numbers") from None
    return request


def run(request: engine.Request, *, count_unmet: bool = True) -> engine.Result:
    """Search the live index; count the search when it met no answer."""
    result = engine.search(maintain.live_index(), request)
    if count_unmet:
        unmet.record(result)
    return result


def hit_data(hit: engine.Hit, lang: str, concepts=None) -> dict:
    """A hit as plain data (what the page, the JSON twin and the command line show)."""
    doc = hit.doc
    display = doc.display
    why = dict(hit.why)
    if concepts is not None:
        why["category_label"] = concepts.label(doc.primary, lang) if doc.primary else ""
        for synonym in why.get("synonyms", []):
            synonym["category_label"] = concepts.label(synonym["category"], lang)
    return {
        "id": doc.id,
        "service_id": doc.service_id,
        "name": display.get(f"name_{lang}") or display.get("name_fr"),
        "organization": display.get("organization"),
        "address": display.get("address"),
        "postcode": display.get("postcode"),
        "city": display.get("city"),
        "commune": doc.commune,
        "bassin": doc.bassin,
        "phones": display.get("phones", []),
        "email": display.get("email"),
        "website": display.get("website"),
        "languages": list(doc.languages),
        "eligibility": display.get(f"eligibility_{lang}") or display.get("eligibility_fr"),
        "hours_text": display.get("hours_text"),
        "hours": display.get("hsds_hours", []),
        "hours_known": doc.hours_known,
        "open": hit.open_at,
        "status": doc.status,
        "category": doc.primary,
        "lat": doc.lat,
        "lon": doc.lon,
        "point_exact": doc.exact_point,
        "distance_km": None if hit.distance_km is None else round(hit.distance_km, 2),
        "score": round(hit.score, 4),
        "why": why,
    }


def result_data(result: engine.Result, lang: str) -> dict:
    """The result as JSON-safe data: query read, words, concepts, pages, facets and hits."""
    concepts = result.concepts
    return {
        "query": result.request.q[:500],
        "language": result.plan.lang,
        "language_detected": result.plan.detected,
        "words": [
            {"typed": w.typed, "read_as": w.read_as, "corrected": w.corrected}
            for w in result.plan.words
        ],
        "concepts": [
            {"query": c.query_text, "phrase": c.phrase, "categories": list(c.codes)}
            for c in result.plan.concepts
        ],
        "total": result.total,
        "page": result.request.page,
        "pages": result.pages,
        "messages": result.messages,
        "facets": {name: [[v, n] for v, n in values] for name, values in result.facets.items()},
        "hits": [hit_data(hit, lang, concepts) for hit in result.hits],
    }
