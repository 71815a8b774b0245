"""A bassin's site by host name: `BASSINS_SITE_HOSTS = {"bassin-nord.brussels": "N", ...}`.

On a mapped host, /<lang>/ is that bassin's home (`hosturls`); every other URL is the platform's.
The middleware runs before LocaleMiddleware (which reads `request.urlconf`), and tells the page cache
that /fr/ there is not the /fr/ of the portal (`request.page_variant`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from bassins import codes


def site_hosts() -> dict[str, str]:
    """The configured host → bassin code map (host names in lower case), checked."""
    hosts = getattr(settings, "BASSINS_SITE_HOSTS", {}) or {}
    out = {}
    for host, code in hosts.items():
        if code not in codes.BASSIN_CODES:
            raise ImproperlyConfigured(
                f"BASSINS_SITE_HOSTS: {host!r} maps to {code!r}, not a bassin code "
                f"({', '.join(codes.BASSIN_CODES)})"
            )
        out[host.lower().rstrip(".")] = code
    return out


class SiteHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.hosts = site_hosts()

    def __call__(self, request):
        if self.hosts:
            host = request.get_host().split(":")[0].lower().rstrip(".")
            code = self.hosts.get(host)
            if code is not None:
                request.site_bassin = code
                request.urlconf = "bassins.sites.hosturls"
                request.page_variant = f"site-host:{code}"
        return self.get_response(request)
