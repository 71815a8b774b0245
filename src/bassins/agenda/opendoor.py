"""Open-door weeks: professionals book visits of the services' slots (one form, several visits),
within each slot's capacity and never two of their own visits at the same time; the team's figures
(services, professionals, visits, attendance and no-shows)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from bassins.agenda.intervals import overlap, overlapping_pairs
from bassins.agenda.models import Booking, OpenDoorWeek, Professional, VisitSlot


class BookingRefused(Exception):
    """The visits asked for cannot all be booked; nothing was booked. `problems`: one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def places_left(slots) -> dict[int, int]:
    """Places left per slot id."""
    booked = dict(
        Booking.objects.filter(slot__in=slots)
        .order_by()
        .values_list("slot")
        .annotate(n=Count("pk"))
    )
    return {slot.pk: max(slot.capacity - booked.get(slot.pk, 0), 0) for slot in slots}


def _label(slot: VisitSlot) -> str:
    return f"{slot.service_name} ({timezone.localtime(slot.start):%d/%m %H:%M})"


def book(week: OpenDoorWeek, *, name: str, email: str, organisation: str, slot_ids, language: str):
    """Book the visits `slot_ids` of `week` for the professional with this e-mail, all or none.

    Refused: booking closed, a slot of another week, a slot past or full, a slot already booked by
    them, two visits (asked now or booked before) that overlap. Returns (professional, bookings)."""
    slot_ids = sorted({int(s) for s in slot_ids})
    if not slot_ids:
        raise BookingRefused([_("Choose at least one visit.")])
    with transaction.atomic():
        week = OpenDoorWeek.objects.select_for_update().get(pk=week.pk)
        if not week.booking_open:
            raise BookingRefused([_("Booking for this open-door week is closed.")])
        slots = list(
            VisitSlot.objects.select_for_update()
            .filter(pk__in=slot_ids, week=week)
            .order_by("start")
        )
        problems = []
        if len(slots) != len(slot_ids):
            problems.append(_("A chosen visit is not part of this open-door week."))
        professional = Professional.objects.filter(week=week, email__iexact=email.strip()).first()
        existing = (
            list(professional.bookings.select_related("slot")) if professional is not None else []
        )
        already = {b.slot_id for b in existing}
        left = places_left(slots)
        now = timezone.now()
        for slot in slots:
            if slot.pk in already:
                problems.append(_("You have already booked %(visit)s.") % {"visit": _label(slot)})
            elif slot.start < now:
                problems.append(_("%(visit)s is over.") % {"visit": _label(slot)})
            elif left[slot.pk] <= 0:
                problems.append(_("%(visit)s is full.") % {"visit": _label(slot)})
        for i, j in overlapping_pairs([(s.start, s.end) for s in slots]):
            problems.append(
                _("%(a)s and %(b)s overlap.") % {"a": _label(slots[i]), "b": _label(slots[j])}
            )
        for slot in slots:
            for booking in existing:
                if slot.pk != booking.slot_id and overlap(
                    (slot.start, slot.end), (booking.slot.start, booking.slot.end)
                ):
                    problems.append(
                        _("%(a)s overlaps your visit %(b)s.")
                        % {"a": _label(slot), "b": _label(booking.slot)}
                    )
        if problems:
            raise BookingRefused(problems)
        if professional is None:
            professional = Professional.objects.create(
                week=week,
                name=name.strip(),
                email=email.strip(),
                organisation=organisation.strip(),
                language=language,
            )
        bookings = [Booking.objects.create(slot=slot, professional=professional) for slot in slots]
    return professional, bookings


@dataclass(frozen=True)
class Summary:
    services_offering: int
    services_visited: int
    slots: int
    places: int
    professionals: int
    visits: int
    attended: int
    no_shows: int
    unmarked: int
    archived: bool = False

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def summary(week: OpenDoorWeek) -> Summary:
    """The week's figures (those kept at purge time once the bookings are deleted)."""
    slots = VisitSlot.objects.filter(week=week)
    bookings = Booking.objects.filter(slot__week=week)
    if week.archived_summary and not bookings.exists():
        return Summary(**{**week.archived_summary, "archived": True})
    names = lambda qs: qs.exclude(service_name="").values("service_name").distinct().count()  # noqa: E731
    return Summary(
        services_offering=names(slots),
        services_visited=names(slots.filter(bookings__isnull=False)),
        slots=slots.count(),
        places=sum(slots.values_list("capacity", flat=True)),
        professionals=bookings.values("professional").distinct().count(),
        visits=bookings.count(),
        attended=bookings.filter(attended=True).count(),
        no_shows=bookings.filter(attended=False).count(),
        unmarked=bookings.filter(attended__isnull=True).count(),
    )


def service_rows(week: OpenDoorWeek) -> list[dict]:
    """Per service of the week: slots, places, visits booked, attended, no-shows."""
    rows: dict[str, dict] = {}
    for slot in VisitSlot.objects.filter(week=week).prefetch_related("bookings"):
        row = rows.setdefault(
            slot.service_name,
            {
                "service": slot.service_name,
                "slots": 0,
                "places": 0,
                "visits": 0,
                "attended": 0,
                "no_shows": 0,
            },
        )
        row["slots"] += 1
        row["places"] += slot.capacity
        for booking in slot.bookings.all():
            row["visits"] += 1
            row["attended"] += booking.attended is True
            row["no_shows"] += booking.attended is False
    return sorted(rows.values(), key=lambda r: r["service"].lower())
