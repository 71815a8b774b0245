"""The groups editors-<code> (one per bassin, bassins.web.editors) with the permissions on the sites'
models: add, change, delete and view pages, news and team members; add, change and view the
bassin's site settings (the helpdesk line, one row per bassin, created here empty: the phone is then
the territory data's). Other apps add their own models' permissions to the same groups
in their migrations (get_or_create)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BASSIN_CODES = ("CO", "N", "NE", "S", "SE")  # bassins.codes.BASSIN_CODES when this was written
PERMISSIONS = {
    "page": ("add", "change", "delete", "view"),
    "news": ("add", "change", "delete", "view"),
    "teammember": ("add", "change", "delete", "view"),
    "bassinsite": ("add", "change", "view"),
}


def create_groups(apps, schema_editor):
    # the permissions of this app's models exist only after post_migrate: create them now
    config = apps.get_app_config("bassin_sites")
    previous = getattr(config, "models_module", None)
    config.models_module = previous or True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = list(
        Permission.objects.filter(content_type__app_label="bassin_sites", codename__in=wanted)
    )
    if len(permissions) != len(wanted):
        raise RuntimeError(f"bassin_sites permissions: found {len(permissions)} of {len(wanted)}")
    for code in BASSIN_CODES:
        group, _ = Group.objects.get_or_create(name=f"editors-{code}")
        group.permissions.add(*permissions)
    BassinSite = apps.get_model("bassin_sites", "BassinSite")
    for code in BASSIN_CODES:
        BassinSite.objects.get_or_create(bassin=code)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="bassin_sites")
    for group in Group.objects.filter(name__in=[f"editors-{code}" for code in BASSIN_CODES]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("bassin_sites", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_permissions)]
