"""Thin views over `bassins.access.report` and `bassins.access.suggestions`: the bassin page, its
`.json` twin, CSV and GeoJSON downloads, the suggestions' JSON, CSV and GeoJSON (cached per data
version), and the scenario endpoint (computes, stores nothing)."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bassins.access import against, data, report, suggestions
from bassins.codes import BASSIN_CODES, bassin_from_slug, bassin_slug
from bassins.errors import DataNotLoadedError, InputError
from bassins.portal.context import lang_code
from bassins.web.cache import cached_page

#: How many new sites the page suggests (`?k=` asks for another number).
PAGE_K = 3
CSV_COLUMNS = [
    "code",
    "name",
    "population",
    "people_beyond",
    "share_beyond",
    "minutes",
    "e2sfca",
    "under_served",
]


def index(request):
    """/<lang>/accessibilite/: what the pages measure and a link to each bassin's page."""
    from bassins.portal.areas import area_names

    lang = lang_code()
    try:
        names = area_names("bassin", lang)
    except DataNotLoadedError:
        names = {}
    bassins = [
        {
            "name": names.get(code, code),
            "url": reverse("access:bassin", kwargs={"slug": bassin_slug(code, lang)}),
        }
        for code in BASSIN_CODES
    ]
    return render(request, "access/index.html", {"bassins": bassins})


def _params(request, slug):
    found = bassin_from_slug(slug)
    if found is None:
        raise Http404("no such bassin")
    try:
        minutes = float(request.GET.get("minutes", 10))
    except ValueError as error:
        raise InputError("minutes must be a number") from error
    key = request.GET.get("category", "pharmacy")
    group = request.GET.get("group", "total")
    report.check(found[0], key, minutes, group)
    return found[0], key, minutes, group


def _build(request, slug):
    code, key, minutes, group = _params(request, slug)
    against_id = request.GET.get("against") or None
    return report.build(code, key, minutes, group, lang_code(), against=against_id)


def _suggestions(request, slug):
    """The bassin's suggestions (its candidates, its people) for the page's parameters and `k`."""
    code, key, minutes, group = _params(request, slug)
    try:
        k = int(request.GET.get("k", PAGE_K))
    except ValueError as error:
        raise InputError("k must be a whole number") from error
    given = request.GET.get("candidates")
    candidates = suggestions.parse_candidates(given) if given is not None else None
    return suggestions.build(key, minutes, group, k, bassin=code, candidates=candidates)


def _error(error, status):
    return HttpResponse(str(error), status=status, content_type="text/plain; charset=utf-8")


@cached_page
def page(request, slug):
    try:
        context = _build(request, slug)
    except InputError as error:
        return _error(error, 400)
    except DataNotLoadedError as error:
        return _error(error, 503)
    lang = lang_code()
    context["other_bassins"] = [
        {"code": c, "url": reverse("access:bassin", kwargs={"slug": bassin_slug(c, lang)})}
        for c in BASSIN_CODES
    ]
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    context["json_url"] = reverse("access:bassin-json", kwargs={"slug": slug}) + suffix
    context["csv_url"] = reverse("access:bassin-csv", kwargs={"slug": slug}) + suffix
    context["geojson_url"] = reverse("access:bassin-geojson", kwargs={"slug": slug}) + suffix
    context["scenario_url"] = reverse("access:scenario")
    for fmt in ("json", "csv", "geojson"):
        context[f"suggestions_{fmt}_url"] = (
            reverse(f"access:suggestions-{fmt}", kwargs={"slug": slug}) + suffix
        )
    try:
        found = _suggestions(request, slug)
    except InputError as error:
        if "k" in request.GET:
            return _error(error, 400)
        # e.g. costs on a walking network (the optimisation needs straight-line costs): the page
        # stays, the section says why it has no suggestions
        found = {"provenance": {}, "totals": {}, "suggestions": [], "error": str(error)}
    context["suggestions"] = {**found, "rows": suggestions.localised(found, lang)}
    context["against_choices"] = against.choices(lang)
    context["categories"] = [
        {"key": k, "label": v["labels"].get(lang, v["labels"]["en"])}
        for k, v in data.categories().items()
    ]
    context["map_data"] = {
        "sectors": report.sectors_geojson(context),
        "sites": report.sites_geojson(context),
        "suggestions": suggestions.to_geojson(found),
        "minutes": context["minutes"],
    }
    context["sites_in_list"] = sorted(
        (s for s in context["sites"] if s["near_bassin"]), key=lambda s: s["name"]
    )
    # the scenario's sector list: most under-served first
    context["sectors_by_need"] = sorted(
        context["sectors"], key=lambda s: (-(s["people_beyond"] or 0), s["name"])
    )
    return render(request, "access/bassin.html", context)


@cached_page
def page_json(request, slug):
    try:
        body = _build(request, slug)
        try:
            body["suggestions"] = _suggestions(request, slug)
        except InputError as error:
            if "k" in request.GET:
                raise
            body["suggestions"] = {"error": str(error)}  # as on the page
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    except InputError as error:
        return JsonResponse({"error": str(error)}, status=400)
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)


@cached_page
def page_csv(request, slug):
    try:
        built = _build(request, slug)
    except (InputError, DataNotLoadedError) as error:
        return _error(error, 400 if isinstance(error, InputError) else 503)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(built["sectors"])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-{built["bassin"]}-{built["category"]}.csv"'
    )
    return response


@cached_page
def page_geojson(request, slug):
    try:
        built = _build(request, slug)
    except (InputError, DataNotLoadedError) as error:
        return _error(error, 400 if isinstance(error, InputError) else 503)
    body = json.dumps(report.sectors_geojson(built), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-{built["bassin"]}-{built["category"]}.geojson"'
    )
    return response


def _suggestions_download(request, slug, fmt):
    try:
        found = _suggestions(request, slug)
    except (InputError, DataNotLoadedError) as error:
        return _error(error, 400 if isinstance(error, InputError) else 503)
    if fmt == "json":
        body, content_type = suggestions.to_json(found), "application/json"
    elif fmt == "geojson":
        body = json.dumps(suggestions.to_geojson(found), ensure_ascii=False)
        content_type = "application/geo+json"
    else:
        body, content_type = suggestions.to_csv(found), "text/csv"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    p = found["provenance"]
    if fmt != "json":
        response["Content-Disposition"] = (
            f'attachment; filename="suggestions-{p["bassin"]}-{p["category"]}.{fmt}"'
        )
    return response


@cached_page
def suggestions_json(request, slug):
    return _suggestions_download(request, slug, "json")


@cached_page
def suggestions_csv(request, slug):
    return _suggestions_download(request, slug, "csv")


@cached_page
def suggestions_geojson(request, slug):
    return _suggestions_download(request, slug, "geojson")


@csrf_exempt  # a computation on public data: it changes and stores nothing
@require_POST
def scenario_json(request):
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise InputError("the body must be a JSON object")
        out = report.scenario(
            str(body.get("bassin", "")),
            str(body.get("category", "pharmacy")),
            float(body.get("minutes", 10)),
            str(body.get("group", "total")),
            body.get("edits", []),
        )
    except (TypeError, ValueError, InputError) as error:
        return JsonResponse({"error": str(error)}, status=400)
    except DataNotLoadedError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return JsonResponse(out)
