"""The bassins' websites: a bassin's home, its news and pages, its map layers, the regional page.

Thin views: the territory and figures come from `bassins.sites.territory` (cached per data version),
the editable content from `bassins.sites.content`, the other modules' blocks through the parts
registry (`bassins.sites.parts`).
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from bassins import codes
from bassins.agenda import links as agenda_links
from bassins.errors import DataNotLoadedError
from bassins.offer import dashboard as offer_dashboard
from bassins.portal.context import lang_code
from bassins.sites import content, parts, territory
from bassins.sites.models import News, Page
from bassins.sites.stamp import content_stamp
from bassins.web.cache import cached_for_anonymous, cached_page


def with_bassin(view):
    """Resolve the <slug> of the URL to a bassin code: unknown slug 404; a slug of another language
    redirects (301) to this language's."""

    @functools.wraps(view)
    def wrapped(request, slug: str, **kwargs):
        found = codes.bassin_from_slug(slug)
        if found is None:
            raise Http404("no such bassin")
        code = found[0]
        own = codes.bassin_slug(code, lang_code())
        if slug != own:
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": own})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        return view(request, code, **kwargs)

    return wrapped


def site_url(code: str, lang: str | None = None) -> str:
    """The home of bassin `code`'s site in `lang` (the current language by default)."""
    lang = lang or lang_code()
    with translation.override(lang):
        return reverse("sites:bassin", kwargs={"slug": codes.bassin_slug(code, lang)})


def language_links(request, code: str, **kwargs) -> list[dict]:
    """The language switcher's links to this page, with the bassin's slug of each language."""
    name = request.resolver_match.view_name
    current = lang_code()
    links = []
    for lang, label in settings.LANGUAGES:
        with translation.override(lang):
            url = reverse(name, kwargs={**kwargs, "slug": codes.bassin_slug(code, lang)})
        links.append({"code": lang, "name": label, "url": url, "current": lang == current})
    return links


def _render_part(request, part: dict) -> dict:
    if part.get("date"):
        try:
            part = {**part, "date_text": date_format(dt.date.fromisoformat(str(part["date"])[:10]))}
        except ValueError:
            part = {**part, "date_text": str(part["date"])}
    if part["available"]:
        fragment = render_to_string(
            part["template"],
            {**part["context"], "context": part["context"], "part": part},
            request=request,
        )
        part = {**part, "html": mark_safe(fragment)}  # noqa: S308 (a template's own output)
    return part


def _site_context(request, code: str, lang: str) -> dict:
    row = territory.bassin_row(code, lang)
    slug = codes.bassin_slug(code, lang)
    return {
        "bassin": row,
        "code": code,
        "site_home": site_url(code),
        "site_pages": [
            {
                "title": page.title(lang),
                "url": reverse("sites:page", kwargs={"slug": slug, "page": page.slug}),
            }
            for page in content.pages(code)
        ],
        "news_url": reverse("sites:news", kwargs={"slug": slug}),
        "agenda_url": agenda_links.url("bassin", code, lang),
        "helpdesk": content.helpdesk_line(code, lang, row.get("helpdesk_phone") or ""),
    }


@with_bassin
def bassin_home(request, code: str):
    return home(request, code)


@cached_for_anonymous(seconds=60, stamp=content_stamp)
def home(request, code: str):
    """The home of bassin `code` (by path, or at /<lang>/ on a host of BASSINS_SITE_HOSTS). An
    anonymous reader's page is kept per data version and content stamp (an editor's news, page, team
    or event shows at once) for a minute at most (upcoming events move with the clock, the helpdesk
    counts with each case)."""
    lang = lang_code()
    try:
        context = _site_context(request, code, lang)
    except DataNotLoadedError:
        return render(request, "sites/not_loaded.html", status=503)
    slug = codes.bassin_slug(code, lang)
    search = reverse("search:page")
    context.update(
        figures=territory.key_figures(code, lang),
        quartiers=territory.quartiers(code, lang),
        map_points=territory.map_data(code)["points"],
        map_url=reverse("sites:map", kwargs={"slug": slug}),
        team=content.team(code, lang),
        news=_news_items(content.news(code, limit=3), slug, lang),
        dashboard=[_render_part(request, p) for p in parts.dashboard(request, code)],
        attention=_render_part(request, parts.block("attention", request, code)),
        agenda=_render_part(request, parts.block("agenda", request, code)),
        working_groups=_render_part(request, parts.block("working_groups", request, code)),
        directory_url=f"{search}?bassin={code}",
        search_url=search,
        bassin_offer_url=reverse("offer:bassin", kwargs={"code": code}),
        regional_url=reverse("sites:regional"),
        language_links=language_links(request, code)
        if request.resolver_match.view_name == "sites:bassin"
        else None,
    )
    # helpdesk requests among the key figures when the requests part publishes their count
    requests = context["dashboard"][3]
    if requests["available"] and isinstance(requests["context"].get("requests"), int):
        context["requests_figure"] = {
            "count": requests["context"]["requests"],
            "first_month": requests["context"].get("first_month", ""),
            "last_month": requests["context"].get("last_month", ""),
        }
    if context["language_links"] is None:
        context.pop("language_links")
    return render(request, "sites/home.html", context)


def host_home(request):
    """/<lang>/ on a host that BASSINS_SITE_HOSTS maps to a bassin: that bassin's home."""
    return home(request, request.site_bassin)


@with_bassin
@cached_page
def bassin_map(request, code: str):
    try:
        body = territory.map_data(code)["geojson"]
    except DataNotLoadedError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


@with_bassin
def news_list(request, code: str):
    lang = lang_code()
    try:
        context = _site_context(request, code, lang)
    except DataNotLoadedError:
        return render(request, "sites/not_loaded.html", status=503)
    slug = codes.bassin_slug(code, lang)
    context.update(
        items=_news_items(content.news(code), slug, lang),
        language_links=language_links(request, code),
    )
    return render(request, "sites/news_list.html", context)


def _news_items(items, slug: str, lang: str) -> list[dict]:
    return [
        {
            "title": item.title(lang),
            "summary": item.summary(lang),
            "date": item.published_at,
            "url": reverse("sites:news-detail", kwargs={"slug": slug, "pk": item.pk}),
        }
        for item in items
    ]


@with_bassin
def news_detail(request, code: str, pk: int):
    item = get_object_or_404(News.objects.published(), bassin=code, pk=pk)
    return _content_page(request, code, item, "sites/news_detail.html", pk=pk)


@with_bassin
def page_detail(request, code: str, page: str):
    item = get_object_or_404(Page.objects.published(), bassin=code, slug=page)
    return _content_page(request, code, item, "sites/page.html", page=page)


def _content_page(request, code: str, item, template: str, **kwargs):
    lang = lang_code()
    try:
        context = _site_context(request, code, lang)
    except DataNotLoadedError:
        return render(request, "sites/not_loaded.html", status=503)
    version = item.version_language(lang)
    context.update(
        item=item,
        title=item.title(lang),
        body=item.body(lang),
        image_alt=item.image_alt(lang),
        version_lang=version,
        other_language=version != lang,
        language_links=language_links(request, code, **kwargs),
    )
    return render(request, template, context)


@cached_page
def regional(request):
    """The five bassins side by side: figures, maps, offer; indicators when their module exists."""
    lang = lang_code()
    try:
        rows = []
        for code in codes.BASSIN_CODES:
            row = territory.bassin_row(code, lang)
            rows.append(
                {
                    **row,
                    "site_url": site_url(code),
                    "figures": territory.key_figures(code, lang),
                    "map_url": reverse("sites:map", kwargs={"slug": codes.bassin_slug(code, lang)}),
                }
            )
    except DataNotLoadedError:
        return render(request, "sites/not_loaded.html", status=503)
    rows.sort(key=lambda row: row["name"])
    offer_rows, region_row = [], None
    try:
        for row in rows:
            summary = offer_dashboard.offer_summary(row["code"], lang)
            if summary is not None:
                offer_rows.append({**summary["rows"][0], "site_url": row["site_url"]})
                region_row = summary["rows"][1]
    except DataNotLoadedError:
        offer_rows = []
    needs = [
        {"row": row, "part": parts.render(parts.REGISTRY["needs"], request, row["code"])}
        for row in rows
    ]
    return render(
        request,
        "sites/regional.html",
        {
            "rows": rows,
            "offer_rows": offer_rows,
            "region_row": region_row,
            "needs": needs,
            "needs_available": any(item["part"]["available"] for item in needs),
        },
    )
