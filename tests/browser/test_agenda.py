"""The agenda in a browser, in French and Dutch: an editor of bassin Nord creates an event in the
admin; it appears in the bassin's agenda and in its iCalendar feed (parsed with icalendar); a
visitor registers, gets the e-mail and cancels through its link; axe-core finds no violation and
nothing overflows at 390 px."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core import mail as outbox
from django.utils import timezone

from bassins.agenda.models import Event, OpenDoorWeek, Registration, VisitSlot
from bassins.agenda.seed import ensure_editor_permissions, ensure_working_groups

from .test_phone_width import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple-42"
TEXT = {
    "fr": {
        "agenda": "bassin/nord/agenda/",
        "groups": "bassin/nord/groupes-de-travail/",
        "archive": "bassin/nord/agenda/archives/",
        "upcoming": "Événements à venir",
        "register": "S'inscrire",
        "confirmed": "Votre inscription est confirmée.",
        "cancel": "Annuler mon inscription",
        "cancelled": "est annulée",
        "open_door": "bassin/nord/portes-ouvertes/{pk}/",
    },
    "nl": {
        "agenda": "zorgzone/noord/agenda/",
        "groups": "zorgzone/noord/werkgroepen/",
        "archive": "zorgzone/noord/agenda/archief/",
        "upcoming": "Komende evenementen",
        "register": "Inschrijven",
        "confirmed": "Uw inschrijving is bevestigd.",
        "cancel": "Mijn inschrijving annuleren",
        "cancelled": "is geannuleerd",
        "open_door": "zorgzone/noord/opendeur/{pk}/",
    },
}


@pytest.fixture
def nord_editor(django_user_model):
    ensure_working_groups()  # an earlier transactional test's flush removed the migration's rows
    ensure_editor_permissions()
    user = django_user_model.objects.create_user("editor-nord", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors-N"))
    return user


def check_page(page, assert_accessible):
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert overflow(page) == [], f"{page.url} overflows at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_event_from_admin_to_agenda_feed_registration_and_cancellation(
    page, page_in, live_server, nord_editor, assert_accessible, page_errors, offsite_requests, lang
):
    text = TEXT[lang]
    title = {"fr": "Atelier du changement : santé mentale", "nl": "Atelier van de verandering"}
    day = timezone.localdate() + dt.timedelta(days=14)

    # the editor creates the event in the admin
    page.goto(f"{live_server.url}/admin/login/?next=/admin/agenda/event/add/")
    page.fill("#id_username", nord_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_title_fr")
    assert page.locator("#id_bassin option").all_inner_texts()[-1] == "N"
    page.select_option("#id_bassin", "N")
    page.fill("#id_title_fr", title["fr"])
    page.fill("#id_title_nl", title["nl"])
    page.fill("#id_description_fr", "<p>Un atelier <script>alert(1)</script>ouvert</p>")
    for name, hour in (("start", "09:30:00"), ("end", "12:00:00")):
        page.fill(f"#id_{name}_0", day.isoformat())
        page.fill(f"#id_{name}_1", hour)
    page.fill("#id_place_name", "Maison de quartier")
    page.fill("#id_postcode", "1030")
    page.fill("#id_commune_name", "Schaerbeek")
    page.fill("#id_capacity", "10")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist, ul.messagelist li")
    event = Event.objects.get()
    assert event.bassin == "N" and event.description_fr == "<p>Un atelier ouvert</p>"
    assert timezone.localtime(event.start).hour == 9

    # it is in the bassin's agenda...
    page_in(lang, text["agenda"])
    assert page.locator("h2", has_text=text["upcoming"]).count() == 1
    link = page.locator(".agenda-title a", has_text=title[lang])
    assert link.count() == 1
    check_page(page, assert_accessible)

    # ... and in its iCalendar feed
    feed = page.request.get(f"{live_server.url}/{lang}/{text['agenda'].removesuffix('/')}.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert str(vevent["UID"]) == f"{event.uid}@agenda.bassins"
    assert str(vevent["SUMMARY"]) == title[lang]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent.decoded("DTSTART") == event.start

    # a visitor registers
    link.click()
    page.wait_for_selector("form.agenda-form")
    check_page(page, assert_accessible)
    page.fill("#id_name", "Visiteur")
    page.fill("#id_email", f"visiteur-{lang}@example.be")
    page.click(f'button:has-text("{text["register"]}")')
    page.wait_for_selector(".agenda-done")
    assert text["confirmed"] in page.locator(".agenda-done").inner_text()
    assert Registration.objects.get().status == "confirmed"
    check_page(page, assert_accessible)

    # the e-mail's cancellation link cancels, without any login
    (message,) = outbox.outbox
    cancel_url = next(word for word in message.body.split() if "/agenda/annul" in word)
    page.context.clear_cookies()
    page.goto(cancel_url)
    check_page(page, assert_accessible)
    page.click(f'button:has-text("{text["cancel"]}")')
    page.wait_for_selector(".agenda-done")
    assert text["cancelled"] in page.locator(".agenda-done").inner_text()
    assert Registration.objects.get().status == "cancelled"
    check_page(page, assert_accessible)

    # the other agenda pages pass too
    for path in (text["groups"], text["archive"]):
        page_in(lang, path)
        check_page(page, assert_accessible)
    assert page_errors == [] and offsite_requests == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_open_door_booking_and_team_pages(
    page, page_in, live_server, nord_editor, assert_accessible, lang
):
    from bassins.directory.models import Service

    first = timezone.localdate() + dt.timedelta(days=30)
    week = OpenDoorWeek.objects.create(
        bassin="N", first_day=first, last_day=first + dt.timedelta(4)
    )
    start = timezone.make_aware(dt.datetime.combine(first, dt.time(9)))
    for n, name in enumerate(("Maison médicale Nord", "CPAS")):
        VisitSlot.objects.create(
            week=week,
            service=Service.objects.create(name_fr=name),
            start=start + dt.timedelta(hours=2 * n),
            end=start + dt.timedelta(hours=2 * n + 1),
        )
    page_in(lang, TEXT[lang]["open_door"].format(pk=week.pk))
    check_page(page, assert_accessible)
    page.fill("#id_name", "Pro")
    page.fill("#id_email", "pro@example.be")
    page.check("#id_slots_0")
    page.check("#id_slots_1")
    page.click("form.agenda-form button[type=submit]")
    page.wait_for_selector(".agenda-done")
    assert week.professionals.get().bookings.count() == 2
    check_page(page, assert_accessible)
    # the confirmation's link to the professional's own visits
    (message,) = outbox.outbox
    visits = next(w for w in message.body.split() if "/visites/" in w or "/bezoeken/" in w)
    page.goto(visits)
    page.check("input[name=cancel] >> nth=0")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".agenda-done")
    assert week.professionals.get().bookings.count() == 1
    check_page(page, assert_accessible)

    # the team marks a no-show on its page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", nord_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    team = {"fr": "portes-ouvertes/{pk}/equipe/", "nl": "opendeur/{pk}/team/"}[lang]
    prefix = {"fr": "bassin/nord/", "nl": "zorgzone/noord/"}[lang]
    page_in(lang, prefix + team.format(pk=week.pk))
    check_page(page, assert_accessible)
    booking = week.professionals.get().bookings.order_by("slot__start").first()
    page.select_option(f"#attended-{booking.pk}", "no")
    page.click("form button[type=submit]")
    page.wait_for_selector(".agenda-done")
    booking.refresh_from_db()
    assert booking.attended is False
    check_page(page, assert_accessible)
    overview = {"fr": "portes-ouvertes/equipe/", "nl": "opendeur/team/"}[lang]
    page_in(lang, prefix + overview)
    assert page.locator("tbody tr").count() == 1
    check_page(page, assert_accessible)


@pytest.mark.realdata
def test_an_event_at_an_address_point_is_drawn_on_the_map(
    loaded_territories, page, page_in, live_server, nord_editor, assert_accessible, page_errors
):
    import pandas as pd
    from pyproj import Transformer

    from bassins.territory import store

    # one official address point (the BeST file is not in the test data): Rue Royale 10, 1000
    lon, lat = 4.3648, 50.8462
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(lon, lat)
    frame = pd.DataFrame(
        [
            {
                "postcode": "1000",
                "street_fr": "Rue Royale",
                "street_nl": "Koningsstraat",
                "house_number": "10",
                "commune": "21004",
                "x": x,
                "y": y,
            }
        ]
    )
    store.save_addresses(frame, "hand-made test point", "0" * 64, {"addresses": 1})
    day = timezone.localdate() + dt.timedelta(days=7)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/agenda/event/add/")
    page.fill("#id_username", nord_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_title_fr")
    page.select_option("#id_bassin", "N")
    page.fill("#id_title_fr", "Formation à l'orientation")
    for name, hour in (("start", "14:00:00"), ("end", "16:00:00")):
        page.fill(f"#id_{name}_0", day.isoformat())
        page.fill(f"#id_{name}_1", hour)
    page.fill("#id_street", "Rue Royale")
    page.fill("#id_house_number", "10")
    page.fill("#id_postcode", "1000")
    page.select_option("#id_kind", "training")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    event = Event.objects.get()
    assert event.precision == "point" and event.commune == "21004"
    assert event.latitude == pytest.approx(lat, abs=1e-6)
    page_in("fr", f"bassin/nord/agenda/{event.pk}/")
    page.wait_for_selector(".agenda-map[data-ready=true]")
    assert page.locator(".agenda-map .leaflet-interactive, .agenda-map path").count() >= 6
    check_page(page, assert_accessible)
    assert page_errors == []
