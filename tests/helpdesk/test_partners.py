"""The caller's name only for registered partners: the registry (per bassin, admin scoped to its
coordinators), the case form offers it only when the bassin has partners, and a name that is not a
registered partner cannot be saved through the form, the API or the model."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bassins.helpdesk.models import Case, Partner
from bassins.helpdesk.retention import anonymise

from .conftest import make_case, verified_client
from .test_case_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(db):
    return {
        "nord": Partner.objects.create(
            bassin="N", kind="professional", name="Anne Martin", organisation="Asbl Nord"
        ),
        "sud": Partner.objects.create(bassin="S", kind="organisation", name="Maison Sud"),
    }


def stored(case) -> str:
    """Everything the database holds about a case, as text."""
    rows = [Case.objects.filter(pk=case.pk).values().get()]
    for name in ("orientations", "contacts", "follow_ups", "unmet_needs"):
        rows += list(getattr(case, name).values())
    return str(rows)


def test_form_offers_names_only_of_registered_partners(client, users, partners):
    verified_client(client, users["sud"])  # bassin S has a partner: offered
    page = client.get(reverse("helpdesk:case-new")).content.decode()
    assert 'id="id_caller_partner"' in page and "Maison Sud" in page and "Anne Martin" not in page
    Partner.objects.filter(bassin="N").delete()
    verified_client(client, users["nord"])  # bassin N has none: no caller name at all
    page = client.get(reverse("helpdesk:case-new")).content.decode()
    assert 'id="id_caller_partner"' not in page


def test_partner_recorded_through_the_form(client, users, partners):
    verified_client(client, users["nord"])
    data = form_data(caller_partner=partners["nord"].pk, save="1")
    assert client.post(reverse("helpdesk:case-new"), data).status_code == 302
    case = Case.objects.get()
    assert case.caller_partner == partners["nord"]
    page = client.get(reverse("helpdesk:case", kwargs={"uid": case.uid})).content.decode()
    assert "Anne Martin (Asbl Nord)" in page


def test_non_partner_name_cannot_be_saved_through_the_form(client, users, partners):
    verified_client(client, users["nord"])
    # a name typed in a field the form does not have is dropped, never stored
    client.post(reverse("helpdesk:case-new"), form_data(caller_name="Jean Dupont", save="1"))
    case = Case.objects.get()
    assert case.caller_partner is None and "Jean Dupont" not in stored(case)
    # another bassin's partner, or an id that is no partner, is refused with the field named
    for pk in (partners["sud"].pk, 999999):
        response = client.post(reverse("helpdesk:case-new"), form_data(caller_partner=pk, save="1"))
        assert response.status_code == 200
        assert 'class="field invalid"><label for="id_caller_partner"' in response.content.decode()
    # a name typed in the free text is refused by the screening
    response = client.post(
        reverse("helpdesk:case-new"), form_data(summary="appel de M. Dupont", save="1")
    )
    assert "le nom d&#x27;une personne" in response.content.decode()
    assert Case.objects.count() == 1


def test_non_partner_name_cannot_be_saved_through_the_api(client, users, partners):
    verified_client(client, users["nord"])
    payload = {
        "bassin": "N",
        "opened_on": "2026-11-20",
        "channel": "phone",
        "caller_profession": "nurse",
        "caller_organisation_type": "hospital",
        "minutes_spent": 5,
    }
    url = reverse("helpdesk:api-cases")
    named = client.post(
        url, data={**payload, "caller_name": "Jean Dupont"}, content_type="application/json"
    )
    assert named.status_code == 400 and "caller_name" in named.json()["error"]
    other = client.post(
        url, data={**payload, "caller_partner": partners["sud"].pk}, content_type="application/json"
    )
    assert other.status_code == 400 and "caller_partner" in other.json()["errors"]
    assert not Case.objects.exists()
    ok = client.post(
        url,
        data={**payload, "caller_partner": partners["nord"].pk},
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert ok.json()["caller_partner"] == {
        "id": partners["nord"].pk,
        "name": "Anne Martin (Asbl Nord)",
    }


def test_model_refuses_another_bassins_partner(partners):
    case = make_case("N")
    case.caller_partner = partners["sud"]
    with pytest.raises(ValidationError) as error:
        case.save()
    assert "caller_partner" in error.value.message_dict


def test_registry_admin_scoped_to_coordinators(client, users, partners):
    verified_client(client, users["coord_nord"])
    listing = client.get("/admin/helpdesk/partner/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Anne Martin" in body and "Maison Sud" not in body
    assert client.get(f"/admin/helpdesk/partner/{partners['sud'].pk}/change/").status_code == 302
    added = client.post(
        "/admin/helpdesk/partner/add/",
        {"bassin": "S", "kind": "organisation", "name": "Intrus", "active": "on"},
    )
    assert added.status_code == 200 and not Partner.objects.filter(name="Intrus").exists()
    verified_client(client, users["nord"])  # a responder does not manage the registry
    assert client.get("/admin/helpdesk/partner/").status_code in (302, 403)


def test_retention_removes_the_partner_link(partners):
    case = make_case(
        "N", caller_partner=partners["nord"], closed_on=dt.date(2023, 1, 10), status="closed"
    )
    anonymise(dt.date(2026, 12, 1), 24)
    case.refresh_from_db()
    assert case.caller_partner is None and case.anonymised_on == dt.date(2026, 12, 1)
