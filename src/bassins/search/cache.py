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
The key holds nothing of the user and the value is data, not HTML: each page is rendered for its
own reader (a logged-in responder's menu is never served to someone else).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from bassins.search import engine, hours, maintain, service, unmet
from bassins.web.cache import PREFIX, request_data_version


@dataclass
class Outcome:
    """A search as the pages show it: plain data, safe to keep in any cache."""

    data: dict  # service.result_data
    labels: dict[str, str]  # category code -> its label in the page language (facets)
    need: unmet.Need | None  # the unmet need to count on every request


def _minute(moment) -> str:
    return moment.replace(second=0, microsecond=0).isoformat(timespec="minutes")


def key_of(search_request: engine.Request, lang: str, data_version: str, stamp: str) -> str:
    """The cache key of a search (see the module docstring)."""
    fields = dataclasses.asdict(search_request)
    parts = (sorted(fields.items()), lang, data_version, stamp)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{PREFIX}:search:{digest}"


def build(result: engine.Result, lang: str) -> Outcome:
    """The outcome of an engine result."""
    concepts = result.concepts
    labels = {}
    if concepts is not None:
        labels = {
            value: concepts.label(value, lang) for value, _n in result.facets.get("category", [])
        }
    return Outcome(service.result_data(result, lang), labels, unmet.need_of(result))


def outcome(search_request: engine.Request, lang: str, http_request=None) -> Outcome:
    """The outcome of `search_request`, from the cache or from the engine; the unmet need it shows
    is counted either way."""
    version = request_data_version(http_request) if http_request is not None else _data_version()
    clock = None
    if search_request.open_at is None:
        clock = _minute(hours.now())
    _live, stamp = maintain.current()
    key = key_of(search_request, lang, version, stamp) + (f":{clock}" if clock else "")
    found = cache.get(key)
    if found is None:
        found = build(service.run(search_request, count_unmet=False), lang)
        if clock is None or _minute(hours.now()) == clock:
            cache.set(key, found)
    unmet.count(found.need)
    return found


def _data_version() -> str:
    from bassins.web.dataversion import data_version

    return data_version()
