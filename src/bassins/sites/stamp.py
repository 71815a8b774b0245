"""The CONTENT STAMP of the bassin sites: one key that changes when a coordination team publishes,
edits or deletes what a bassin's home shows (site settings, pages, news, team, events).

`bassins.web.cache.cached_for_anonymous` puts it in the key of an anonymous reader's page, so such a
change shows on the next request instead of at the end of the page's time slot. What it does not hold
moves within the slot: the clock (upcoming events, a news item whose publication time comes), a team
member's edit that keeps their count, the helpdesk's statistics.

One SQL statement of indexed aggregates, the same on SQLite and PostgreSQL (like the data version).
"""

from __future__ import annotations

import hashlib


def content_stamp() -> str:
    """The stamp: a short digest of counts, latest keys and latest edit times (see above)."""
    from django.db import connection

    from bassins.agenda.models import Event
    from bassins.sites.models import BassinSite, News, Page, TeamMember

    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    parts = []
    for model, changed in (
        (BassinSite, "updated_at"),
        (Page, "updated_at"),
        (News, "updated_at"),
        (Event, "modified"),
        (TeamMember, None),
    ):
        parts.append(f"(SELECT COUNT(*) FROM {table(model)})")
        parts.append(f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {table(model)})")
        if changed:
            parts.append(f"(SELECT MAX({quote(changed)}) FROM {table(model)})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        values = cursor.fetchone()
    return hashlib.sha256(repr(tuple(str(v) for v in values)).encode()).hexdigest()[:12]
