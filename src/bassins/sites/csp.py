"""The Content Security Policy middleware (django-csp) with one exception, for the admin only: the
rich-text editor (Trix) adds <style> elements of its own, so admin pages allow inline STYLES
(`style-src 'self' 'unsafe-inline'`). Scripts stay 'self' everywhere, and the public pages keep the
strict policy of settings.CONTENT_SECURITY_POLICY (no inline script or style at all)."""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts
