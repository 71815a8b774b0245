"""What every `/api/` response gets: CORS for reading, a rate limit per client, and ETag /
Last-Modified from the data version with 304 answers (and the 200 bodies cached per data version).

- CORS: any origin may read (`Access-Control-Allow-Origin: *`, GET, HEAD and OPTIONS); a preflight
  OPTIONS request is answered here (204).
- Rate limit: `BASSINS_API_RATE_LIMIT` requests (default 600) per `BASSINS_API_RATE_WINDOW` seconds
  (default 60) per client address, counted in Django's cache (fixed windows); past it, 429 with
  `Retry-After` (the seconds until the window ends) and a one-line JSON error.
- Conditional requests: the ETag is the data version and a digest of the URL; `If-None-Match` (or
  `If-Modified-Since`, against the latest change of the data) gives 304 without running the view.
  200 responses (not streamed) are kept in the cache under the data version: nothing needs to be
  invalidated (an import or an edit changes the version). The paths of `registry.LIVE` (data
  outside the data version: the agenda) are answered live, without any of this.
"""

from __future__ import annotations

import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from bassins.api.registry import LIVE
from bassins.web.cache import request_data_version

PREFIX = "/api/"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Disposition",
    "Access-Control-Max-Age": "86400",
}
_last_modified: dict[str, float] = {}


def rate_limit() -> tuple[int, int]:
    """(requests, window in seconds) allowed per client."""
    return (
        int(getattr(settings, "BASSINS_API_RATE_LIMIT", 600)),
        int(getattr(settings, "BASSINS_API_RATE_WINDOW", 60)),
    )


def client_key(request) -> str:
    """The client a request counts against: its address (the first forwarded one behind a proxy
    that `BASSINS_API_TRUST_FORWARDED` says to trust)."""
    if getattr(settings, "BASSINS_API_TRUST_FORWARDED", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")[:64]


def over_limit(request) -> int:
    """0 when the request may go on, else the seconds until the client's window ends."""
    limit, window = rate_limit()
    now = time.time()
    start = int(now // window) * window
    key = f"api-rate:{client_key(request)}:{start}"
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
            count = 1
    if count > limit:
        return max(1, int(start + window - now + 0.999))
    return 0


def data_last_modified(version: str) -> float:
    """The time of the latest change of the data (directory history, import runs, territory
    generations, indicator loads), as a timestamp, once per data version."""
    if version not in _last_modified:
        from django.db.models import Max

        from bassins.directory.models import ImportRun, Metadata
        from bassins.indicators.models import IndicatorLoad
        from bassins.territory.models import Generation

        stamps = [
            Metadata.objects.aggregate(m=Max("last_action_date"))["m"],
            ImportRun.objects.aggregate(m=Max("started_at"))["m"],
            Generation.objects.aggregate(m=Max("created_at"))["m"],
            IndicatorLoad.objects.aggregate(m=Max("loaded_at"))["m"],
        ]
        stamps = [s.timestamp() for s in stamps if s is not None]
        _last_modified[version] = int(max(stamps)) if stamps else 0
    return _last_modified[version]


def error_response(status: int, message: str, **headers) -> HttpResponse:
    """A one-line JSON error (`{"error": message}`); <, > and & written as JSON escapes, so that a
    value quoted from the request is never markup, whatever reads the body."""
    body = json.dumps({"error": message}, ensure_ascii=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        body = body.replace(char, escape)
    response = HttpResponse(
        body,
        status=status,
        content_type="application/json",
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class ApiMiddleware:
    """CORS, rate limit and conditional GET for the paths under /api/ (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            retry = over_limit(request)
            if retry:
                limit, window = rate_limit()
                response = error_response(
                    429,
                    f"too many requests: {limit} per {window} s per client; retry in {retry} s",
                    Retry_After=str(retry),
                )
            elif request.method in ("GET", "HEAD") and not request.path.startswith(LIVE):
                response = self.conditional(request)
            else:
                response = self.get_response(request)
        if response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            # a path no route matches: the API answers JSON, not the site's page
            response = error_response(404, f"no API endpoint at {request.path[:120]}")
        for name, value in CORS.items():
            response[name] = value
        return response

    def conditional(self, request):
        version = request_data_version(request)
        url = request.get_full_path()
        digest = hashlib.sha256(url.encode()).hexdigest()[:24]
        etag = f'"{version}-{digest[:8]}"'
        modified = data_last_modified(version)
        headers = {"ETag": etag, "Last-Modified": http_date(modified)}
        matches = request.headers.get("If-None-Match")
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if (matches is not None and etag in [t.strip() for t in matches.split(",")]) or (
            matches is None and since is not None and modified <= since
        ):
            response = HttpResponseNotModified()
            for name, value in headers.items():
                response[name] = value
            return response
        key = f"bassins:api:{version}:{digest}"
        stored = cache.get(key)
        if stored is None:
            response = self.get_response(request)
            if response.status_code != 200 or response.streaming:
                return response
            stored = (response.content, dict(response.items()))
            cache.set(key, stored)
        content, stored_headers = stored
        response = HttpResponse(content)
        for name, value in stored_headers.items():
            response[name] = value
        for name, value in headers.items():
            response[name] = value
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        return response
