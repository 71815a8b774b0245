"""Recording a case: the page form (with inlines and draft), the JSON API, and the screening of free
text (a national number or a phone number refused, the field named)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bassins.helpdesk.models import AuditEntry, Case, FollowUp, Term

from .conftest import make_case, verified_client

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85.07.30-033.28"


def management(prefix, total=1):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def form_data(**extra):
    data = {
        "bassin": "N",
        "opened_on": "2026-11-20",
        "channel": "phone",
        "caller_profession": "social_worker",
        "caller_organisation_type": "cpas",
        "situations": [Term.objects.get(code="housing").pk, Term.objects.get(code="income").pk],
        "needs": [Term.objects.get(code="housing").pk],
        "age_band": "25-44",
        "outcome": "oriented",
        "minutes_spent": "35",
        "summary": "famille expulsée, 2 enfants",
        **management("orientations", 2),
        **management("contacts"),
        **management("follow_ups"),
        **management("unmet_needs"),
        "orientations-0-free_text": "maison d'accueil",
        "orientations-1-free_text": "service social du quartier",
        "unmet_needs-0-need": Term.objects.get(code="housing").pk,
        "unmet_needs-0-reason": "full",
        "follow_ups-0-action": "rappeler l'assistante sociale",
        "follow_ups-0-due_on": "2026-11-27",
    }
    data.update(extra)
    return data


def test_case_recorded_with_inlines_and_audited(client, users):
    verified_client(client, users["nord"])
    response = client.post(reverse("helpdesk:case-new"), form_data(save="1"))
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert (case.bassin, case.status, case.created_by) == ("N", "open", users["nord"])
    assert case.orientations.count() == 2
    assert case.unmet_needs.get().reason == "full"
    assert sorted(case.situations.values_list("code", flat=True)) == ["housing", "income"]
    assert AuditEntry.objects.filter(action="create", object_id=str(case.uid)).count() == 1
    home = client.get(reverse("helpdesk:home")).content.decode()
    assert "rappeler l&#x27;assistante sociale" in home  # the follow-up due


def test_save_as_draft(client, users):
    verified_client(client, users["nord"])
    client.post(reverse("helpdesk:case-new"), form_data(save_draft="1"))
    assert Case.objects.get().status == "draft"


@pytest.mark.parametrize(
    ("field", "value", "label", "what"),
    [
        ("summary", f"NN {NATIONAL_NUMBER} à vérifier", "résumé", "un numéro de registre national"),
        ("summary", "rappeler au 0470 12 34 56", "résumé", "un numéro de téléphone"),
        (
            "orientations-0-free_text",
            "tel 02 512 34 56",
            "autre service (texte libre)",
            "un numéro de téléphone",
        ),
        ("follow_ups-0-action", "écrire à jdupont@example.be", "action", "une adresse e-mail"),
        ("summary", "Madame Dupont rappellera", "résumé", "le nom d&#x27;une personne"),
        (
            "contacts-0-with_whom",
            "M. Janssens du CPAS",
            "avec (type d&#x27;organisation ou service)",
            "le nom d&#x27;une personne",
        ),
    ],
)
def test_identifying_free_text_refused_naming_the_field(client, users, field, value, label, what):
    verified_client(client, users["nord"])
    response = client.post(reverse("helpdesk:case-new"), form_data(**{field: value}, save="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Le champ « {label} » semble contenir {what}" in body
    assert not Case.objects.exists()


def test_refused_in_dutch(client, users):
    verified_client(client, users["nord"])
    response = client.post(
        reverse("helpdesk:case-new").replace("/fr/", "/nl/"),
        form_data(summary=f"rijksregisternummer {NATIONAL_NUMBER}", save="1"),
    )
    assert response.status_code == 200
    assert (
        "Het veld ‘samenvatting’ lijkt een rijksregisternummer te bevatten"
        in response.content.decode()
    )
    assert not Case.objects.exists()


def test_model_save_screens_too(users):
    case = make_case("N")
    case.summary = "bellen: +32 470 12 34 56"
    with pytest.raises(ValidationError) as error:
        case.save()
    assert "summary" in error.value.message_dict
    with pytest.raises(ValidationError):
        FollowUp(case=case, action=f"NISS {NATIONAL_NUMBER}", due_on="2026-12-01").save()


def test_api_create_read_update(client, users):
    verified_client(client, users["nord"])
    payload = {
        "bassin": "N",
        "opened_on": "2026-11-20",
        "channel": "email",
        "caller_profession": "nurse",
        "caller_organisation_type": "hospital",
        "situations": ["mental-health"],
        "needs": ["mental-health", "isolation"],
        "minutes_spent": 20,
        "summary": "sortie d'hospitalisation",
        "orientations": [{"free_text": "centre de santé mentale"}],
        "unmet_needs": [{"need": "mental-health", "reason": "language"}],
    }
    created = client.post(
        reverse("helpdesk:api-cases"), data=payload, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["needs"] == ["isolation", "mental-health"] or body["needs"] == [
        "mental-health",
        "isolation",
    ]
    assert body["unmet_needs"] == [
        {"need": "mental-health", "territory_layer": "", "territory_code": "", "reason": "language"}
    ]
    url = reverse("helpdesk:api-case", kwargs={"uid": body["id"]})
    update = {**payload, "outcome": "resolved", "orientations": [{"free_text": "SSM"}]}
    updated = client.post(url, data=update, content_type="application/json").json()
    assert updated["outcome"] == "resolved"
    assert [o["free_text"] for o in updated["orientations"]] == ["SSM"]
    refused = client.post(
        url, data={**update, "summary": f"NN {NATIONAL_NUMBER}"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "summary" in refused.json()["errors"]
    assert client.get(url).json()["summary"] == "sortie d'hospitalisation"


def test_territory_code_checked(client, users, loaded_territories):
    verified_client(client, users["nord"])
    bad = client.post(
        reverse("helpdesk:case-new"),
        form_data(territory_layer="commune", territory_code="99999", save="1"),
    )
    assert "Code inconnu « 99999 »." in bad.content.decode()
    good = client.post(
        reverse("helpdesk:case-new"),
        form_data(territory_layer="commune", territory_code="21015", save="1"),
    )
    assert good.status_code == 302
    assert Case.objects.get().territory_code == "21015"


def test_spare_rows_without_javascript_and_more_rows_than_shown(client, users):
    verified_client(client, users["nord"])
    page = client.get(reverse("helpdesk:case-new")).content.decode()
    # without JavaScript: two spare orientation rows and one of each other kind
    assert 'name="orientations-1-free_text"' in page and 'name="contacts-0-with_whom"' in page
    assert 'name="orientations-2-free_text"' not in page
    # the "add a row" buttons (shown by the script) and the empty rows they copy
    for label in ("Ajouter une orientation", "Ajouter un contact", "Ajouter un suivi"):
        assert f'<button type="button" data-add-row hidden>{label}</button>' in page
    assert 'name="orientations-__prefix__-free_text"' in page
    # rows added in the page are counted in TOTAL_FORMS and all saved
    data = form_data(save="1")
    data.update(management("orientations", 4))
    data.update({f"orientations-{i}-free_text": f"service {i}" for i in range(4)})
    data.update(management("follow_ups", 2))
    data.update({"follow_ups-1-action": "écrire au CPAS", "follow_ups-1-due_on": "2026-12-04"})
    assert client.post(reverse("helpdesk:case-new"), data).status_code == 302
    case = Case.objects.get()
    assert [o.free_text for o in case.orientations.all()] == [f"service {i}" for i in range(4)]
    assert case.follow_ups.count() == 2


def test_my_open_cases_and_follow_ups_due(client, users):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    mine = make_case("N", users["nord"], summary="mon dossier ouvert")
    draft = make_case("N", users["nord"], summary="mon brouillon", status="draft")
    make_case("N", users["nord"], summary="mon dossier clos", status="closed", closed_on=today)
    theirs = make_case("N", users["coord_nord"], summary="dossier d'un collègue")
    FollowUp.objects.create(case=theirs, action="relancer le SSM", due_on=today - dt.timedelta(1))
    FollowUp.objects.create(case=mine, action="plus tard", due_on=today + dt.timedelta(30))
    FollowUp.objects.create(case=mine, action="déjà fait", due_on=today, done=True)
    verified_client(client, users["nord"])
    home = client.get(reverse("helpdesk:home")).content.decode()
    assert "mon dossier ouvert" in home and "mon brouillon" in home
    assert "mon dossier clos" not in home and "dossier d&#x27;un collègue" not in home
    assert "relancer le SSM" in home and 'class="late"' in home  # due in the bassin, late
    assert "plus tard" not in home and "déjà fait" not in home
    assert draft.status == "draft"
