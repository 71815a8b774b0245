"""A responder of bassin Nord cannot reach a case of bassin Sud by any way; analysts see no case;
anonymous users get the login page or 404; every read is audited."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from bassins.helpdesk import access
from bassins.helpdesk.models import AuditEntry, Case

from .conftest import verified_client

pytestmark = pytest.mark.django_db


def case_url(case, name="helpdesk:case"):
    return reverse(name, kwargs={"uid": case.uid})


def test_scoping_function(users, cases, rf):
    class Req:  # a user as the OTP middleware leaves it
        pass

    for key, expected in (
        ("nord", {"N"}),
        ("sud", {"S"}),
        ("both", {"N", "NE"}),
        ("coord_nord", {"N"}),
        ("analyst", set()),
        ("admin", set()),
    ):
        user = users[key]
        user.is_verified = lambda: True
        assert access.case_bassins(user) == expected, key
        assert {c.bassin for c in access.cases_visible_to(user)} == expected & {"N", "S"}
    unverified = users["nord"]
    unverified.is_verified = lambda: False
    assert not access.cases_visible_to(unverified).exists()


def test_nord_responder_reads_own_case_not_sud(client, users, cases):
    verified_client(client, users["nord"])
    own = client.get(case_url(cases["nord"]))
    assert own.status_code == 200
    assert "logement Nord urgent" in own.content.decode()
    assert client.get(case_url(cases["sud"])).status_code == 404
    assert client.get(case_url(cases["sud"], "helpdesk:case-edit")).status_code == 404
    assert (
        client.get(reverse("helpdesk:api-case", kwargs={"uid": cases["sud"].uid})).status_code
        == 404
    )


def test_nord_responder_cannot_edit_sud_case(client, users, cases):
    verified_client(client, users["nord"])
    url = case_url(cases["sud"], "helpdesk:case-edit")
    response = client.post(url, {"summary": "pris par Nord"})
    assert response.status_code == 404
    api = client.post(
        reverse("helpdesk:api-case", kwargs={"uid": cases["sud"].uid}),
        data={"summary": "pris par Nord"},
        content_type="application/json",
    )
    assert api.status_code == 404
    cases["sud"].refresh_from_db()
    assert cases["sud"].summary == "logement Sud urgent"


def test_nord_responder_cannot_create_in_sud(client, users):
    verified_client(client, users["nord"])
    payload = {
        "bassin": "S",
        "opened_on": "2026-03-01",
        "channel": "phone",
        "caller_profession": "nurse",
        "caller_organisation_type": "hospital",
        "minutes_spent": 10,
    }
    response = client.post(
        reverse("helpdesk:api-cases"), data=payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert "bassin" in response.json()["errors"]
    assert not Case.objects.filter(bassin="S").exists()


def test_lists_search_and_exports_leave_out_sud(client, users, cases):
    verified_client(client, users["nord"])
    for url in (
        reverse("helpdesk:cases"),
        reverse("helpdesk:cases") + "?q=logement",
        reverse("helpdesk:cases") + "?q=Sud",
        reverse("helpdesk:cases") + "?bassin=S",
        reverse("helpdesk:home"),
        reverse("helpdesk:api-cases"),
        reverse("helpdesk:case-export", kwargs={"fmt": "csv"}),
        reverse("helpdesk:case-export", kwargs={"fmt": "csv"}) + "?free_text=1",
    ):
        body = client.get(url).content.decode()
        assert str(cases["sud"].uid) not in body, url
        assert "Sud urgent" not in body, url
    listing = client.get(reverse("helpdesk:api-cases")).json()["cases"]
    assert [c["id"] for c in listing] == [str(cases["nord"].uid)]


def test_guessing_ids_gives_404(client, users, cases):
    verified_client(client, users["nord"])
    # a random UUID, the Sud case's UUID, and sequential integer ids (no such route)
    assert client.get(reverse("helpdesk:case", kwargs={"uid": uuid.uuid4()})).status_code == 404
    assert client.get(case_url(cases["sud"])).status_code == 404
    for pk in (cases["sud"].pk, cases["nord"].pk):
        assert client.get(f"/fr/helpdesk/cases/{pk}/").status_code == 404


def test_admin_is_scoped_too(client, users, cases):
    coord = users["coord_nord"]
    verified_client(client, coord)
    listing = client.get("/admin/helpdesk/case/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert f"/admin/helpdesk/case/{cases['nord'].pk}/change/" in body
    assert f"/admin/helpdesk/case/{cases['sud'].pk}/change/" not in body
    sud = client.get(f"/admin/helpdesk/case/{cases['sud'].pk}/change/")
    assert sud.status_code == 302  # Django admin: "does not exist", back to the index
    assert "logement Sud urgent" not in client.get(sud["Location"]).content.decode()
    own = client.get(f"/admin/helpdesk/case/{cases['nord'].pk}/change/")
    assert own.status_code == 200
    read = AuditEntry.objects.filter(action="read", object_id=str(cases["nord"].uid)).last()
    assert read.detail == {"admin": True} and read.username == "coord-nord"
    assert client.post(f"/admin/helpdesk/case/{cases['nord'].pk}/delete/").status_code == 403
    # a change posted to the other bassin's case does not reach it
    client.post(f"/admin/helpdesk/case/{cases['sud'].pk}/change/", {"summary": "pris par Nord"})
    cases["sud"].refresh_from_db()
    assert cases["sud"].summary == "logement Sud urgent"


def test_admin_without_second_factor_sees_no_case(client, users, cases):
    client.force_login(users["coord_nord"])  # password only
    body = client.get("/admin/helpdesk/case/").content.decode()
    assert f"/admin/helpdesk/case/{cases['nord'].pk}/change/" not in body


def test_superuser_sees_no_case_without_membership(client, django_user_model, cases):
    from .conftest import make_user

    root = make_user(django_user_model, "root", staff=True)
    root.is_superuser = True
    root.save()
    verified_client(client, root)
    body = client.get("/admin/helpdesk/case/").content.decode()
    assert f"/admin/helpdesk/case/{cases['nord'].pk}/change/" not in body
    assert client.get(case_url(cases["nord"])).status_code == 404


def test_analyst_sees_no_case_but_statistics(client, users, cases):
    verified_client(client, users["analyst"])
    assert client.get(case_url(cases["nord"])).status_code == 404
    assert client.get(reverse("helpdesk:cases")).status_code == 404
    assert client.get(reverse("helpdesk:api-cases")).status_code == 404
    assert client.get(reverse("helpdesk:case-export", kwargs={"fmt": "csv"})).status_code == 404
    stats = client.get(reverse("helpdesk:api-statistics")).json()
    assert stats["suppressed"] is True
    assert stats["bassins"] == ["CO", "N", "NE", "S", "SE"]
    assert "logement" not in str(stats)


def test_anonymous_gets_login_or_404(client, cases):
    for url in (
        case_url(cases["nord"]),
        reverse("helpdesk:cases"),
        reverse("helpdesk:home"),
        reverse("helpdesk:case-export", kwargs={"fmt": "csv"}),
        reverse("helpdesk:statistics"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("helpdesk:login")), url
    for url in (
        reverse("helpdesk:api-cases"),
        reverse("helpdesk:api-case", kwargs={"uid": cases["nord"].uid}),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Nord" not in response.content.decode()
    admin = client.get(f"/admin/helpdesk/case/{cases['nord'].pk}/change/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_no_second_factor_no_case(client, users, cases):
    user = users["nodevice"]
    client.force_login(user)  # password only
    response = client.get(case_url(cases["nord"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("helpdesk:setup"))
    assert (
        client.get(reverse("helpdesk:api-case", kwargs={"uid": cases["nord"].uid})).status_code
        == 403
    )
    # with a confirmed device but not yet verified in this session: sent to the code page
    client.force_login(users["nord"])
    response = client.get(case_url(cases["nord"]))
    assert response["Location"].startswith(reverse("helpdesk:verify"))
    assert "logement Nord" not in client.get(reverse("helpdesk:api-cases")).content.decode()


def test_every_read_list_export_audited(client, users, cases):
    verified_client(client, users["nord"])
    before = AuditEntry.objects.count()
    client.get(case_url(cases["nord"]))
    read = AuditEntry.objects.order_by("-id").first()
    assert (read.action, read.object_type, read.object_id, read.bassin, read.username) == (
        "read",
        "case",
        str(cases["nord"].uid),
        "N",
        "resp-nord",
    )
    assert read.ip == "127.0.0.1"
    client.get(reverse("helpdesk:api-case", kwargs={"uid": cases["nord"].uid}))
    client.get(reverse("helpdesk:cases"))
    client.get(reverse("helpdesk:case-export", kwargs={"fmt": "xlsx"}))
    client.get(case_url(cases["sud"]))  # refused, and audited as such
    actions = list(
        AuditEntry.objects.filter(id__gt=0).order_by("id").values_list("action", flat=True)
    )[before:]
    assert actions == ["read", "read", "list", "export", "denied"]
    export = AuditEntry.objects.get(action="export")
    assert export.detail["cases"] == [str(cases["nord"].uid)]
    assert export.detail["format"] == "xlsx"
    denied = AuditEntry.objects.get(action="denied")
    assert (denied.bassin, denied.detail["uid"]) == ("S", str(cases["sud"].uid))


def test_case_pages_not_cached_not_indexed(client, users, cases):
    verified_client(client, users["nord"])
    for url in (
        case_url(cases["nord"]),
        reverse("helpdesk:login"),
        reverse("helpdesk:api-cases"),
        "/admin/helpdesk/case/",
    ):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "noindex" in response["X-Robots-Tag"], url
    assert "X-Robots-Tag" not in client.get("/fr/").headers


def test_session_ends_after_inactivity(client, users, cases):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    verified_client(client, users["nord"])
    assert client.get(case_url(cases["nord"])).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + timezone.timedelta(minutes=29)
    # as after 30 minutes without a request: the session has expired on the server
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    response = client.get(case_url(cases["nord"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("helpdesk:login"))


def test_session_renewed_at_most_once_a_minute(client, users, cases):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from bassins.helpdesk.middleware import RENEWED

    verified_client(client, users["nord"])
    url = case_url(cases["nord"])
    client.get(url)
    key = client.session.session_key
    first = Session.objects.get(pk=key).expire_date
    client.get(url)  # within the minute: the session is not written again
    assert Session.objects.get(pk=key).expire_date == first
    # as a minute later: renewed, 30 minutes from now
    session = client.session
    session[RENEWED] = int(session[RENEWED]) - 61
    session.save()
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() + timezone.timedelta(minutes=5)
    )
    client.get(url)
    renewed = Session.objects.get(pk=key).expire_date
    assert renewed > timezone.now() + timezone.timedelta(minutes=29)


def test_api_list_in_pages_and_scoped(client, users, cases):
    from .conftest import make_case

    for i in range(54):
        make_case("N", users["nord"] if i % 2 else users["coord_nord"], summary=f"n{i}")
    for _ in range(3):
        make_case("S", users["sud"])
    verified_client(client, users["nord"])
    url = reverse("helpdesk:api-cases")
    first = client.get(url).json()
    assert len(first["cases"]) == 50 and first["page"] == 1
    assert first["next"] == f"{url}?page=2"
    second = client.get(first["next"]).json()
    assert len(second["cases"]) == 5 and second["next"] is None  # 55 cases of bassin N in all
    ids = {c["id"] for c in first["cases"] + second["cases"]}
    assert len(ids) == 55 and str(cases["sud"].uid) not in ids
    assert {c["bassin"] for c in first["cases"] + second["cases"]} == {"N"}
    mine = client.get(url + "?mine=1").json()
    assert len(mine["cases"]) == 28  # the fixture's case and 27 of the 54
    assert client.get(url + "?page=x").status_code == 400
    listed = AuditEntry.objects.filter(action="list", object_type="case").order_by("id")
    assert [len(e.detail["cases"]) for e in listed] == [50, 5, 28]
