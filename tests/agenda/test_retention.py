"""Personal data deleted N days after the event, counts kept; idempotent; the command."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from bassins.agenda import opendoor, registrations, retention
from bassins.agenda.models import (
    Booking,
    Event,
    OpenDoorWeek,
    Professional,
    Registration,
    VisitSlot,
)

pytestmark = pytest.mark.django_db


def test_purge_deletes_after_the_retention_and_keeps_the_counts(make_event):
    old = make_event("N", days=-40, capacity=1)
    recent = make_event("N", days=-10)
    for n in range(3):
        Registration.objects.create(
            event=old, name=f"P{n}", email=f"p{n}@x.be", status="confirmed" if n == 0 else "waiting"
        )
    Registration.objects.create(event=recent, name="R", email="r@x.be", status="confirmed")
    dry = retention.purge(timezone.now(), 30, dry_run=True)
    assert (dry.events, dry.registrations) == (1, 3) and Registration.objects.count() == 4
    report = retention.purge(timezone.now(), 30)
    assert (report.events, report.registrations) == (1, 3)
    assert list(Registration.objects.values_list("email", flat=True)) == ["r@x.be"]
    old.refresh_from_db()
    assert old.archived_counts == {"confirmed": 1, "waiting": 2}
    count = registrations.counts(old)
    assert (count.confirmed, count.waiting) == (1, 2)
    again = retention.purge(timezone.now(), 30)
    assert (again.events, again.registrations) == (0, 0)
    old.refresh_from_db()
    assert old.archived_counts == {"confirmed": 1, "waiting": 2}  # not overwritten by the rerun


def test_purge_of_an_open_door_week_keeps_its_summary():
    from agenda.helpers import brussels
    from bassins.directory.models import Service

    week = OpenDoorWeek.objects.create(bassin="SE", first_day="2024-12-02", last_day="2024-12-06")
    service = Service.objects.create(name_fr="Maison médicale")
    slot = VisitSlot.objects.create(
        week=week, service=service, start=brussels(2024, 12, 3, 9), end=brussels(2024, 12, 3, 10)
    )
    for n in range(2):
        professional = Professional.objects.create(week=week, name=f"P{n}", email=f"p{n}@x.be")
        Booking.objects.create(slot=slot, professional=professional, attended=n == 0)
    before = opendoor.summary(week)
    report = retention.purge(timezone.now(), 30)
    assert (report.weeks, report.professionals) == (1, 2)
    assert not Professional.objects.exists() and not Booking.objects.exists()
    after = opendoor.summary(OpenDoorWeek.objects.get())
    assert after.archived and after.visits == before.visits == 2 and after.no_shows == 1
    assert retention.purge(timezone.now(), 30).professionals == 0


def test_command_and_bad_days(make_event, capsys):
    make_event("N", days=-60)
    call_command("agenda", "purge", "--dry-run")
    out = capsys.readouterr().out
    assert "would delete 0 registrations of 0 events" in out
    with pytest.raises(ValueError):
        retention.purge(timezone.now() - dt.timedelta(days=1), 0)
    assert Event.objects.count() == 1
    from bassins.cli import main

    # last: the command line closes the database connections when it ends
    assert main(["agenda", "purge", "--days", "0"]) == 2
    assert "must be at least 1" in capsys.readouterr().err
