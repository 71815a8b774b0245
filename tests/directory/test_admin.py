import pytest
from django.contrib.auth.models import User
from django.test import Client

from bassins.directory.models import Location, Metadata, Service


@pytest.fixture
def steward(db):
    return User.objects.create_superuser("steward", "steward@example.be", "a-long-password-1")


def test_edit_records_history_and_mark_verified(directory_loaded, steward):
    client = Client()
    client.force_login(steward)
    service = Service.objects.get(source="afmps", source_key="210708")
    url = f"/admin/directory/service/{service.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: (form.initial.get(name) if form.initial.get(name) is not None else "")
        for name in form.fields
    }
    data.update(
        {
            "name_nl": "Apotheek Anspach",
            "organization": str(service.organization_id),
            "status": "temporarily closed",
        }
    )
    for prefix_formset in page.context["inline_admin_formsets"]:
        formset = prefix_formset.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = (
                management.initial.get(name, 0) if name != "TOTAL_FORMS" else len(formset.forms)
            )
        for position, inline_form in enumerate(formset.forms):
            for name in inline_form.fields:
                value = inline_form.instance.pk if name == "id" else inline_form.initial.get(name)
                data[f"{formset.prefix}-{position}-{name}"] = (
                    "" if value is None else str(getattr(value, "pk", value))
                )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
        [f.formset.non_form_errors() for f in response.context["inline_admin_formsets"]],
    )
    changes = {
        (m.field_name, m.previous_value, m.replacement_value, m.updated_by)
        for m in Metadata.objects.filter(resource_id=service.pk)
    }
    assert ("name_nl", "Pharmacie Anspach", "Apotheek Anspach", "steward") in changes
    assert ("status", "active", "temporarily closed", "steward") in changes
    history_page = client.get(url)
    assert b"Apotheek Anspach" in history_page.content and b"steward" in history_page.content
    location = Location.objects.get(source="afmps", source_key="210708")
    response = client.post(
        "/admin/directory/location/",
        {"action": "mark_verified", "_selected_action": [str(location.pk)]},
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert (
        location.verified_by == "steward"
        and location.assured_date is not None
        and not location.is_stale()
    )
    assert Metadata.objects.filter(
        resource_id=location.pk, field_name="verified_by", replacement_value="steward"
    ).exists()


def test_admin_lists(directory_loaded, steward):
    client = Client()
    client.force_login(steward)
    for path in (
        "organization",
        "service",
        "location",
        "metadata",
        "duplicatecandidate",
        "importrun",
    ):
        assert client.get(f"/admin/directory/{path}/").status_code == 200, path
    assert client.get("/admin/directory/service/?stale=yes").status_code == 200
