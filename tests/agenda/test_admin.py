"""The agenda's admin under the one editors rule: an editor of Nord works on Nord only, whatever
URL or form data they send."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from bassins.agenda.models import Event, OpenDoorWeek, VisitSlot, WorkingGroup
from bassins.agenda.seed import EDITOR_PERMISSIONS

pytestmark = pytest.mark.django_db


def event_form(event=None, **fields):
    from agenda.helpers import future

    start = timezone.localtime(event.start) if event else future(5)
    end = timezone.localtime(event.end) if event else future(5, 12)
    data = {
        "bassin": "N",
        "kind": "atelier",
        "audience": "professionals",
        "status": "published",
        "title_fr": "Atelier",
        "title_nl": "",
        "description_fr": "<p>Bienvenue<script>alert(1)</script></p>",
        "description_nl": "",
        "start_0": f"{start:%Y-%m-%d}",
        "start_1": f"{start:%H:%M:%S}",
        "end_0": f"{end:%Y-%m-%d}",
        "end_1": f"{end:%H:%M:%S}",
        "place_name": "",
        "street": "",
        "house_number": "",
        "postcode": "",
        "commune_name": "",
        "online_url": "https://visio.example.be/atelier",
        "capacity": "",
        "registration_open": "on",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
        **fields,
    }
    return data


def test_the_migration_gave_every_editors_group_the_agenda_permissions():
    wanted = sum(len(actions) for actions in EDITOR_PERMISSIONS.values())
    for code in ("CO", "N", "NE", "S", "SE"):
        group = Group.objects.get(name=f"editors-{code}")
        agenda = group.permissions.filter(content_type__app_label="agenda")
        assert agenda.count() == wanted
        directory = group.permissions.filter(content_type__app_label="directory")
        assert sorted(directory.values_list("codename", flat=True)) == [
            "view_location",
            "view_service",
        ]
    assert WorkingGroup.objects.count() == 20
    group = WorkingGroup.objects.get(bassin="SE", theme="crisis")
    assert group.purpose_fr.startswith("Préparer le bassin aux crises")
    assert group.purpose_nl.startswith("De zorgzone voorbereiden")
    assert not group.has_contact


def test_an_editor_of_nord_adds_a_nord_event_sanitised(client, editor):
    client.force_login(editor("nord", "N"))
    response = client.post("/admin/agenda/event/add/", event_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.bassin == "N"
    assert event.description_fr == "<p>Bienvenue</p>"
    assert event.precision == "none"  # online only


def test_an_editor_of_nord_cannot_add_to_sud_nor_use_sud_working_groups(client, editor, make_event):
    client.force_login(editor("nord", "N"))
    response = client.post("/admin/agenda/event/add/", event_form(bassin="S"))
    assert response.status_code == 200 and b"bassin" in response.content
    sud_group = WorkingGroup.objects.get(bassin="S", theme="care")
    response = client.post("/admin/agenda/event/add/", event_form(working_group=sud_group.pk))
    assert response.status_code == 200
    assert Event.objects.count() == 0
    form = client.get("/admin/agenda/event/add/").content.decode()
    assert '<option value="S"' not in form and '<option value="N"' in form


def test_an_editor_of_nord_cannot_see_change_or_delete_a_sud_event(client, editor, make_event):
    sud = make_event("S", title_fr="Sud")
    client.force_login(editor("nord", "N"))
    listing = client.get("/admin/agenda/event/").content.decode()
    assert "Sud" not in listing
    for url in (f"/admin/agenda/event/{sud.pk}/change/", f"/admin/agenda/event/{sud.pk}/delete/"):
        assert client.get(url).status_code in (302, 403, 404)
    response = client.post(f"/admin/agenda/event/{sud.pk}/change/", event_form(sud, bassin="N"))
    assert response.status_code in (302, 403, 404)
    client.post(f"/admin/agenda/event/{sud.pk}/delete/", {"post": "yes"})
    sud.refresh_from_db()
    assert sud.bassin == "S" and sud.title_fr == "Sud"


def test_a_nord_event_cannot_be_moved_to_sud(client, editor, make_event):
    nord = make_event("N", title_fr="Nord")
    client.force_login(editor("nord", "N"))
    response = client.post(f"/admin/agenda/event/{nord.pk}/change/", event_form(nord, bassin="S"))
    assert response.status_code == 200  # the form refuses the choice
    nord.refresh_from_db()
    assert nord.bassin == "N"


def test_working_groups_are_edited_not_added_and_only_their_bassin(client, editor):
    client.force_login(editor("sud", "S"))
    nord = WorkingGroup.objects.get(bassin="N", theme="mental_health")
    sud = WorkingGroup.objects.get(bassin="S", theme="mental_health")
    assert client.get("/admin/agenda/workinggroup/add/").status_code == 403
    assert client.get(f"/admin/agenda/workinggroup/{nord.pk}/change/").status_code in (
        302,
        403,
        404,
    )
    response = client.post(
        f"/admin/agenda/workinggroup/{sud.pk}/change/",
        {
            "purpose_fr": "Objectif",
            "purpose_nl": "Doel",
            "contact_name": "Zoé",
            "contact_email": "zoe@example.be",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    sud.refresh_from_db()
    assert (sud.contact_name, sud.bassin, sud.theme) == ("Zoé", "S", "mental_health")


def test_visit_slots_follow_their_week_bassin(client, editor):
    from agenda.helpers import brussels

    sud_week = OpenDoorWeek.objects.create(
        bassin="S", first_day="2030-12-02", last_day="2030-12-06"
    )
    nord_week = OpenDoorWeek.objects.create(
        bassin="N", first_day="2030-12-02", last_day="2030-12-06"
    )
    from bassins.directory.models import Service

    service = Service.objects.create(name_fr="Maison médicale du Nord")
    client.force_login(editor("nord", "N"))
    data = {
        "service": str(service.pk),
        "start_0": "2030-12-03",
        "start_1": "10:00:00",
        "end_0": "2030-12-03",
        "end_1": "11:00:00",
        "capacity": "4",
        "note_fr": "",
        "note_nl": "",
        "bookings-TOTAL_FORMS": "0",
        "bookings-INITIAL_FORMS": "0",
        "bookings-MIN_NUM_FORMS": "0",
        "bookings-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/agenda/visitslot/add/", {**data, "week": sud_week.pk})
    assert response.status_code == 200  # Sud's week is not a choice
    assert not VisitSlot.objects.exists()
    response = client.post("/admin/agenda/visitslot/add/", {**data, "week": nord_week.pk})
    assert response.status_code == 302, response.context["adminform"].form.errors
    slot = VisitSlot.objects.get()
    assert slot.bassin == "N" and slot.start == brussels(2030, 12, 3, 10)
    # the service is found through the admin's search box
    found = client.get(
        "/admin/autocomplete/",
        {
            "term": "médicale",
            "app_label": "agenda",
            "model_name": "visitslot",
            "field_name": "service",
        },
    ).json()
    assert [r["text"] for r in found["results"]] == ["Maison médicale du Nord"]
    assert slot.service_name == "Maison médicale du Nord"


def test_someone_without_group_or_staff_flag_edits_nothing(client, editor, make_event):
    event = make_event("N")
    client.force_login(editor("nobody"))
    assert client.get("/admin/agenda/event/").status_code == 403
    client.force_login(editor("citizen", "N", staff=False))
    assert client.get(f"/admin/agenda/event/{event.pk}/change/").status_code == 302  # to login
