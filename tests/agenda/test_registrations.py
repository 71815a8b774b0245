"""Registration: capacity, waiting list promoted on cancellation, signed cancellation links, the
e-mails (locmem backend in tests; the file backend is the default in settings)."""

import datetime as dt

import icalendar
import pytest
from django.conf import settings
from django.core import mail as outbox
from django.utils import timezone

from bassins.agenda import registrations
from bassins.agenda.models import Event, Registration
from bassins.agenda.tokens import make_token, read_token

pytestmark = pytest.mark.django_db
S = Registration.Status


def person(n, **extra):
    return {
        "name": f"Person {n}",
        "email": f"p{n}@example.be",
        "organisation": "CPAS",
        "language": "fr",
        **extra,
    }


def test_file_backend_is_the_default_outside_tests(monkeypatch):
    from importlib import reload

    monkeypatch.delenv("BASSINS_EMAIL_BACKEND", raising=False)
    import bassins.web.settings as web_settings

    assert reload(web_settings).EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(web_settings.EMAIL_FILE_PATH).endswith("mail")
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"


def test_capacity_then_waiting_list_in_order(make_event):
    event = make_event(capacity=2)
    got = [registrations.register(event, **person(n)).status for n in range(4)]
    assert got == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]
    count = registrations.counts(event)
    assert (count.confirmed, count.waiting, count.places_left, count.full) == (2, 2, 0, True)


def test_cancelling_a_place_promotes_the_first_waiting(make_event):
    event = make_event(capacity=1)
    first, second, third = (registrations.register(event, **person(n)) for n in range(3))
    assert registrations.cancel(second) == []  # a waiting one leaves: nobody promoted
    promoted = registrations.cancel(first)
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    assert third.status == S.CONFIRMED
    assert registrations.cancel(first) == []  # idempotent


def test_same_email_twice_and_closed_events_are_refused(make_event):
    event = make_event()
    registrations.register(event, **person(1))
    with pytest.raises(registrations.RegistrationRefused, match="déjà inscrite"):
        registrations.register(event, **person(1, email="P1@EXAMPLE.BE"))
    for fields, message in (
        ({"status": Event.Status.CANCELLED}, "est annulé"),
        ({"registration_open": False}, "sont closes"),
        ({"days": -3}, "est passé"),
    ):
        with pytest.raises(registrations.RegistrationRefused, match=message):
            registrations.register(make_event(**fields), **person(2))


def test_signed_token_names_one_registration(make_event):
    registration = registrations.register(make_event(), **person(1))
    token = make_token(registration)
    assert read_token(token, Registration) == registration
    assert read_token(token[:-2] + "xx", Registration) is None
    assert (
        read_token(token.replace(f"{registration.pk}.", f"{registration.pk + 1}.", 1), Registration)
        is None
    )
    assert read_token(token, Registration, kind="professional") is None
    registration.delete()
    assert read_token(token, Registration) is None


def test_register_and_cancel_through_the_pages_with_emails(client, make_event):
    event = make_event(capacity=1, title_fr="Atelier santé mentale")
    page = f"/fr/bassin/nord/agenda/{event.pk}/"
    response = client.post(page, {"name": "Ana", "email": "ana@example.be", "organisation": ""})
    assert response.status_code == 302 and response["Location"].endswith("?done=confirmed")
    response = client.post(
        page, {"name": "Bert", "email": "bert@example.be", "organisation": "ASBL"}
    )
    assert response["Location"].endswith("?done=waiting")
    assert [m.subject for m in outbox.outbox] == [
        "Inscription confirmée : Atelier santé mentale",
        "Sur la liste d'attente : Atelier santé mentale",
    ]
    confirmation = outbox.outbox[0]
    assert confirmation.to == ["ana@example.be"]
    (name, body, mimetype) = confirmation.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    vevent = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"{event.uid}@agenda.bassins"
    assert outbox.outbox[1].attachments == []  # no calendar entry while waiting
    cancel_url = next(w for w in confirmation.body.split() if "/annulation/" in w)
    path = cancel_url.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    assert (
        Registration.objects.get(email="ana@example.be").status == S.CONFIRMED
    )  # GET changes nothing
    response = client.post(path)
    assert "est annulée" in response.content.decode()
    assert Registration.objects.get(email="ana@example.be").status == S.CANCELLED
    assert Registration.objects.get(email="bert@example.be").status == S.CONFIRMED
    promotion = outbox.outbox[2]
    assert promotion.to == ["bert@example.be"]
    assert promotion.subject == "Une place s'est libérée pour vous : Atelier santé mentale"
    assert promotion.attachments[0][0] == "event.ics"
    # a forged link cancels nothing
    assert client.post(path[:-3] + "zz/").status_code == 400
    Registration.objects.filter(email="ana@example.be").delete()  # as the purge does
    assert client.get(path).status_code == 410


def test_dutch_registrant_gets_dutch_mail(client, make_event):
    event = make_event(title_nl="Verandering")
    response = client.post(
        f"/nl/zorgzone/noord/agenda/{event.pk}/",
        {"name": "Jan", "email": "jan@example.be", "organisation": ""},
    )
    assert response.status_code == 302
    message = outbox.outbox[0]
    assert message.subject == "Inschrijving bevestigd: Verandering"
    assert "/nl/zorgzone/noord/agenda/" in message.body
    assert Registration.objects.get().language == "nl"


def test_file_backend_writes_the_mail(make_event, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    from bassins.agenda import mail

    registration = registrations.register(make_event(), **person(1))
    mail.registration_mail(registration, "registered")
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    text = files[0].read_text()
    assert "p1@example.be" in text and "BEGIN:VCALENDAR" in text
    assert settings.BASSINS_SITE_URL in text  # no request: links on the configured site


def test_raising_capacity_in_the_admin_promotes(admin_client, make_event):
    event = make_event(capacity=1)
    for n in range(3):
        registrations.register(event, **person(n))
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    data = {
        "bassin": "N",
        "kind": "atelier",
        "audience": "professionals",
        "status": "published",
        "title_fr": event.title_fr,
        "title_nl": "",
        "description_fr": "",
        "description_nl": "",
        "start_0": f"{start:%Y-%m-%d}",
        "start_1": f"{start:%H:%M:%S}",
        "end_0": f"{end:%Y-%m-%d}",
        "end_1": f"{end:%H:%M:%S}",
        "place_name": "",
        "street": "",
        "house_number": "",
        "postcode": "1000",
        "commune_name": "",
        "online_url": "",
        "capacity": "3",
        "registration_open": "on",
        "registrations-TOTAL_FORMS": "3",
        "registrations-INITIAL_FORMS": "3",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    }
    for i, registration in enumerate(event.registrations.order_by("pk")):
        data[f"registrations-{i}-id"] = registration.pk
        data[f"registrations-{i}-event"] = event.pk
        data[f"registrations-{i}-status"] = registration.status
    response = admin_client.post(f"/admin/agenda/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert registrations.counts(event).confirmed == 3
    assert len(outbox.outbox) == 2 and all("place" in m.subject for m in outbox.outbox)
    event.refresh_from_db()
    assert event.sequence == 1


def test_event_times_are_brussels_times_across_dst(make_event):
    from agenda.helpers import brussels

    before = make_event(start=brussels(2030, 3, 30, 10), end=brussels(2030, 3, 30, 12))
    after = make_event(start=brussels(2030, 4, 1, 10), end=brussels(2030, 4, 1, 12))
    before.refresh_from_db(), after.refresh_from_db()
    assert before.start.astimezone(dt.UTC).hour == 9  # CET
    assert after.start.astimezone(dt.UTC).hour == 8  # CEST
    assert timezone.localtime(after.start).hour == 10


def test_a_failing_mail_server_does_not_lose_the_registration(client, make_event, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    event = make_event()
    response = client.post(
        f"/fr/bassin/nord/agenda/{event.pk}/",
        {"name": "Ana", "email": "ana@example.be", "organisation": ""},
    )
    assert response.status_code == 302
    assert Registration.objects.get().status == S.CONFIRMED
