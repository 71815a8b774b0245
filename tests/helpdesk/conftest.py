"""Helpdesk fixtures: users in each role (bassins Nord 'N' and Sud 'S'), clients logged in with a
verified second factor (a confirmed TOTP device, as the login flow leaves the session), cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bassins.helpdesk.models import Case, Membership, Role, Term

PASSWORD = "correct-horse-battery-staple-42"


def make_user(django_user_model, username, memberships=(), *, device=True, staff=False):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=staff)
    for role, bassin in memberships:
        Membership.objects.create(user=user, role=role, bassin=bassin)
    if device:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def current_token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verified_client(client, user):
    """The test client logged in as `user`, second factor verified (as after /helpdesk/verify/)."""
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture(autouse=True)
def french():
    """URLs reversed in French whatever language the previous test's request left active."""
    from django.utils import translation

    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def situation_terms(request):
    """The taxonomy as the migration loads it (a transactional test elsewhere may have flushed it)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from bassins.helpdesk.taxonomy import load_terms

    load_terms(Term)


@pytest.fixture
def users(db, django_user_model):
    return {
        "nord": make_user(django_user_model, "resp-nord", [(Role.RESPONDER, "N")]),
        "sud": make_user(django_user_model, "resp-sud", [(Role.RESPONDER, "S")]),
        "both": make_user(
            django_user_model, "resp-both", [(Role.RESPONDER, "N"), (Role.RESPONDER, "NE")]
        ),
        "coord_nord": make_user(
            django_user_model, "coord-nord", [(Role.COORDINATOR, "N")], staff=True
        ),
        "analyst": make_user(django_user_model, "analyst", [(Role.ANALYST, "")]),
        "admin": make_user(django_user_model, "hd-admin", [(Role.ADMINISTRATOR, "")], staff=True),
        "nodevice": make_user(
            django_user_model, "resp-nodevice", [(Role.RESPONDER, "N")], device=False
        ),
    }


def make_case(bassin, user=None, **fields):
    defaults = dict(
        bassin=bassin,
        channel="phone",
        caller_profession="social_worker",
        caller_organisation_type="cpas",
        opened_on=dt.date(2026, 3, 2),
        summary=f"demande logement {bassin}",
        created_by=user,
    )
    defaults.update(fields)
    terms = defaults.pop("terms", ["housing"])
    case = Case.objects.create(**defaults)
    case.situations.set(Term.objects.filter(code__in=terms))
    case.needs.set(Term.objects.filter(code__in=terms))
    return case


@pytest.fixture
def cases(users):
    return {
        "nord": make_case("N", users["nord"], summary="logement Nord urgent"),
        "sud": make_case("S", users["sud"], summary="logement Sud urgent"),
    }
