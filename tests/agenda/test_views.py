"""The agenda pages in FR, NL and EN, their JSON twins, the feeds parsed with icalendar, and the
slug rules (the other language's slug redirects)."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from bassins.agenda import registrations
from bassins.agenda.models import Event, WorkingGroup

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_bassin_agenda_lists_upcoming_events_in_each_language(client, make_event):
    make_event("N", title_fr="Atelier Nord", title_nl="Atelier Noord")
    make_event("S", title_fr="Atelier Sud")
    make_event("N", days=-20, title_fr="Atelier passé")
    make_event("N", title_fr="Brouillon", status=Event.Status.DRAFT)
    fr = client.get("/fr/bassin/nord/agenda/").content.decode()
    assert "Atelier Nord" in fr and "Atelier Sud" not in fr
    assert "Atelier passé" not in fr and "Brouillon" not in fr
    assert "Événements à venir" in fr
    nl = client.get("/nl/zorgzone/noord/agenda/").content.decode()
    assert "Atelier Noord" in nl and "Komende evenementen" in nl
    en = client.get("/en/bassin/nord/agenda/").content.decode()
    assert "Upcoming events" in en and "Atelier Nord" in en
    archive = client.get("/fr/bassin/nord/agenda/archives/").content.decode()
    assert "Atelier passé" in archive and "Atelier Nord" not in archive
    assert client.get("/nl/zorgzone/noord/agenda/archief/").status_code == 200


def test_json_twins(client, make_event):
    event = make_event("N", capacity=3)
    registrations.register(event, name="A", email="a@x.be", organisation="", language="fr")
    body = client.get("/fr/bassin/nord/agenda.json").json()
    assert body["bassin"] == "N" and body["timezone"] == "Europe/Brussels"
    (row,) = body["events"]
    assert (row["capacity"], row["registered"], row["places_left"]) == (3, 1, 2)
    assert row["uid"] == str(event.uid)
    assert dt.datetime.fromisoformat(row["start"]) == event.start
    assert "email" not in str(body)  # no personal data
    assert client.get(f"/fr/bassin/nord/agenda/{event.pk}.json").json()["id"] == event.pk
    assert client.get("/fr/bassin/nord/agenda/archives.json").json()["events"] == []
    groups = client.get("/nl/zorgzone/noord/werkgroepen.json").json()["groups"]
    assert [g["theme"] for g in groups] == ["mental_health", "care", "prevention", "crisis"]
    assert groups[0]["name"] == "Geestelijke gezondheid"


def test_other_language_slugs_redirect_and_unknown_ones_are_404(client):
    response = client.get("/nl/zorgzone/nord/agenda/")
    assert response.status_code == 302 and response["Location"] == "/nl/zorgzone/noord/agenda/"
    response = client.get("/fr/bassin/zuid-oost/groupes-de-travail/geestelijke-gezondheid/")
    assert response["Location"] == "/fr/bassin/sud-est/groupes-de-travail/sante-mentale/"
    assert client.get("/fr/bassin/atlantis/agenda/").status_code == 404
    assert client.get("/fr/bassin/nord/groupes-de-travail/jardinage/").status_code == 404


def test_bassin_feed_uid_tzid_and_cancelled_events(client, make_event):
    kept = make_event("N", title_fr="Réunion")
    gone = make_event("N", title_fr="Annulée", status=Event.Status.CANCELLED)
    make_event("S", title_fr="Ailleurs")
    make_event("N", title_fr="Brouillon", status=Event.Status.DRAFT)
    cal = parse(client.get("/fr/bassin/nord/agenda.ics"))
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Réunion", "Annulée"}
    assert str(events["Réunion"]["UID"]) == f"{kept.uid}@agenda.bassins"
    assert events["Réunion"]["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert events["Réunion"].decoded("DTSTART") == kept.start
    assert str(events["Annulée"]["STATUS"]) == "CANCELLED"
    assert str(events["Réunion"]["STATUS"]) == "CONFIRMED"
    assert str(events["Réunion"]["URL"]).endswith(f"/fr/bassin/nord/agenda/{kept.pk}/")
    # the UID stays when the event changes; the sequence grows
    gone.title_fr = "Annulée (reportée)"
    gone.save()
    again = {
        str(e["UID"]): e for e in parse(client.get("/nl/zorgzone/noord/agenda.ics")).walk("VEVENT")
    }
    assert int(again[f"{gone.uid}@agenda.bassins"]["SEQUENCE"]) == 1
    assert str(again[f"{kept.uid}@agenda.bassins"]["SUMMARY"]) == "Atelier van de verandering N"


def test_working_group_feed_and_page(client, make_event):
    group = WorkingGroup.objects.get(bassin="SE", theme="mental_health")
    meeting = make_event(
        "SE", title_fr="Réunion santé mentale", working_group=group, kind="meeting"
    )
    make_event("SE", title_fr="Autre")
    cal = parse(client.get("/fr/bassin/sud-est/groupes-de-travail/sante-mentale/agenda.ics"))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"{meeting.uid}@agenda.bassins"]
    page = client.get("/nl/zorgzone/zuid-oost/werkgroepen/geestelijke-gezondheid/").content.decode()
    assert "Geestelijke gezondheid" in page and "Réunion santé mentale" not in page
    assert "Atelier van de verandering SE" in page  # the Dutch title
    assert "nog niet meegedeeld" in page  # no contact yet


def test_event_page_form_and_refusals(client, make_event):
    event = make_event("N", capacity=1, description_fr="<p>Un <em>atelier</em></p>")
    page = client.get(f"/fr/bassin/nord/agenda/{event.pk}/").content.decode()
    assert '<label for="id_email">E-mail</label>' in page and "<em>atelier</em>" in page
    assert "0 inscrit sur 1 places" in page
    # wrong bassin in the URL: not found
    assert client.get(f"/fr/bassin/sud/agenda/{event.pk}/").status_code == 404
    bad = client.post(f"/fr/bassin/nord/agenda/{event.pk}/", {"name": "", "email": "nope"})
    assert bad.status_code == 200 and not event.registrations.exists()
    past = make_event("N", days=-2)
    response = client.post(
        f"/fr/bassin/nord/agenda/{past.pk}/", {"name": "A", "email": "a@x.be", "organisation": ""}
    )
    assert response.status_code == 400 and "Cet événement est passé." in response.content.decode()


def test_dst_event_page_shows_brussels_wall_time(client, make_event):
    from agenda.helpers import brussels

    year = timezone.localdate().year + 1
    event = make_event("N", start=brussels(year, 3, 31, 9, 30), end=brussels(year, 3, 31, 11))
    page = client.get(f"/fr/bassin/nord/agenda/{event.pk}/").content.decode()
    assert "9:30" in page or "09:30" in page
    cal = parse(client.get(f"/fr/bassin/nord/agenda/{event.pk}.ics"))
    assert cal.walk("VEVENT")[0].decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)


def test_parts_follow_the_contract(rf, make_event):
    from bassins.agenda.parts import agenda_part, working_groups_part

    make_event("N", title_fr="Prochain atelier")
    request = rf.get("/fr/bassin/nord/")
    part = agenda_part(request, "N")
    assert set(part) == {"title", "template", "context", "url", "date"}
    assert part["url"] == "/fr/bassin/nord/agenda/"
    assert [e["title"] for e in part["context"]["events"]] == ["Prochain atelier"]
    from django.template.loader import render_to_string

    html = render_to_string(part["template"], part["context"], request=request)
    assert html.strip().startswith("<section") and "<h2" in html and "<html" not in html
    groups = working_groups_part(request, "N")
    assert len(groups["context"]["groups"]) == 4
    html = render_to_string(groups["template"], groups["context"], request=request)
    assert html.count("<h3>") == 4 and "Santé mentale" in html
    WorkingGroup.objects.filter(bassin="CO").delete()
    assert working_groups_part(request, "CO") is None
    assert agenda_part(request, "CO")["context"]["events"] == []


def test_feeds_answer_304_until_an_event_changes(client, make_event):
    """A calendar polling a feed gets 304 while nothing changed: the entries are stamped with their
    last modification (not the request time), so the same events give the same bytes."""
    event = make_event("N", title_fr="Réunion")
    for path in ("/fr/bassin/nord/agenda.ics", f"/fr/bassin/nord/agenda/{event.pk}.ics"):
        first = client.get(path)
        assert first.status_code == 200 and first["ETag"]
        again = client.get(path)
        assert again.content == first.content
        assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        stamp = icalendar.Calendar.from_ical(first.content).walk("VEVENT")[0].decoded("DTSTAMP")
        assert stamp == Event.objects.get(pk=event.pk).modified.replace(microsecond=0)
    etag = client.get("/fr/bassin/nord/agenda.ics")["ETag"]
    event.title_fr = "Réunion déplacée"
    event.save()
    changed = client.get("/fr/bassin/nord/agenda.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Réunion déplacée" in changed.content.decode()
