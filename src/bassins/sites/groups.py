"""The groups editors-<code> with the sites' permissions, and one BassinSite row per bassin: what
the migration `0002_editor_groups` makes, made again where a flushed database lost it (tests after a
transactional test, a database restored without its data). Idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from bassins import codes
from bassins.web.editors import editor_group_name

#: The permissions an editor of a bassin has on the sites' models.
PERMISSIONS = {
    "page": ("add", "change", "delete", "view"),
    "news": ("add", "change", "delete", "view"),
    "teammember": ("add", "change", "delete", "view"),
    "bassinsite": ("add", "change", "view"),
}


def ensure_editor_groups() -> None:
    """Create what is missing of the groups, their sites permissions and the BassinSite rows."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from bassins.sites.models import BassinSite

    create_permissions(apps.get_app_config("bassin_sites"), verbosity=0)
    wanted = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = list(
        Permission.objects.filter(content_type__app_label="bassin_sites", codename__in=wanted)
    )
    for code in codes.BASSIN_CODES:
        group, _ = Group.objects.get_or_create(name=editor_group_name(code))
        group.permissions.add(*permissions)
        BassinSite.objects.get_or_create(bassin=code)
