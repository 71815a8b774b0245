"""Django groups of the helpdesk roles, with their model permissions; kept in step with memberships.

The groups give the model permissions (admin screens); which cases a user sees is decided by
`bassins.helpdesk.access`, never by the group alone.
"""

from __future__ import annotations

from bassins.helpdesk.models import Role

CASE_MODELS = ("case", "orientation", "contact", "followup", "unmetneed")
PERMISSIONS = {
    Role.RESPONDER: [f"helpdesk.{a}_{m}" for m in CASE_MODELS for a in ("view", "add", "change")]
    + ["helpdesk.view_term"],
    Role.COORDINATOR: [f"helpdesk.{a}_{m}" for m in CASE_MODELS for a in ("view", "add", "change")]
    + ["helpdesk.view_term", "helpdesk.view_auditentry"]
    + [f"helpdesk.{a}_partner" for a in ("view", "add", "change")],
    Role.ANALYST: [],
    Role.ADMINISTRATOR: [
        f"helpdesk.{a}_{m}"
        for m in ("membership", "term", "partner")
        for a in ("view", "add", "change")
    ]
    + [
        "helpdesk.delete_membership",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
    ],
}


def ensure_groups(**kwargs) -> None:
    """Create (or complete) the four groups with their permissions; idempotent."""
    from django.contrib.auth.models import Group, Permission

    from bassins.helpdesk.access import GROUP_NAMES

    for role, names in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        wanted = []
        for name in names:
            app, codename = name.split(".")
            wanted += list(
                Permission.objects.filter(content_type__app_label=app, codename=codename)
            )
        group.permissions.set(wanted)


def sync_user_groups(user) -> None:
    """The user is in the group of each role they hold a membership for, and in no other."""
    from django.contrib.auth.models import Group

    from bassins.helpdesk.access import GROUP_NAMES

    held = set(user.helpdesk_memberships.values_list("role", flat=True))
    for role, name in GROUP_NAMES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
