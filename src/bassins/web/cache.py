"""What only changes with the data, served from Django's cache under the data version.

- `by_data_version(name, *parts, build=...)`: a value (an analysis, a PDF, a JSON body) built once per
  data version and set of `parts` (layer, code, language...).
- `@cached_page`: a public GET view whose response depends only on its URL (language included) and
  the data; 200 responses are kept per data version, with an ETag (a reader's browser revalidates and
  gets 304 Not Modified while the data are the same).
- `@cached_for_anonymous(seconds)`: a page that also shows what editors change without touching the
  data version (news, agenda, published helpdesk counts) or what the clock moves (upcoming events):
  an anonymous reader's 200 response is kept per data version, URL, host and time slot of `seconds`,
  so such a change reaches anonymous readers within `seconds`; a logged-in reader (an editor checking
  their change) always gets a page rendered for them.

No invalidation is needed: an import or an admin edit changes the data version
(`bassins.web.dataversion`), so the next request builds afresh; old entries age out of the cache.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from bassins.web.dataversion import data_version

PREFIX = "bassins"


def request_data_version(request) -> str:
    """The data version, computed once per request."""
    version = getattr(request, "_bassins_data_version", None)
    if version is None:
        version = data_version()
        request._bassins_data_version = version
    return version


def by_data_version(name: str, *parts, build, version: str | None = None):
    """The value of `build()`, cached under (name, parts, data version)."""
    version = version or data_version()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    key = f"{PREFIX}:{name}:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value)
    return value


def cached_page(view):
    """Cache a public GET view's 200 responses per URL and data version (see the module docstring)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        version = request_data_version(request)
        # a host serving a bassin's site has its own /fr/ (bassins.sites.hosts sets the variant)
        url = getattr(request, "page_variant", "") + request.get_full_path()
        digest = hashlib.sha256(url.encode()).hexdigest()[:24]
        key = f"{PREFIX}:page:{version}:{digest}"
        etag = f'"{version}-{digest[:8]}"'
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            stored = (
                response.content,
                response.status_code,
                {name: value for name, value in response.items()},
            )
            cache.set(key, stored)
        content, status, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    return wrapped


def _clock() -> float:
    """The wall clock of the time slots (a function of its own: tests move it)."""
    return time.time()


def cached_for_anonymous(seconds: int = 60, stamp=None):
    """Cache an anonymous reader's 200 GET responses per data version, URL, host and time slot of
    `seconds` (see the module docstring); `stamp`, a function, adds a key of what editors change
    (`bassins.sites.stamp.content_stamp`), so their change shows at once."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = getattr(request, "user", None)
            if request.method not in ("GET", "HEAD") or (
                user is not None and user.is_authenticated
            ):
                return view(request, *args, **kwargs)
            slot = int(_clock() // seconds)
            url = "|".join(
                (getattr(request, "page_variant", ""), request.get_host(), request.get_full_path())
            )
            digest = hashlib.sha256(url.encode()).hexdigest()[:24]
            extra = stamp() if stamp is not None else ""
            version = request_data_version(request)
            key = f"{PREFIX}:anonymous:{version}:{extra}:{seconds}:{slot}:{digest}"
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                stored = (response.content, {name: value for name, value in response.items()})
                cache.set(key, stored, timeout=2 * seconds)
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            patch_cache_control(response, private=True, max_age=0)
            return response

        return wrapped

    return decorate
