"""Registration to an event: a place while the capacity lasts, else the waiting list; when a
confirmed registration is cancelled, the first person waiting is promoted (and told by e-mail).
Each change happens in one transaction holding the event's row, so two people never get the last
place."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from bassins.agenda.models import Event, Registration

S = Registration.Status


class RegistrationRefused(Exception):
    """The event takes no registration (past, cancelled, closed, or this e-mail is registered)."""


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waiting: int
    capacity: int | None

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.confirmed >= self.capacity


def counts(event: Event) -> Counts:
    """Confirmed and waiting registrations of `event` (the archived counts once purged)."""
    if event.archived_counts:
        return Counts(
            event.archived_counts.get(S.CONFIRMED, 0),
            event.archived_counts.get(S.WAITING, 0),
            event.capacity,
        )
    rows = dict(
        event.registrations.exclude(status=S.CANCELLED)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return Counts(rows.get(S.CONFIRMED, 0), rows.get(S.WAITING, 0), event.capacity)


def refusal(event: Event) -> str | None:
    """Why `event` takes no registration now, or None."""
    if event.status != Event.Status.PUBLISHED:
        return (
            _("This event is cancelled.")
            if event.status == Event.Status.CANCELLED
            else _("This event is not published.")
        )
    if event.end < timezone.now():
        return _("This event is over.")
    if not event.registration_open:
        return _("Registration for this event is closed.")
    return None


def register(event: Event, *, name: str, email: str, organisation: str, language: str):
    """A new registration of `event`: confirmed while places are left, else waiting."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        reason = refusal(event)
        if reason:
            raise RegistrationRefused(reason)
        active = event.registrations.exclude(status=S.CANCELLED)
        if active.filter(email__iexact=email.strip()).exists():
            raise RegistrationRefused(_("This e-mail address is already registered."))
        confirmed = active.filter(status=S.CONFIRMED).count()
        full = event.capacity is not None and confirmed >= event.capacity
        return Registration.objects.create(
            event=event,
            name=name.strip(),
            email=email.strip(),
            organisation=organisation.strip(),
            language=language,
            status=S.WAITING if full else S.CONFIRMED,
        )


def cancel(registration: Registration) -> list[Registration]:
    """Cancel `registration` (idempotent); returns the registrations promoted from the waiting list
    (the free places, first come first served)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == S.CANCELLED:
            return []
        registration.status = S.CANCELLED
        registration.status_changed = timezone.now()
        registration.save(update_fields=["status", "status_changed"])
        return promote(event)


def promote(event: Event) -> list[Registration]:
    """Move people from the waiting list to the free places, in order of registration (call inside
    a transaction holding the event's row)."""
    active = event.registrations.exclude(status=S.CANCELLED)
    confirmed = active.filter(status=S.CONFIRMED).count()
    waiting = active.filter(status=S.WAITING).order_by("created", "pk")
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - confirmed, 0)]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = S.CONFIRMED
        registration.status_changed = now
        registration.save(update_fields=["status", "status_changed"])
    return promoted
