"""Retention of the helpdesk's cases: cases closed more than N months ago are anonymised.

Anonymising a case removes its free text (summary, free-text orientations, contacts, follow-ups)
and the link to the registered partner who called, and keeps what the statistics count (dates, channel, caller profile, terms, age band, territory,
orientation categories, outcome, time, unmet needs). It is idempotent: an anonymised case is left as
it is. The cut-off: a case closed on or before `today` minus N months (same day of the month, or the
month's last day) is expired; one closed the day after is kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from bassins.helpdesk.models import AuditEntry, Case, Contact, FollowUp, Orientation


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RetentionReport:
    cutoff: dt.date
    cases: int
    contacts: int
    follow_ups: int
    orientation_texts: int
    dry_run: bool

    def lines(self) -> list[str]:
        verb = "would anonymise" if self.dry_run else "anonymised"
        return [
            f"cases closed on or before {self.cutoff.isoformat()}: {verb} {self.cases}",
            f"contacts removed: {self.contacts}, follow-ups removed: {self.follow_ups}, "
            f"free-text orientations cleared: {self.orientation_texts}",
        ]


def expired(today: dt.date, months: int):
    """Closed cases past the retention period that still hold free text or inlines."""
    cutoff = months_before(today, months)
    return cutoff, Case.objects.filter(
        closed_on__isnull=False, closed_on__lte=cutoff, anonymised_on__isnull=True
    )


def anonymise(today: dt.date, months: int, *, dry_run: bool = False) -> RetentionReport:
    cutoff, cases = expired(today, months)
    with transaction.atomic():
        ids = list(cases.values_list("id", flat=True))
        contacts = Contact.objects.filter(case_id__in=ids)
        follow_ups = FollowUp.objects.filter(case_id__in=ids)
        texts = Orientation.objects.filter(case_id__in=ids).exclude(free_text="")
        report = RetentionReport(
            cutoff, len(ids), contacts.count(), follow_ups.count(), texts.count(), dry_run
        )
        if not dry_run and ids:
            contacts.delete()
            follow_ups.delete()
            texts.update(free_text="")
            Case.objects.filter(id__in=ids).update(
                summary="", caller_partner=None, anonymised_on=today
            )
            AuditEntry.objects.create(
                username="retention",
                action="anonymise",
                object_type="case",
                detail={"cutoff": cutoff.isoformat(), "count": len(ids)},
            )
    return report
