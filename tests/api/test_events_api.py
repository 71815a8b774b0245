"""Events through the API (`bassins.agenda.api`), on hand-made events: published ones listed,
drafts never, the archive apart, filters, Brussels times, sanitised text, places left without any
registrant's data, and live answers (no cached body after a registration)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def at(days: int, hour: int = 10) -> dt.datetime:
    day = today() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS)


@pytest.fixture
def make_event():
    from bassins.agenda.models import Event
    from bassins.agenda.seed import ensure_working_groups

    ensure_working_groups()

    def make(bassin="N", days=10, hours=2, **fields):
        start = fields.pop("start", None) or at(days)
        values = {
            "bassin": bassin,
            "title_fr": f"Atelier du changement {bassin}",
            "title_nl": f"Atelier van de verandering {bassin}",
            "start": start,
            "end": start + dt.timedelta(hours=hours),
            "place_name": "Maison de quartier",
            "street": "Rue de la Loi",
            "house_number": "16",
            "postcode": "1000",
            "commune_name": "Bruxelles",
            **fields,
        }
        return Event.objects.create(**values)

    return make


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [e["id"] for e in response.json()["contents"]]


def test_published_upcoming_listed_drafts_never(client, make_event):
    from bassins.agenda.models import Event

    soon = make_event(days=3)
    later = make_event("S", days=20)
    cancelled = make_event(days=5, status=Event.Status.CANCELLED)
    draft = make_event(days=4, status=Event.Status.DRAFT, title_fr="Brouillon secret")
    old = make_event(days=-30)
    old_draft = make_event(days=-20, status=Event.Status.DRAFT)
    body = client.get("/api/events/").json()
    assert [e["id"] for e in body["contents"]] == [soon.pk, cancelled.pk, later.pk]
    assert body["total_items"] == 3 and body["page_number"] == 1 and body["last_page"]
    assert [e["status"] for e in body["contents"]] == ["published", "cancelled", "published"]
    assert ids(client.get("/api/events/?past=true")) == [old.pk]
    for hidden in (draft, old_draft):
        response = client.get(f"/api/events/{hidden.pk}")
        assert response.status_code == 404
        assert response.json() == {"error": f"no event with id {hidden.pk}"}
    assert "Brouillon" not in client.get("/api/events/?per_page=200").content.decode()
    assert client.get(f"/api/events/{old.pk}").json()["id"] == old.pk
    assert client.get("/api/events/999999").status_code == 404


def test_filters(client, make_event):
    from bassins.agenda.models import WorkingGroup

    group = WorkingGroup.objects.get(bassin="N", theme="mental_health")
    north = make_event(days=3, working_group=group)
    north_plain = make_event(days=12)
    south = make_event("S", days=6)
    assert ids(client.get("/api/events/?bassin=N")) == [north.pk, north_plain.pk]
    assert ids(client.get("/api/events/?bassin=S")) == [south.pk]
    assert ids(client.get("/api/events/?working_group=mental_health")) == [north.pk]
    assert ids(client.get("/api/events/?working_group=crisis")) == []
    day = (today() + dt.timedelta(days=6)).isoformat()
    assert ids(client.get(f"/api/events/?from={day}&to={day}")) == [south.pk]
    assert ids(client.get(f"/api/events/?from={day}")) == [south.pk, north_plain.pk]
    assert ids(client.get(f"/api/events/?to={day}")) == [north.pk, south.pk]
    assert len(ids(client.get("/api/events/?from=0001-01-01&to=9999-12-31"))) == 3
    two = client.get("/api/events/?per_page=2&page=2").json()
    assert [e["id"] for e in two["contents"]] == [north_plain.pk]
    assert two["total_pages"] == 2 and two["first_page"] is False
    for bad in ("bassin=XX", "working_group=sport", "from=yesterday", "per_page=0", "page=0"):
        response = client.get(f"/api/events/?{bad}")
        assert response.status_code == 400, bad
        assert "error" in response.json()
    response = client.get(f"/api/events/?from={day}&to=2000-01-01")
    assert response.status_code == 400
    assert response.json()["error"].startswith("parameter to:")


def test_fields_times_text_and_place(client, make_event):
    winter = make_event(start=dt.datetime(2099, 1, 15, 9, 30, tzinfo=BRUSSELS))
    summer = make_event(
        start=dt.datetime(2099, 7, 1, 14, 0, tzinfo=BRUSSELS),
        description_fr='<p>Venez <b>nombreux</b></p><script>alert(1)</script><a href="javascript:x()">x</a>',
        description_nl="<p onclick='x()'>Welkom & tot ziens</p>",
        latitude=50.8466,
        longitude=4.3528,
        precision="address",
        capacity=None,
    )
    online = make_event(
        days=8,
        place_name="",
        street="",
        house_number="",
        postcode="",
        commune_name="",
        online_url="https://meet.example.org/atelier",
    )
    one = client.get(f"/api/events/{winter.pk}").json()
    assert one["start"] == "2099-01-15T09:30:00+01:00"
    assert one["end"] == "2099-01-15T11:30:00+01:00"
    assert one["timezone"] == "Europe/Brussels"
    two = client.get(f"/api/events/{summer.pk}").json()
    assert two["start"] == "2099-07-01T14:00:00+02:00"
    assert two["description_fr"] == "Venez nombreux\nx"
    assert (
        "script" not in two["description_html_fr"]
        and "javascript" not in two["description_html_fr"]
    )
    assert two["description_html_nl"] == "<p>Welkom &amp; tot ziens</p>"
    assert two["description_nl"] == "Welkom & tot ziens"  # text: entities decoded
    assert two["place"]["address"] == "Maison de quartier, Rue de la Loi 16, 1000 Bruxelles"
    assert (two["place"]["latitude"], two["place"]["longitude"]) == (50.8466, 4.3528)
    assert one["place"]["latitude"] is None and one["online_url"] is None
    assert two["title_fr"] == "Atelier du changement N" and two["title_nl"].startswith(
        "Atelier van"
    )
    assert two["ical_url"].endswith(f"/fr/bassin/nord/agenda/{summer.pk}.ics")
    assert two["ical_url_nl"].endswith(f"/nl/zorgzone/noord/agenda/{summer.pk}.ics")
    assert two["url_fr"].startswith("http://testserver/fr/bassin/nord/agenda/")
    assert client.get(two["ical_url"]).status_code == 200
    three = client.get(f"/api/events/{online.pk}").json()
    assert three["place"] is None
    assert three["online_url"] == "https://meet.example.org/atelier"


def test_places_left_without_registrant_data_and_live(client, make_event):
    from bassins.agenda import registrations

    event = make_event(days=9, capacity=2)
    url = f"/api/events/{event.pk}"
    first = client.get(url)
    assert first.json()["capacity"] == 2 and first.json()["places_left"] == 2
    assert "ETag" not in first  # live: never a stale cached body or a 304
    registrations.register(
        event,
        name="Zoë Registrante",
        email="zoe.secret@example.org",
        organisation="CPAS X",
        language="fr",
    )
    listed = client.get("/api/events/").content.decode()
    after = client.get(url)
    assert after.json()["places_left"] == 1 and after.json()["registration_open"] is True
    for text in (after.content.decode(), listed):
        for secret in ("Zoë", "zoe.secret", "CPAS X", "nonce"):
            assert secret not in text
    assert set(after.json()) == {
        "id",
        "uid",
        "status",
        "kind",
        "bassin",
        "working_group",
        "audience",
        "title_fr",
        "title_nl",
        "description_fr",
        "description_nl",
        "description_html_fr",
        "description_html_nl",
        "start",
        "end",
        "timezone",
        "place",
        "online_url",
        "capacity",
        "places_left",
        "registration_open",
        "url_fr",
        "url_nl",
        "ical_url",
        "ical_url_nl",
        "feed_url",
        "feed_url_nl",
    }


def test_each_event_names_the_feed_to_subscribe_to(client, make_event):
    """The working group's feed for a group's meeting, the bassin's feed otherwise; both hold it."""
    from bassins.agenda.models import WorkingGroup

    group = WorkingGroup.objects.get(bassin="S", theme="mental_health")
    meeting = make_event("S", days=12, working_group=group, title_fr="Réunion santé mentale")
    workshop = make_event("N", days=13, title_fr="Atelier Nord")
    one = client.get(f"/api/events/{meeting.pk}").json()
    assert (
        one["feed_url"]
        == "http://testserver/fr/bassin/sud/groupes-de-travail/sante-mentale/agenda.ics"
    )
    assert one["feed_url_nl"].startswith("http://testserver/nl/zorgzone/zuid/")
    two = client.get(f"/api/events/{workshop.pk}").json()
    assert two["feed_url"] == "http://testserver/fr/bassin/nord/agenda.ics"
    assert two["feed_url_nl"] == "http://testserver/nl/zorgzone/noord/agenda.ics"
    for item, event in ((one, meeting), (two, workshop)):
        for url in (item["feed_url"], item["feed_url_nl"]):
            feed = client.get(url)
            assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
            assert f"UID:{event.uid}@agenda.bassins" in feed.content.decode()
