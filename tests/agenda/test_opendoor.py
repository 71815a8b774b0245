"""Open-door weeks: booking within capacity, no double booking, no overlapping visits, one
confirmation with one iCal entry per visit, the team's page (editors of the bassin only) with
attendance, no-shows and the CSV export."""

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.core import mail as outbox

from bassins.agenda import opendoor
from bassins.agenda.models import Booking, OpenDoorWeek, VisitSlot
from bassins.directory.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    from django.utils import timezone

    # December of next year, like the Semaine Portes Ouvertes of Sud-Est (December 2024)
    first = dt.date(timezone.localdate().year + 1, 12, 2)
    return OpenDoorWeek.objects.create(
        bassin="SE", first_day=first, last_day=first + dt.timedelta(days=4)
    )


@pytest.fixture
def slot(week):
    from agenda.helpers import brussels

    def make(name, day, hour, *, hours=1, capacity=2):
        service, _ = Service.objects.get_or_create(name_fr=name)
        first = week.first_day + dt.timedelta(days=day)
        start = brussels(first.year, first.month, first.day, hour)
        return VisitSlot.objects.create(
            week=week,
            service=service,
            start=start,
            end=start + dt.timedelta(hours=hours),
            capacity=capacity,
        )

    return make


def book(week, email, *slots, name="Pro"):
    return opendoor.book(
        week,
        name=name,
        email=email,
        organisation="CPAS",
        slot_ids=[s.pk for s in slots],
        language="fr",
    )


def test_capacity_is_kept(week, slot):
    visit = slot("Maison médicale", 0, 9, capacity=2)
    book(week, "a@x.be", visit)
    book(week, "b@x.be", visit)
    with pytest.raises(opendoor.BookingRefused, match="est complète"):
        book(week, "c@x.be", visit)
    assert opendoor.places_left([visit]) == {visit.pk: 0}


def test_double_booking_and_overlaps_are_refused_all_or_nothing(week, slot):
    morning = slot("Maison médicale", 0, 9, hours=2)
    overlapping = slot("Planning familial", 0, 10)
    after = slot("CPAS", 0, 11)  # starts when the morning visit ends: allowed
    other_day = slot("Centre de santé mentale", 1, 9)
    professional, bookings = book(week, "a@x.be", morning, after)
    assert len(bookings) == 2
    with pytest.raises(opendoor.BookingRefused, match="déjà réservé"):
        book(week, "A@X.BE", morning)
    with pytest.raises(opendoor.BookingRefused, match="chevauche votre visite") as refused:
        book(week, "a@x.be", overlapping, other_day)
    assert len(refused.value.problems) == 1
    with pytest.raises(opendoor.BookingRefused, match="se chevauchent"):
        book(week, "new@x.be", morning, overlapping)
    # nothing of a refused form was booked
    assert Booking.objects.filter(slot=other_day).count() == 0
    assert Booking.objects.filter(professional__email="new@x.be").count() == 0
    _, more = book(week, "a@x.be", other_day)
    assert professional.bookings.count() == 3 and more[0].professional == professional


def test_closed_week_other_week_and_empty_choice(week, slot):
    visit = slot("CPAS", 0, 9)
    with pytest.raises(opendoor.BookingRefused, match="au moins une"):
        book(week, "a@x.be")
    other = OpenDoorWeek.objects.create(
        bassin="N", first_day=week.first_day, last_day=week.last_day
    )
    with pytest.raises(opendoor.BookingRefused, match="ne fait pas partie"):
        book(other, "a@x.be", visit)
    week.booking_open = False
    week.save()
    with pytest.raises(opendoor.BookingRefused, match="closes"):
        book(week, "a@x.be", visit)


def test_one_form_one_confirmation_one_ical_entry_per_visit(client, week, slot):
    first, second = slot("Maison médicale", 0, 9), slot("CPAS", 1, 14)
    response = client.post(
        f"/fr/bassin/sud-est/portes-ouvertes/{week.pk}/",
        {
            "name": "Inès",
            "email": "ines@x.be",
            "organisation": "Maison médicale",
            "slots": [first.pk, second.pk],
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?booked=2")
    (message,) = outbox.outbox
    assert message.to == ["ines@x.be"]
    assert "Maison médicale" in message.body and "CPAS" in message.body
    cal = icalendar.Calendar.from_ical(message.attachments[0][1])
    events = cal.walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [first.start, second.start]
    assert len({str(e["UID"]) for e in events}) == 2
    # the same form again: refused, nothing booked, the reasons listed
    response = client.post(
        f"/fr/bassin/sud-est/portes-ouvertes/{week.pk}/",
        {"name": "Inès", "email": "ines@x.be", "organisation": "", "slots": [first.pk]},
    )
    assert response.status_code == 400 and "Rien n'a été réservé" in response.content.decode()
    nl = client.get(f"/nl/zorgzone/zuid-oost/opendeur/{week.pk}/").content.decode()
    assert "Uw bezoeken reserveren" in nl
    body = client.get(f"/fr/bassin/sud-est/portes-ouvertes/{week.pk}.json").json()
    assert [(s["service"], s["places_left"], s["capacity"]) for s in body["slots"]] == [
        ("Maison médicale", 1, 2),
        ("CPAS", 1, 2),
    ]
    assert "ines@x.be" not in str(body)


def test_summary_and_no_show_counts(week, slot):
    a, b, _empty = (
        slot("Maison médicale", 0, 9, capacity=3),
        slot("CPAS", 0, 11),
        slot("Vide", 1, 9),
    )
    book(week, "p1@x.be", a, b)
    book(week, "p2@x.be", a)
    book(week, "p3@x.be", a)
    Booking.objects.filter(professional__email="p1@x.be").update(attended=True)
    Booking.objects.filter(professional__email="p2@x.be").update(attended=False)
    summary = opendoor.summary(week)
    assert summary.as_dict() == {
        "services_offering": 3,
        "services_visited": 2,
        "slots": 3,
        "places": 7,
        "professionals": 3,
        "visits": 4,
        "attended": 2,
        "no_shows": 1,
        "unmarked": 1,
        "archived": False,
    }
    rows = {r["service"]: r for r in opendoor.service_rows(week)}
    assert rows["Maison médicale"] == {
        "service": "Maison médicale",
        "slots": 1,
        "places": 3,
        "visits": 3,
        "attended": 1,
        "no_shows": 1,
    }
    assert rows["Vide"]["visits"] == 0


def test_team_page_is_for_the_bassin_editors_only(client, editor, week, slot):
    visit = slot("Maison médicale", 0, 9)
    _, (booking,) = book(week, "p1@x.be", visit, name="Paul")
    url = f"/fr/bassin/sud-est/portes-ouvertes/{week.pk}/equipe/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(editor("nord", "N"))
    assert client.get(url).status_code == 403
    assert client.get(url.replace("equipe/", "equipe.csv")).status_code == 403
    client.force_login(editor("sudest", "SE"))
    page = client.get(url).content.decode()
    assert "Paul" in page and "Services participants" in page
    response = client.post(
        url, {f"attended-{booking.pk}": "no", "attended-999999": "yes", "attended-x": "no"}
    )
    assert "1 présence enregistrée." in response.content.decode()
    booking.refresh_from_db()
    assert booking.attended is False
    assert opendoor.summary(week).no_shows == 1
    export = client.get(url.replace("equipe/", "equipe.csv"))
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [(r["service"], r["professional"], r["attended"]) for r in rows] == [
        ("Maison médicale", "Paul", "no")
    ]
    assert rows[0]["start"].endswith("+01:00")  # December: CET


def test_team_overview_lists_the_bassin_weeks_with_their_figures(client, editor, week, slot):
    visit = slot("Maison médicale", 0, 9)
    _, (booking,) = book(week, "p1@x.be", visit)
    Booking.objects.filter(pk=booking.pk).update(attended=False)
    OpenDoorWeek.objects.create(bassin="N", first_day=week.first_day, last_day=week.last_day)
    url = "/fr/bassin/sud-est/portes-ouvertes/equipe/"
    assert client.get(url).status_code == 302
    client.force_login(editor("nord", "N"))
    assert client.get(url).status_code == 403
    client.force_login(editor("sudest", "SE"))
    response = client.get(url)
    rows = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 1  # Nord's week is not listed
    cells = [c.split("</td>")[0] for c in rows.split('<td class="num">')[1:]]
    assert cells == ["1", "1", "1", "1", "1", "0"]
    assert client.get("/nl/zorgzone/zuid-oost/opendeur/team/").status_code == 200


def test_a_professional_cancels_a_visit_through_the_link_of_the_confirmation(client, week, slot):
    first, second = slot("Maison médicale", 0, 9, capacity=1), slot("CPAS", 1, 14)
    client.post(
        f"/nl/zorgzone/zuid-oost/opendeur/{week.pk}/",
        {"name": "Jan", "email": "jan@x.be", "organisation": "", "slots": [first.pk, second.pk]},
    )
    (message,) = outbox.outbox
    link = next(w for w in message.body.split() if "/opendeur/bezoeken/" in w)
    path = link.removeprefix("http://testserver")
    page = client.get(path).content.decode()
    assert "Mijn bezoeken" in page and "Maison médicale" in page
    assert opendoor.places_left([first]) == {first.pk: 0}
    response = client.post(path, {"cancel": [str(Booking.objects.get(slot=first).pk)]})
    assert "1 bezoek geannuleerd." in response.content.decode()
    assert opendoor.places_left([first]) == {first.pk: 1}  # the place is free again
    assert Booking.objects.filter(professional__email="jan@x.be").count() == 1
    # someone else's booking id cancels nothing; a forged link is refused
    _, (other,) = book(week, "other@x.be", first)
    client.post(path, {"cancel": [str(other.pk)]})
    assert Booking.objects.filter(pk=other.pk).exists()
    assert client.get(path[:-4] + "xyz/").status_code == 400
