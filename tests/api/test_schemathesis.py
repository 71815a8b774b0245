"""schemathesis against the OpenAPI 3.1 schema, over every operation of /api/, through the Django WSGI
application: no server error, every response conforms to the schema (status code, content type,
headers, body). A bounded number of examples per operation (generated from the schema, and
schemathesis' own examples of each parameter's edge values)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bassins.api.api import api

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
application = get_wsgi_application()
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request (Django's test client
    does not): that would end the test's transaction on PostgreSQL. Keep it, as the client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def events(db):
    """Hand-made events, so that the event operations return objects to check: published ones
    (with a placed address, online, with a capacity), a cancelled one, a past one and a draft."""
    import datetime as dt

    from django.utils import timezone

    from bassins.agenda.models import Event
    from bassins.agenda.seed import ensure_working_groups

    ensure_working_groups()
    now = timezone.now().replace(microsecond=0)
    common = {"title_fr": "Atelier", "title_nl": "Atelier", "description_fr": "<p>Texte</p>"}
    for days, fields in (
        (
            3,
            {
                "bassin": "N",
                "street": "Rue de la Loi",
                "postcode": "1000",
                "latitude": 50.85,
                "longitude": 4.36,
                "capacity": 10,
            },
        ),
        (5, {"bassin": "S", "online_url": "https://meet.example.org/x"}),
        (7, {"bassin": "SE", "place_name": "Salle", "status": Event.Status.CANCELLED}),
        (-9, {"bassin": "NE", "place_name": "Salle"}),
        (4, {"bassin": "CO", "place_name": "Salle", "status": Event.Status.DRAFT}),
    ):
        start = now + dt.timedelta(days=days)
        Event.objects.create(start=start, end=start + dt.timedelta(hours=2), **common, **fields)


def test_every_operation_is_tested():
    operations = {op.ok().path for op in schema.get_all_operations()}
    assert {
        "/api/hsds/",
        "/api/hsds/services",
        "/api/hsds/services/{id}",
        "/api/hsds/service_at_locations",
        "/api/hsds/organizations",
        "/api/hsds/organizations/{id}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
        "/api/territories/{layer}",
        "/api/offer/{layer}/{code}/{table}",
        "/api/opendata/territories/{layer}",
        "/api/opendata/services",
        "/api/opendata/directory-hsds.zip",
        "/api/indicators/",
        "/api/indicators/{indicator_id}",
        "/api/indicators/{indicator_id}/values",
        "/api/events/",
        "/api/events/{event_id}",
    } <= operations


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, loaded, events, keep_connection):
    case.call_and_validate(app=application, checks=CHECKS)
