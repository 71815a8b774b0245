"""The models' own checks: an event needs a title and a place or link, ends after it starts, and
takes only its bassin's working groups; a visit slot lies inside its week, at one of its service's
locations; descriptions are sanitised on save."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bassins.agenda.models import Event, OpenDoorWeek, VisitSlot, WorkingGroup
from bassins.directory.models import Location, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def errors(obj) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return set(caught.value.message_dict)


def test_event_checks(make_event):
    from agenda.helpers import brussels

    event = Event(bassin="N", start=brussels(2030, 1, 2, 10), end=brussels(2030, 1, 2, 9))
    assert errors(event) == {"title_fr", "end", "online_url"}
    event = make_event("N", working_group=WorkingGroup.objects.get(bassin="S", theme="crisis"))
    assert errors(event) == {"working_group"}
    event.working_group = WorkingGroup.objects.get(bassin="N", theme="crisis")
    event.full_clean()


def test_description_sanitised_and_sequence_grows(make_event):
    event = make_event(description_nl='<p>Hallo <img src=x onerror="alert(1)"></p>')
    assert event.description_nl == "<p>Hallo </p>" and event.sequence == 0
    event.save()
    event.save()
    assert event.sequence == 2


def test_visit_slot_checks():
    from agenda.helpers import brussels

    week = OpenDoorWeek.objects.create(
        bassin="SE", first_day=dt.date(2030, 12, 2), last_day=dt.date(2030, 12, 6)
    )
    service = Service.objects.create(name_fr="Maison médicale")
    here = Location.objects.create(name_fr="Ici")
    elsewhere = Location.objects.create(name_fr="Ailleurs")
    ServiceAtLocation.objects.create(service=service, location=here)
    slot = VisitSlot(
        week=week,
        bassin="SE",
        service=service,
        location=elsewhere,
        start=brussels(2030, 12, 9, 10),
        end=brussels(2030, 12, 9, 9),
    )
    assert errors(slot) == {"start", "end", "location"}
    slot.location, slot.start, slot.end = here, brussels(2030, 12, 6, 8), brussels(2030, 12, 6, 9)
    slot.full_clean()
    slot.save()
    assert slot.bassin == "SE" and slot.service_name == "Maison médicale"
    assert slot.end - slot.start == dt.timedelta(hours=1)
