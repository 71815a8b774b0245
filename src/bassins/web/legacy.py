"""Old URLs (French slugs in every language: /nl/offre/bassin/NE/, /fr/directory/quality/) redirect
permanently to the page's URL in the reader's language."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from bassins.offer.urls import LAYER_SLUGS

OLD_OFFER = re.compile(r"^(?P<layer>bassin|commune)/(?P<tail>[A-Za-z0-9_-]+(?:[/.].*)?)$")
OLD_DIRECTORY = {"quality/": "directory:quality", "quality.csv": "directory:quality_csv"}


def _redirect(request, url: str):
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def offer(request, rest: str = ""):
    if not rest:
        return _redirect(request, reverse("offer:index"))
    match = OLD_OFFER.match(rest)
    if not match:
        raise Http404("no such offer page")
    slug = str(LAYER_SLUGS[match["layer"]])
    return _redirect(request, f"{reverse('offer:index')}{slug}/{match['tail']}")


def directory(request, rest: str = ""):
    if rest not in OLD_DIRECTORY:
        raise Http404("no such directory page")
    return _redirect(request, reverse(OLD_DIRECTORY[rest]))
