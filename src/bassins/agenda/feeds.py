"""The agenda's objects as iCalendar entries (bassins.agenda.ical) and files."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bassins.agenda import ical, links
from bassins.agenda.models import Event
from bassins.richtext import plain_text


def event_entry(event: Event, lang: str, request=None) -> ical.Entry:
    """The iCalendar entry of `event`, in `lang` (its UID never changes)."""
    page = links.absolute(links.event_url(event, lang), request)
    with translation.override(lang):
        description = "\n\n".join(p for p in (plain_text(event.description, lines=True), page) if p)
        place = event.address or event.online_url
        categories = (event.get_kind_display(),)
        if event.working_group_id:
            categories += (event.working_group.get_theme_display(),)
    return ical.Entry(
        uid=ical.uid_of(str(event.uid)),
        start=event.start,
        end=event.end,
        summary=event.title if lang != "nl" else (event.title_nl or event.title_fr),
        description=description,
        location=place,
        url=page,
        status="cancelled" if event.status == Event.Status.CANCELLED else "confirmed",
        sequence=event.sequence,
        modified=event.modified,
        latitude=event.latitude,
        longitude=event.longitude,
        categories=tuple(str(c) for c in categories),
    )


def visit_entry(booking, lang: str, request=None) -> ical.Entry:
    """The iCalendar entry of one booked open-door visit."""
    slot = booking.slot
    location = slot.location
    with translation.override(lang):
        summary = _("Open-door visit: %(service)s") % {"service": slot.service_name}
        place = ""
        if location is not None:
            address = location.addresses.first()
            place = ", ".join(p for p in (str(location), str(address or "")) if p)
        page = links.absolute(links.url("open-door", slot.bassin, lang, pk=slot.week_id), request)
    return ical.Entry(
        uid=ical.uid_of(f"{slot.uid}-{booking.pk}"),
        start=slot.start,
        end=slot.end,
        summary=summary,
        description="\n\n".join(p for p in (slot.note, page) if p),
        location=place,
        url=page,
        latitude=location.latitude if location is not None else None,
        longitude=location.longitude if location is not None else None,
    )


def calendar_file(entries, name: str, method: str | None = None) -> bytes:
    """The iCalendar file of `entries`.

    A published feed (no `method`) stamps each entry with its last modification (RFC 5545: without
    METHOD, DTSTAMP is LAST-MODIFIED), so the same events give the same bytes and a calendar
    polling the feed gets 304; a file sent by e-mail is stamped now."""
    entries = list(entries)
    stamp = feed_modified(entries) if method is None else None
    return ical.calendar(entries, name=name, stamp=stamp or timezone.now(), method=method)


def feed_modified(entries):
    """The last modification of a feed's entries, or None when one has none (or there is none)."""
    stamps = [entry.modified for entry in entries]
    return max(stamps) if stamps and all(stamps) else None
