"""Agenda fixtures: the working groups and editors groups as the migration makes them (a
transactional test elsewhere may have flushed them), events in bassins Nord and Sud, editors."""

from __future__ import annotations

import datetime as dt

import pytest

from agenda.helpers import future

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def french():
    from django.utils import translation

    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def seeded(request):
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from bassins.agenda.seed import ensure_editor_permissions, ensure_working_groups

    ensure_working_groups()
    ensure_editor_permissions()


@pytest.fixture
def make_event():
    from bassins.agenda.models import Event

    def make(bassin="N", *, days=10, hours=2, **fields):
        start = fields.pop("start", None) or future(days)
        values = {
            "bassin": bassin,
            "title_fr": f"Atelier du changement {bassin}",
            "title_nl": f"Atelier van de verandering {bassin}",
            "start": start,
            "end": fields.pop("end", None) or start + dt.timedelta(hours=hours),
            "place_name": "Maison de quartier",
            "street": "Rue de la Loi",
            "house_number": "16",
            "postcode": "1000",
            "commune_name": "Bruxelles",
            **fields,
        }
        return Event.objects.create(**values)

    return make


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    def make(name, *bassins, staff=True):
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=staff)
        for code in bassins:
            user.groups.add(Group.objects.get(name=f"editors-{code}"))
        return user

    return make
