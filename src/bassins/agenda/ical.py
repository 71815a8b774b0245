"""iCalendar (RFC 5545) files of the agenda, built with `icalendar`. Pure module (no Django).

Each event keeps one UID for its whole life (the event's own UUID), and a SEQUENCE that grows with
each change, so calendar programs update the entry instead of adding a second one. Times are written
in Europe/Brussels with their TZID and the VTIMEZONE they need (floating times are never written);
a cancelled event stays in the feed with STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar

BRUSSELS = ZoneInfo("Europe/Brussels")
PRODID = "-//bassins//agenda//FR-NL"
UID_DOMAIN = "agenda.bassins"
STATUSES = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class Entry:
    """One event of a calendar: what the iCalendar VEVENT says."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "confirmed"
    sequence: int = 0
    modified: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    categories: tuple[str, ...] = ()


def uid_of(key: str) -> str:
    """The iCalendar UID of an object of the agenda, from its stable key (a UUID)."""
    return f"{key}@{UID_DOMAIN}"


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} {value.isoformat()} has no time zone")
    return value.astimezone(BRUSSELS)


def vevent(entry: Entry, stamp: datetime) -> icalendar.Event:
    """The VEVENT of `entry`, stamped `stamp` (DTSTAMP, UTC)."""
    start, end = _aware(entry.start, "start"), _aware(entry.end, "end")
    if end < start:
        raise ValueError(f"event {entry.uid} ends ({end}) before it starts ({start})")
    if entry.status not in STATUSES:
        raise ValueError(f"unknown event status {entry.status!r}")
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", entry.summary)
    event.add("sequence", entry.sequence)
    event.add("status", STATUSES[entry.status])
    if entry.modified is not None:
        event.add("last-modified", entry.modified.astimezone(UTC))
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    if entry.latitude is not None and entry.longitude is not None:
        event.add("geo", (entry.latitude, entry.longitude))
    if entry.categories:
        event.add("categories", list(entry.categories))
    return event


def calendar(
    entries: Iterable[Entry], *, name: str, stamp: datetime, method: str | None = None
) -> bytes:
    """An iCalendar file holding `entries` (in their order), named `name`; `method` (PUBLISH,
    REQUEST...) for a file sent by e-mail."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    for entry in entries:
        cal.add_component(vevent(entry, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
