"""Statistics through the pages and API, on 5,000 cases in the database: analysts get every bassin
and the region, suppressed; a responder gets their bassin, unsuppressed; drafts are not counted."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.urls import reverse

from bassins.helpdesk.models import AuditEntry, Case, Orientation, Term, UnmetNeed

from .conftest import verified_client

pytestmark = pytest.mark.django_db

BASSINS = ["CO", "N", "NE", "S", "SE"]


@pytest.fixture
def many_cases(users):
    rng = np.random.default_rng(3)
    n = 5000
    bassins = rng.choice(BASSINS, n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    channels = rng.choice(["phone", "email", "visit", "other"], n, p=[0.6, 0.3, 0.098, 0.002])
    Case.objects.bulk_create(
        Case(
            bassin=b,
            channel=c,
            caller_profession="nurse",
            caller_organisation_type="cpas",
            opened_on=dt.date(2026, 1, 1) + dt.timedelta(days=int(i % 300)),
            minutes_spent=int(i % 90),
            status="open",
        )
        for i, (b, c) in enumerate(zip(bassins, channels, strict=True))
    )
    Case.objects.create(
        bassin="N",
        channel="phone",
        caller_profession="nurse",
        caller_organisation_type="cpas",
        status="draft",
    )
    ids = list(Case.objects.exclude(status="draft").order_by("id").values_list("id", flat=True))
    terms = list(Term.objects.order_by("code"))
    through = Case.situations.through
    through.objects.bulk_create(
        through(case_id=cid, term_id=terms[int(rng.integers(0, len(terms)))].pk) for cid in ids
    )
    Orientation.objects.bulk_create(
        Orientation(case_id=cid, free_text="x", category="housing") for cid in ids[::3]
    )
    UnmetNeed.objects.bulk_create(
        UnmetNeed(case_id=cid, need=terms[0], reason="full") for cid in ids[::7]
    )
    return bassins


def test_analyst_statistics_reconcile(client, users, many_cases):
    verified_client(client, users["analyst"])
    data = client.get(reverse("helpdesk:api-statistics")).json()
    assert data["suppressed"] is True
    channel = data["tables"]["channel"]
    assert channel["columns"] == [*BASSINS, "TOTAL"]
    total = channel["rows"]["TOTAL"]
    assert total[-1] == 5000  # the draft is not counted
    assert sum(total[:-1]) == 5000
    expected = {b: int((many_cases == b).sum()) for b in BASSINS}
    assert dict(zip(BASSINS, total[:-1], strict=True)) == expected
    other = channel["rows"]["other"]
    assert "x" in other  # 10 cases of 'other' over five bassins: some cells below 5
    phone = channel["rows"]["phone"]
    assert all(isinstance(v, int) for v in phone)
    assert sum(phone[:-1]) == phone[-1]
    assert AuditEntry.objects.filter(object_type="statistics", username="analyst").count() == 1


def test_responder_sees_own_bassin_unsuppressed(client, users, many_cases):
    verified_client(client, users["nord"])
    data = client.get(reverse("helpdesk:api-statistics")).json()
    assert data["bassins"] == ["N"] and data["suppressed"] is False
    channel = data["tables"]["channel"]
    assert channel["columns"] == ["N", "TOTAL"]
    assert channel["rows"]["TOTAL"] == [int((many_cases == "N").sum())] * 2
    page = client.get(reverse("helpdesk:statistics"))
    assert page.status_code == 200
    assert "Demandes par canal" in page.content.decode()
    nl = client.get(reverse("helpdesk:statistics").replace("/fr/", "/nl/")).content.decode()
    assert "Vragen per kanaal" in nl and "telefoon" in nl


def test_statistics_exports_audited(client, users, many_cases):
    verified_client(client, users["analyst"])
    csv = client.get(reverse("helpdesk:statistics-export", kwargs={"fmt": "csv"}))
    assert csv.status_code == 200
    lines = csv.content.decode().splitlines()
    assert lines[0] == "table,category,column,value"
    assert "channel,TOTAL,TOTAL,5000" in lines
    assert "unmet_by_territory,TOTAL,unknown,715" in lines  # one case in 7 of 5,000
    xlsx = client.get(reverse("helpdesk:statistics-export", kwargs={"fmt": "xlsx"}))
    assert xlsx.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", object_type="statistics").count() == 2


def test_case_export_no_free_text_unless_asked(client, users):
    from .conftest import make_case

    make_case("N", users["coord_nord"], summary="texte libre à ne pas exporter")
    verified_client(client, users["coord_nord"])
    plain = client.get(reverse("helpdesk:case-export", kwargs={"fmt": "csv"})).content.decode()
    assert "texte libre" not in plain and "summary" not in plain.splitlines()[0]
    full = client.get(reverse("helpdesk:case-export", kwargs={"fmt": "csv"}) + "?free_text=1")
    assert "texte libre à ne pas exporter" in full.content.decode()
    entries = AuditEntry.objects.filter(action="export", object_type="case").order_by("id")
    assert [e.detail["free_text"] for e in entries] == [False, True]
