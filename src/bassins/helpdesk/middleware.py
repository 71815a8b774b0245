"""Helpdesk pages (and their admin pages) are never cached and never indexed."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = ("/admin/helpdesk/", "/admin/otp_totp/", "/admin/axes/")


def is_private(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None and "helpdesk" in (match.namespaces or []):
        return True
    return request.path.startswith(PRIVATE_PREFIXES)


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store...
            response["Cache-Control"] += ", private"
            response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        return response
