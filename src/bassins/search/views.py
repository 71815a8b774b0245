"""Search pages (/fr/recherche/, /nl/zoeken/, /en/search/) and their JSON twins. Thin: the work is
in bassins.search.service and bassins.search.engine."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from bassins.portal.context import lang_code
from bassins.search import cache as search_cache
from bassins.search import service

FACET_PARAMS = {
    "category": "category",
    "bassin": "bassin",
    "commune": "commune",
    "language": "language",
}


def _toggle(params, name: str, value: str) -> str:
    """Query string with `name=value` added, or removed when present (datasette's facet toggle)."""
    pairs = [(k, v) for k, v in params.lists() for v in v]
    present = (name, value) in pairs
    pairs = [(k, v) for k, v in pairs if k != "page" and (k, v) != (name, value)]
    if not present:
        pairs.append((name, value))
    return "?" + urlencode(pairs)


def _search(request):
    """(language, outcome or None, error): the outcome from bassins.search.cache."""
    lang = lang_code()
    try:
        search_request = search_cache.request_of(request, lang)
    except service.SearchInputError as exc:
        return lang, None, str(exc)
    return lang, search_cache.outcome(search_request, lang, request), None


def search_json(request):
    lang, outcome, error = _search(request)
    if error:
        return JsonResponse({"error": error}, status=400)
    return JsonResponse(outcome.data, json_dumps_params={"ensure_ascii": False})


def search_page(request):
    lang = lang_code()
    try:
        search_request = search_cache.request_of(request, lang)
    except service.SearchInputError as exc:
        return _page(request, lang, None, str(exc))
    if not request.user.is_authenticated:
        return search_cache.anonymous_page(
            request, search_request, lang, lambda outcome: _page(request, lang, outcome, None)
        )
    return _page(request, lang, search_cache.outcome(search_request, lang, request), None)


def _page(request, lang: str, outcome, error: str | None):
    """The page of `outcome` (None with the error that kept the search from running)."""
    context = {"error": error, "params": request.GET, "q": request.GET.get("q", "")[:500]}
    if outcome is not None:
        data = outcome.data
        facets = []
        titles = {
            "category": _("Category"),
            "bassin": _("Bassin"),
            "commune": _("Commune"),
            "language": _("Language spoken"),
        }
        labels = {
            "category": outcome.labels,
            "bassin": dict(_bassins(lang)),
            "commune": dict(_communes(lang)),
        }
        for name, param in FACET_PARAMS.items():
            chosen = set(request.GET.getlist(param))
            values = []
            for value, count in data["facets"].get(name, [])[:15]:
                if name == "language":
                    label = _language_name(value)
                else:
                    label = labels[name].get(value, value)
                values.append(
                    {
                        "label": label,
                        "count": count,
                        "url": _toggle(request.GET, param, value),
                        "selected": value in chosen,
                    }
                )
            facets.append({"name": name, "title": titles[name], "values": values})
        open_count = data["facets"].get("open_now", [["1", 0]])[0][1]
        context.update(
            data=data,
            facets=facets,
            open_toggle={
                "url": _toggle(request.GET, "open_now", "1"),
                "selected": request.GET.get("open_now") == "1",
                "count": open_count,
            },
            json_url=reverse("search:json") + "?" + request.GET.urlencode(),
            previous_url=_page_url(request.GET, data["page"] - 1) if data["page"] > 1 else None,
            next_url=_page_url(request.GET, data["page"] + 1)
            if data["page"] < data["pages"]
            else None,
            bassins=_bassins(lang),
        )
    else:
        context.update(bassins=_bassins(lang))
    status = 400 if error else 200
    return render(request, "search/search.html", context, status=status)


def _page_url(params, page: int) -> str:
    copy = params.copy()
    copy["page"] = str(page)
    return "?" + copy.urlencode()


def _bassins(lang: str) -> list[tuple[str, str]]:
    return _area_names("bassin", lang)


def _communes(lang: str) -> list[tuple[str, str]]:
    return _area_names("commune", lang)


def _area_names(layer: str, lang: str) -> list[tuple[str, str]]:
    """(code, name in `lang`) of the areas of `layer`; none while the territories are not loaded."""
    from bassins.errors import DataNotLoadedError
    from bassins.portal.areas import area_names

    try:
        return list(area_names(layer, lang).items())
    except DataNotLoadedError:
        return []


def _language_name(code: str) -> str:
    """The name of a spoken language in the page's language (Django's names), else its code."""
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
