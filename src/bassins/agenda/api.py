"""The agenda in the open API (`/api/events/`): published events, upcoming or past, with their
place or online link, capacity and places left (never anything of the people registered), their
descriptions as sanitised text and HTML, and their pages and iCalendar entries in FR and NL.

Drafts are never listed nor found; a cancelled event stays listed with `status: cancelled` (as on
the agenda pages), so that those who planned to come see it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Path, Query, Router, Schema

from bassins.agenda import links, registrations, themes
from bassins.agenda.models import Event
from bassins.api import hsds
from bassins.api.hsds_api import ERRORS, PageQ, json_response
from bassins.api.store import ApiInputError
from bassins.codes import BASSIN_CODES
from bassins.richtext import clean, plain_text

router = Router(tags=["Events"])
#: The statuses the public sees (as the agenda pages: `bassins.agenda.views.SHOWN`).
SHOWN = (Event.Status.PUBLISHED, Event.Status.CANCELLED)
MAX_PER_PAGE = 200
Bassin = Literal[BASSIN_CODES]  # type: ignore[valid-type]
Theme = Literal[themes.THEMES]  # type: ignore[valid-type]

BassinQ = Query(None, description="A bassin code: CO, N, NE, S or SE.")
ThemeQ = Query(None, description="A working group's theme: " + ", ".join(themes.THEMES) + ".")
FromQ = Query(None, alias="from", description="Events ending on or after this day (Brussels).")
ToQ = Query(None, alias="to", description="Events starting on or before this day (Brussels).")
PastQ = Query(False, description="The archive: events already over, latest first.")
PerPageQ = Query(50, ge=1, le=MAX_PER_PAGE, description=f"Events per page (1..{MAX_PER_PAGE}).")
EventIdP = Path(..., ge=1, le=2**31 - 1, description="The event's id.")


class Place(Schema):
    """Where the event takes place (coordinates when the address was placed on the map)."""

    name: str
    address: str
    street: str
    house_number: str
    postcode: str
    commune_name: str
    latitude: float | None
    longitude: float | None
    precision: str | None
    commune_code: str | None


class EventOut(Schema):
    """A published (or cancelled) event; times in Europe/Brussels with their UTC offset."""

    id: int
    uid: str
    status: str
    kind: str
    bassin: str
    working_group: str | None
    audience: str
    title_fr: str
    title_nl: str
    description_fr: str
    description_nl: str
    description_html_fr: str
    description_html_nl: str
    start: str
    end: str
    timezone: str
    place: Place | None
    online_url: str | None
    capacity: int | None
    places_left: int | None
    registration_open: bool
    url_fr: str
    url_nl: str
    ical_url: str
    ical_url_nl: str
    feed_url: str
    feed_url_nl: str


class EventPage(Schema):
    """One page of events (the API's paging envelope)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[EventOut]


def event_data(event: Event, request=None) -> dict:
    """The API object of `event` (no registrant data: counts only)."""
    count = registrations.counts(event)
    placed = bool(event.street or event.postcode or event.place_name)
    place = None
    if placed:
        place = {
            "name": event.place_name,
            "address": event.address,
            "street": event.street,
            "house_number": event.house_number,
            "postcode": event.postcode,
            "commune_name": event.commune_name,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "precision": event.precision or None,
            "commune_code": event.commune or None,
        }
    html_fr, html_nl = clean(event.description_fr), clean(event.description_nl)

    def absolute(name: str, lang: str) -> str:
        return links.absolute(links.url(name, event.bassin, lang, pk=event.pk), request)

    def feed(lang: str) -> str:
        """The feed to subscribe to: the working group's, else the bassin's."""
        if event.working_group_id:
            path = links.url("group-ics", event.bassin, lang, theme=event.working_group.theme)
        else:
            path = links.url("bassin-ics", event.bassin, lang)
        return links.absolute(path, request)

    return {
        "id": event.pk,
        "uid": str(event.uid),
        "status": event.status,
        "kind": event.kind,
        "bassin": event.bassin,
        "working_group": event.working_group.theme if event.working_group_id else None,
        "audience": event.audience,
        "title_fr": event.title_fr,
        "title_nl": event.title_nl,
        "description_fr": plain_text(html_fr, lines=True),
        "description_nl": plain_text(html_nl, lines=True),
        "description_html_fr": html_fr,
        "description_html_nl": html_nl,
        "start": timezone.localtime(event.start).isoformat(),
        "end": timezone.localtime(event.end).isoformat(),
        "timezone": "Europe/Brussels",
        "place": place,
        "online_url": event.online_url or None,
        "capacity": event.capacity,
        "places_left": count.places_left,
        "registration_open": registrations.refusal(event) is None,
        "url_fr": absolute("event", "fr"),
        "url_nl": absolute("event", "nl"),
        "ical_url": absolute("event-ics", "fr"),
        "ical_url_nl": absolute("event-ics", "nl"),
        "feed_url": feed("fr"),
        "feed_url_nl": feed("nl"),
    }


@router.get("/", response={200: EventPage, **ERRORS}, summary="Events")
def events(
    request,
    bassin: Bassin | None = BassinQ,
    working_group: Theme | None = ThemeQ,
    date_from: dt.date | None = FromQ,
    date_to: dt.date | None = ToQ,
    past: bool = PastQ,
    page: int = PageQ,
    per_page: int = PerPageQ,
):
    """Published events: upcoming (not yet over) by start, or with `past=true` the archive, latest
    first. Drafts are never listed."""
    if date_from and date_to and date_to < date_from:
        raise ApiInputError(f"parameter to: {date_to} is before from ({date_from})")
    now = timezone.now()
    rows = Event.objects.filter(status__in=SHOWN).select_related("working_group")
    if past:
        rows = rows.filter(end__lt=now).order_by("-start", "-pk")
    else:
        rows = rows.filter(end__gte=now).order_by("start", "pk")
    if bassin:
        rows = rows.filter(bassin=bassin)
    if working_group:
        rows = rows.filter(working_group__theme=working_group)
    if date_from:
        rows = rows.filter(end__date__gte=date_from)  # days in Brussels time (TIME_ZONE)
    if date_to:
        rows = rows.filter(start__date__lte=date_to)
    ids = list(rows.values_list("pk", flat=True))
    envelope = hsds.page(ids, page, per_page)
    found = {
        e.pk: e
        for e in Event.objects.filter(pk__in=envelope["contents"]).select_related("working_group")
    }
    envelope["contents"] = [event_data(found[pk], request) for pk in envelope["contents"]]
    return json_response(envelope)


@router.get("/{event_id}", response={200: EventOut, **ERRORS}, summary="One event")
def event(request, event_id: int = EventIdP):
    """One published (or cancelled) event, upcoming or past."""
    found = (
        Event.objects.filter(pk=event_id, status__in=SHOWN).select_related("working_group").first()
    )
    if found is None:
        raise Http404(f"no event with id {event_id}")
    return json_response(event_data(found, request))
