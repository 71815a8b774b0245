"""Accounts: the login with a TOTP code, lockout after repeated failures (django-axes), the audit log
append-only, sessions ending after inactivity, password rules."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bassins.helpdesk.models import AuditEntry, AuditError

from .conftest import PASSWORD, current_token, verified_client

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("helpdesk:login"), {"username": username, "password": password})


def test_login_then_totp_code_then_case(client, users, cases):
    response = login(client, "resp-nord", PASSWORD)
    assert response.status_code == 302
    case_url = reverse("helpdesk:case", kwargs={"uid": cases["nord"].uid})
    assert client.get(case_url)["Location"].startswith(reverse("helpdesk:verify"))
    wrong = client.post(reverse("helpdesk:verify"), {"token": "000000", "next": case_url})
    assert wrong.status_code == 200 and "pas valide" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=users["nord"])
    device.throttling_failure_count = 0  # the wrong code above throttles the next try
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("helpdesk:verify"), {"token": current_token(device), "next": case_url})
    assert ok.status_code == 302 and ok["Location"] == case_url
    assert client.get(case_url).status_code == 200


def test_first_login_sets_up_the_device(client, users, cases):
    login(client, "resp-nodevice", PASSWORD)
    page = client.get(reverse("helpdesk:setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=users["nodevice"], confirmed=False)
    assert "otpauth://totp/" in page.content.decode()
    response = client.post(reverse("helpdesk:setup"), {"token": current_token(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert (
        client.get(reverse("helpdesk:case", kwargs={"uid": cases["nord"].uid})).status_code == 200
    )


def test_lockout_after_repeated_failures(client, users):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        assert login(client, "resp-nord", "wrong password").status_code == 200
    locked = login(client, "resp-nord", "wrong password")
    assert locked.status_code == 429
    # even the right password is refused while locked out
    again = login(client, "resp-nord", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_audit_entries_cannot_be_changed_or_deleted(client, users, cases):
    verified_client(client, users["nord"])
    client.get(reverse("helpdesk:case", kwargs={"uid": cases["nord"].uid}))
    entry = AuditEntry.objects.get(action="read")
    entry.action = "nothing"
    with pytest.raises(AuditError):
        entry.save()
    with pytest.raises(AuditError):
        entry.delete()
    with pytest.raises(AuditError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing")
    with pytest.raises(AuditError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "read"


def test_audit_in_admin_read_only_and_scoped(client, users, cases):
    model_admin = admin.site._registry[AuditEntry]
    verified_client(client, users["coord_nord"])
    client.get(reverse("helpdesk:case", kwargs={"uid": cases["nord"].uid}))
    verified_client(client, users["sud"])
    client.get(reverse("helpdesk:case", kwargs={"uid": cases["sud"].uid}))
    verified_client(client, users["coord_nord"])
    nord = AuditEntry.objects.filter(bassin="N", action="read").first()
    sud = AuditEntry.objects.filter(bassin="S", action="read").first()
    listing = client.get("/admin/helpdesk/auditentry/").content.decode()
    assert f"/admin/helpdesk/auditentry/{nord.pk}/change/" in listing
    assert f"/admin/helpdesk/auditentry/{sud.pk}/change/" not in listing
    request = type("R", (), {"user": users["coord_nord"]})()
    assert not model_admin.has_change_permission(request, nord)
    assert not model_admin.has_delete_permission(request, nord)
    assert not model_admin.has_add_permission(request)
    assert client.post(f"/admin/helpdesk/auditentry/{nord.pk}/delete/").status_code == 403
    response = client.post(f"/admin/helpdesk/auditentry/{nord.pk}/change/", {"action": "x"})
    assert response.status_code in (302, 403)
    assert AuditEntry.objects.get(pk=nord.pk).action == "read"
    page = client.get(reverse("helpdesk:audit")).content.decode()
    assert "resp-sud" not in page and "coord-nord" in page
    verified_client(client, users["nord"])  # a responder does not consult the audit
    assert client.get(reverse("helpdesk:audit")).status_code == 404


def test_session_and_cookie_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # renewed at most once a minute by the helpdesk's middleware, just after the sessions' one
    assert not settings.SESSION_SAVE_EVERY_REQUEST and settings.BASSINS_SESSION_RENEW_SECONDS == 60
    at = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert settings.MIDDLEWARE[at + 1] == "bassins.helpdesk.middleware.SessionRenewalMiddleware"
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_password_rules(django_user_model):
    user = django_user_model(username="marie.dupont")
    for weak in ("short1", "123456789012", "password1234", "marie.dupont1"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("orange-velo-canal-1080", user)


def test_api_post_needs_csrf(users):
    from django.test import Client

    client = verified_client(Client(enforce_csrf_checks=True), users["nord"])
    response = client.post(reverse("helpdesk:api-cases"), data={}, content_type="application/json")
    assert response.status_code == 403
