"""Helpdesk pages (and their admin pages) are never cached and never indexed; sessions renewed
at most once a minute."""

from __future__ import annotations

import time

from django.conf import settings
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


RENEWED = "_renewed"


class SessionRenewalMiddleware:
    """The session's expiry moved forward (SESSION_COOKIE_AGE from now) when a request comes more
    than BASSINS_SESSION_RENEW_SECONDS after the last renewal, instead of a session write on every
    request (SESSION_SAVE_EVERY_REQUEST): a session still ends after SESSION_COOKIE_AGE without a
    request (at most that many seconds earlier), and a read costs one write (its audit entry) instead
    of two, which on SQLite is one turn fewer at the write lock. Goes after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = getattr(settings, "BASSINS_SESSION_RENEW_SECONDS", 60)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - int(session.get(RENEWED, 0)) >= self.every:
                session[RENEWED] = now  # marks it modified: SessionMiddleware saves it
        return response
