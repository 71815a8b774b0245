"""The helpdesk in a browser: a responder logs in with a TOTP code, searches services in Dutch,
records a case with two orientations and an unmet need, and finds it counted in the statistics of
their bassin."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from helpdesk.conftest import PASSWORD, current_token

from bassins.directory.models import Location, Organization, Service, ServiceAtLocation
from bassins.helpdesk.models import Case, Membership, Role, Term
from bassins.helpdesk.taxonomy import load_terms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def responder(django_user_model):
    load_terms(Term)  # the flush of an earlier transactional test removes the migration's rows
    user = django_user_model.objects.create_user("resp-noord", password=PASSWORD)
    Membership.objects.create(user=user, role=Role.RESPONDER, bassin="N")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    organization = Organization.objects.create(name_fr="Asbl Nord", name_nl="Vzw Noord")
    for fr, nl in (
        ("Maison d'accueil Nord", "Onthaalhuis Noord"),
        ("Service de santé mentale Nord", "Centrum geestelijke gezondheid Noord"),
    ):
        service = Service.objects.create(organization=organization, name_fr=fr, name_nl=nl)
        location = Location.objects.create(
            organization=organization, name_fr=fr, name_nl=nl, commune="21015"
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    return user, device


def test_responder_records_a_case_and_sees_it_counted(page_in, responder, assert_accessible):
    user, device = responder
    page = page_in("nl", "helpdesk/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#token")
    assert "/nl/helpdesk/verify/" in page.url
    page.fill("#token", current_token(device))
    page.press("#token", "Enter")
    page.wait_for_selector("text=Mijn open dossiers")

    page = page_in("nl", "helpdesk/cases/new/")
    assert_accessible(page)
    page.select_option("#id_channel", "phone")
    page.select_option("#id_caller_profession", "nurse")
    page.select_option("#id_caller_organisation_type", "hospital")
    page.fill("#id_minutes_spent", "40")
    filter_box = page.locator("[data-term-filter] [data-filter-input]").first
    filter_box.fill("huisv")  # Dutch label of 'housing': Huisvesting
    filter_box.press("Enter")  # ticks the first term shown
    for index, query in ((0, "Onthaal"), (1, "geestelijke")):
        search = page.locator(f"#id_orientations-{index}-service_label")
        search.fill(query)
        page.wait_for_selector(f"#id_orientations-{index}-service_label-results li")
        search.press("ArrowDown")
        search.press("Enter")
    # "add a row" by keyboard: a third orientation row appears with the focus in it (left empty)
    add = page.locator("[data-inline-set=orientations] [data-add-row]")
    assert add.inner_text() == "Een doorverwijzing toevoegen"
    add.focus()
    add.press("Enter")
    third = page.locator("#id_orientations-2-service_label")
    assert third.evaluate("element => element === document.activeElement")
    assert page.locator("#id_orientations-TOTAL_FORMS").input_value() == "3"
    page.select_option("#id_unmet_needs-0-need", label="Huisvesting")
    page.select_option("#id_unmet_needs-0-reason", "full")
    page.click("button[name=save]")
    page.wait_for_selector("text=Dossier opgeslagen.")

    case = Case.objects.get()
    assert case.bassin == "N" and case.created_by == user
    assert list(case.situations.values_list("code", flat=True)) == ["housing"]
    names = sorted(o.service_at_location.service.name_nl for o in case.orientations.all())
    assert names == ["Centrum geestelijke gezondheid Noord", "Onthaalhuis Noord"]
    assert case.unmet_needs.get().reason == "full"

    page = page_in("nl", "helpdesk/statistics/")
    orientations = page.locator("table[data-table=orientations] tr.total td")
    assert orientations.all_inner_texts() == ["2", "2"]  # bassin N, TOTAL
    assert page.locator("table[data-table=orientations] tbody th").first.inner_text() == (
        "zonder categorie"
    )
    unmet = page.locator("table[data-table=unmet_needs] tr", has_text="Huisvesting")
    assert unmet.locator("td").all_inner_texts() == ["1", "1"]
    assert_accessible(page)
