"""Two people asking for the last place at the same moment: one gets it, the other waits (the
event's row is held for the length of each registration's transaction)."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from bassins.agenda import registrations
from bassins.agenda.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_last_place_is_given_once(make_event):
    event = make_event(capacity=3)
    barrier = threading.Barrier(8)
    errors = []

    def register(n):
        try:
            barrier.wait()
            for _attempt in range(500):
                try:
                    registrations.register(
                        event, name=f"P{n}", email=f"p{n}@x.be", organisation="", language="fr"
                    )
                    return
                except OperationalError as error:
                    # SQLite's in-memory test database (shared cache) refuses a second writer at
                    # once instead of waiting as the file database does (busy timeout, BEGIN
                    # IMMEDIATE): try again. PostgreSQL waits on the event's row lock.
                    if "locked" not in str(error) or connection.vendor != "sqlite":
                        raise
                    time.sleep(0.005)
            errors.append(f"P{n}: still locked")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses.count("confirmed") == 3 and statuses.count("waiting") == 5


def test_a_visit_slot_is_never_overbooked():
    import datetime as dt

    from agenda.helpers import brussels
    from bassins.agenda import opendoor
    from bassins.agenda.models import Booking, OpenDoorWeek, VisitSlot
    from bassins.directory.models import Service

    year = dt.date.today().year + 1
    week = OpenDoorWeek.objects.create(
        bassin="SE", first_day=dt.date(year, 12, 1), last_day=dt.date(year, 12, 5)
    )
    slot = VisitSlot.objects.create(
        week=week,
        service=Service.objects.create(name_fr="CPAS"),
        start=brussels(year, 12, 2, 9),
        end=brussels(year, 12, 2, 10),
        capacity=2,
    )
    barrier = threading.Barrier(6)
    refused, errors = [], []

    def book(n):
        try:
            barrier.wait()
            for _attempt in range(500):
                try:
                    opendoor.book(
                        week,
                        name=f"P{n}",
                        email=f"p{n}@x.be",
                        organisation="",
                        slot_ids=[slot.pk],
                        language="fr",
                    )
                    return
                except opendoor.BookingRefused:
                    refused.append(n)
                    return
                except OperationalError as error:  # SQLite's test database: see above
                    if "locked" not in str(error) or connection.vendor != "sqlite":
                        raise
                    time.sleep(0.005)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Booking.objects.filter(slot=slot).count() == 2 and len(refused) == 4
