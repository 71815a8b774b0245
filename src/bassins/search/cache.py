"""The search engine's answers, kept in Django's cache so that a popular search is ranked once.

`outcome(search_request, lang)` is what the search page and its JSON twin show of a search: the
result as plain data (`service.result_data`), the labels of the category facet and the unmet need
the search shows, if any. It is kept under a key made of
- the normalised request (every field of `engine.Request`, as `service.request_from` read it) and
  the page language;
- the data version (`bassins.web.cache.request_data_version`: territories, population, imports);
- the search index's freshness stamp (`maintain.current()`): it changes with every rebuild or
  patch of the index, so a plain save of a service, which leaves the data version as it was, still
  gives the next search the new name;
- the minute of the Brussels clock when the request names no moment: every result says which hits
  are open and counts those open "now" (the engine works per minute, `engine.open_mask`); a value
  computed across a minute's end is not kept. "Open now" is a moment already, the current minute
  (`service.request_from`), and "open at" (`at=`) is the moment given: both are in the request.

The unmet need (`unmet.Need`) is kept with the result and counted on every request, cached or not.
The key holds nothing of the user and the value is data, not HTML. `anonymous_page` keeps, besides,
the HTML of the page made for an anonymous reader (per URL); a logged-in reader's page is always
rendered for them from the data.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse

from bassins.search import engine, hours, maintain, service, unmet
from bassins.web.cache import PREFIX, by_data_version, request_data_version


@dataclass
class Outcome:
    """A search as the pages show it: plain data, safe to keep in any cache."""

    data: dict  # service.result_data
    labels: dict[str, str]  # category code -> its label in the page language (facets)
    need: unmet.Need | None  # the unmet need to count on every request


def request_of(http_request, lang: str) -> engine.Request:
    """`service.request_from` of a page's parameters, the places of `near` (an address, a postcode:
    the locator reads the postcode table) kept per data version. Raises SearchInputError."""

    def locate(text: str) -> dict:
        return by_data_version(
            "search-near",
            text,
            version=request_data_version(http_request),
            build=lambda: service.locate_near(text),
        )

    return service.request_from(http_request.GET, lang, locate=locate)


def _minute(moment) -> str:
    return moment.replace(second=0, microsecond=0).isoformat(timespec="minutes")


def key_of(
    search_request: engine.Request,
    lang: str,
    data_version: str,
    stamp: str,
    clock: str | None = None,
) -> str:
    """The cache key of a search (see the module docstring)."""
    fields = dataclasses.asdict(search_request)
    parts = (sorted(fields.items()), lang, data_version, stamp, clock)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{PREFIX}:search:{digest}"


@dataclass(frozen=True)
class Slot:
    """Where a search is kept: its key, and the clock minute it depends on (None: no clock)."""

    key: str
    clock: str | None

    def keep(self, key: str, value) -> None:
        """Keep `value` under `key` unless the minute this slot depends on has ended meanwhile."""
        if self.clock is None or _minute(hours.now()) == self.clock:
            cache.set(key, value)


def slot(search_request: engine.Request, lang: str, http_request=None) -> Slot:
    """The slot of a search now: data version, index stamp and, when the request names no moment,
    the current minute."""
    version = request_data_version(http_request) if http_request is not None else _data_version()
    clock = _minute(hours.now()) if search_request.open_at is None else None
    _live, stamp = maintain.current()
    return Slot(key_of(search_request, lang, version, stamp, clock), clock)


def build(result: engine.Result, lang: str) -> Outcome:
    """The outcome of an engine result."""
    concepts = result.concepts
    labels = {}
    if concepts is not None:
        labels = {
            value: concepts.label(value, lang) for value, _n in result.facets.get("category", [])
        }
    return Outcome(service.result_data(result, lang), labels, unmet.need_of(result))


def outcome(
    search_request: engine.Request, lang: str, http_request=None, *, where: Slot | None = None
) -> Outcome:
    """The outcome of `search_request`, from the cache or from the engine; the unmet need it shows
    is counted either way."""
    where = where or slot(search_request, lang, http_request)
    found = cache.get(where.key)
    if found is None:
        found = build(service.run(search_request, count_unmet=False), lang)
        where.keep(where.key, found)
    unmet.count(found.need)
    return found


def anonymous_page(http_request, search_request: engine.Request, lang: str, render):
    """The search page of an anonymous reader: the HTML `render(outcome)` made for the same URL
    (language and bassin site's host included) in the same slot, else rendered and kept. Rendering
    twenty hits costs more than finding them; an anonymous page holds nothing of its reader (no
    form token, no message, no nonce). The unmet need is counted on every request."""
    where = slot(search_request, lang, http_request)
    url = getattr(http_request, "page_variant", "") + http_request.get_full_path()
    key = f"{where.key}:page:{hashlib.sha256(url.encode()).hexdigest()[:24]}"
    stored = cache.get(key)
    if stored is not None:
        content, need = stored
        unmet.count(need)
        return HttpResponse(content)
    found = outcome(search_request, lang, http_request, where=where)
    response = render(found)
    if response.status_code == 200 and not response.streaming:
        where.keep(key, (response.content, found.need))
    return response


def _data_version() -> str:
    from bassins.web.dataversion import data_version

    return data_version()
