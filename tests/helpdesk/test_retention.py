"""The retention command anonymises exactly the cases closed on or before the cut-off; idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from bassins.cli import main
from bassins.helpdesk.models import Case, Contact, FollowUp, Orientation, Term, UnmetNeed
from bassins.helpdesk.retention import months_before

from .conftest import make_case

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


def test_months_before():
    assert months_before(dt.date(2026, 12, 1), 24) == dt.date(2024, 12, 1)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def closed_case(closed_on, summary):
    case = make_case(
        "N",
        opened_on=closed_on - dt.timedelta(days=10),
        closed_on=closed_on,
        status="closed",
        summary=summary,
        outcome="oriented",
        minutes_spent=45,
    )
    Orientation.objects.create(case=case, free_text="maison d'accueil du quartier")
    Contact.objects.create(case=case, on=closed_on, with_whom="CPAS", note="rappel prévu")
    FollowUp.objects.create(case=case, action="rappeler le CPAS", due_on=closed_on)
    UnmetNeed.objects.create(case=case, need=Term.objects.get(code="housing"), reason="full")
    return case


def run(*args):
    out = io.StringIO()
    call_command("helpdesk", "retention", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_boundary_and_idempotence():
    cutoff = dt.date(2024, 12, 1)
    expired = closed_case(cutoff, "le jour même")
    older = closed_case(cutoff - dt.timedelta(days=1), "la veille")
    kept = closed_case(cutoff + dt.timedelta(days=1), "le lendemain")
    still_open = make_case("N", opened_on=dt.date(2020, 1, 1), summary="toujours ouvert")

    dry = run("--dry-run")
    assert "would anonymise 2" in dry
    assert Case.objects.filter(summary="").count() == 0

    report = run()
    assert "cases closed on or before 2024-12-01: anonymised 2" in report
    assert "contacts removed: 2, follow-ups removed: 2, free-text orientations cleared: 2" in report
    for case in (expired, older):
        case.refresh_from_db()
        assert case.summary == "" and case.anonymised_on == TODAY
        assert not case.contacts.exists() and not case.follow_ups.exists()
        assert case.orientations.get().free_text == ""
        # what the statistics count is kept
        assert case.unmet_needs.count() == 1 and case.minutes_spent == 45
        assert list(case.situations.values_list("code", flat=True)) == ["housing"]
        assert case.outcome == "oriented"
    kept.refresh_from_db()
    still_open.refresh_from_db()
    assert kept.summary == "le lendemain" and kept.contacts.count() == 1
    assert still_open.summary == "toujours ouvert"

    second = run()
    assert "anonymised 0" in second
    assert "contacts removed: 0, follow-ups removed: 0, free-text orientations cleared: 0" in second


def test_bad_today_is_a_one_line_error(capsys):
    assert main(["helpdesk", "retention", "--today", "yesterday"]) == 2
    assert "--today" in capsys.readouterr().err
