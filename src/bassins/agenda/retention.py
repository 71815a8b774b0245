"""Deleting the agenda's personal data a set time after the event (setting
BASSINS_AGENDA_RETENTION_DAYS, command `bassins agenda purge`): the registrations of events that
ended more than N days ago and the professionals (with their bookings) of open-door weeks whose last
day is more than N days ago. The counts are kept on the event or the week first. Idempotent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from bassins.agenda import opendoor
from bassins.agenda.models import Event, OpenDoorWeek, Professional, Registration


@dataclass(frozen=True)
class PurgeReport:
    cutoff: dt.datetime
    events: int
    registrations: int
    weeks: int
    professionals: int
    dry_run: bool

    def lines(self) -> list[str]:
        verb = "would delete" if self.dry_run else "deleted"
        return [
            f"events ended before {self.cutoff:%Y-%m-%d %H:%M %Z}: {verb} {self.registrations} "
            f"registrations of {self.events} events",
            f"open-door weeks ended before {self.cutoff:%Y-%m-%d}: {verb} {self.professionals} "
            f"professionals (and their bookings) of {self.weeks} weeks",
        ]


def purge(now: dt.datetime, days: int, *, dry_run: bool = False) -> PurgeReport:
    if days < 1:
        raise ValueError(f"the retention must be at least 1 day, not {days}")
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        events = Event.objects.filter(end__lt=cutoff, registrations__isnull=False).distinct()
        event_ids = list(events.values_list("pk", flat=True))
        registrations = Registration.objects.filter(event_id__in=event_ids)
        n_registrations = registrations.count()
        last_day = timezone.localtime(cutoff).date()
        weeks = OpenDoorWeek.objects.filter(last_day__lt=last_day, professionals__isnull=False)
        weeks = list(weeks.distinct())
        professionals = Professional.objects.filter(week__in=weeks)
        n_professionals = professionals.count()
        if not dry_run:
            for event in Event.objects.filter(pk__in=event_ids):
                found = dict(
                    event.registrations.order_by().values_list("status").annotate(n=Count("pk"))
                )
                event.archived_counts = found
                Event.objects.filter(pk=event.pk).update(archived_counts=found)
            for week in weeks:
                week.archived_summary = {
                    k: v for k, v in opendoor.summary(week).as_dict().items() if k != "archived"
                }
                OpenDoorWeek.objects.filter(pk=week.pk).update(
                    archived_summary=week.archived_summary
                )
            registrations.delete()
            professionals.delete()
    return PurgeReport(
        cutoff, len(event_ids), n_registrations, len(weeks), n_professionals, dry_run
    )
