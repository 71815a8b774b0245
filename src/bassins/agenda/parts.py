"""The agenda's blocks on a bassin's site (the site-parts contract, bassins.sites.parts): the next
events, and the four working groups with their purpose, contact and next meeting."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bassins.agenda import links
from bassins.agenda.models import Event
from bassins.portal.context import lang_code

#: How many upcoming events the block lists (the full agenda has them all).
PART_EVENTS = 5


def agenda_part(request, bassin_code: str) -> dict | None:
    """The next events of the bassin (an empty list says so plainly; None never: the agenda is
    always there, even when nothing is planned)."""
    from bassins.agenda.views import _events, event_row

    lang = lang_code()
    events = list(_events(bassin_code, past=False)[:PART_EVENTS])
    return {
        "title": _("Agenda"),
        "template": "agenda/site_part.html",
        "context": {
            "title": _("Agenda"),
            "events": [event_row(e, lang, request) for e in events],
            "agenda_url": links.url("bassin", bassin_code, lang),
            "archive_url": links.url("archive", bassin_code, lang),
            "ics_url": links.url("bassin-ics", bassin_code, lang),
        },
        "url": links.url("bassin", bassin_code, lang),
        "date": timezone.localdate().isoformat(),
    }


def working_groups_part(request, bassin_code: str) -> dict | None:
    """The bassin's four working groups (None when none is in the database)."""
    from bassins.agenda.views import _groups, event_row, group_row

    lang = lang_code()
    groups = _groups(bassin_code)
    if not groups:
        return None
    now = timezone.now()
    rows = []
    for group in groups:
        row = group_row(group, lang, request)
        following = (
            Event.objects.filter(working_group=group, status=Event.Status.PUBLISHED, end__gte=now)
            .order_by("start")
            .first()
        )
        row["next"] = event_row(following, lang, request) if following else None
        rows.append(row)
    return {
        "title": _("Working groups"),
        "template": "agenda/groups_part.html",
        "context": {"title": _("Working groups"), "groups": rows},
        "url": links.url("groups", bassin_code, lang),
        "date": None,
    }
