"""What the agenda's data migration writes, shared with the tests (a transactional test elsewhere
flushes the migration's rows): the four working groups of each bassin, and the agenda's model
permissions in each bassin's editors group (bassins.web.editors)."""

from __future__ import annotations

from django.apps import apps as django_apps

from bassins.agenda import themes
from bassins.codes import BASSIN_CODES

#: What an editor of a bassin may do on each agenda model (the rows themselves are scoped to their
#: bassins by bassins.web.editors.BassinScopedAdmin). The four working groups are fixed: edited,
#: never added or deleted.
EDITOR_PERMISSIONS = {
    "workinggroup": ("view", "change"),
    "event": ("view", "add", "change", "delete"),
    "registration": ("view", "change", "delete"),
    "opendoorweek": ("view", "add", "change", "delete"),
    "visitslot": ("view", "add", "change", "delete"),
    "professional": ("view",),
    "booking": ("view", "change"),
}
#: Other apps' permissions an editor needs: picking the service and location of a visit slot in
#: the admin's search box (the directory is public data; viewing it changes nothing).
OTHER_PERMISSIONS = (("directory", "view_service"), ("directory", "view_location"))


def ensure_working_groups(apps=django_apps) -> int:
    """The four working groups of each of the five bassins, with their FR/NL purpose and no contact
    (idempotent: existing groups are left as the teams edited them). Returns how many were made."""
    WorkingGroup = apps.get_model("agenda", "WorkingGroup")
    made = 0
    for bassin in BASSIN_CODES:
        for theme in themes.THEMES:
            _group, created = WorkingGroup.objects.get_or_create(
                bassin=bassin,
                theme=theme,
                defaults={
                    "purpose_fr": themes.PURPOSES[theme]["fr"],
                    "purpose_nl": themes.PURPOSES[theme]["nl"],
                },
            )
            made += created
    return made


def ensure_editor_permissions(apps=django_apps) -> None:
    """Groups editors-<code> (made if absent) hold the agenda permissions of EDITOR_PERMISSIONS."""
    from django.contrib.auth.management import create_permissions

    from bassins.web.editors import editor_group_name

    config = apps.get_app_config("agenda")
    if getattr(config, "models_module", None) is None:
        config.models_module = True  # a migration's stub: let create_permissions run
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{a}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for a in actions]
    wanted = list(
        Permission.objects.filter(content_type__app_label="agenda", codename__in=codenames)
    )
    if len(wanted) != len(codenames):
        raise RuntimeError(f"agenda permissions missing: {len(wanted)} of {len(codenames)} found")
    for app, codename in OTHER_PERMISSIONS:
        found = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if found is None:
            config = apps.get_app_config(app)
            if getattr(config, "models_module", None) is None:
                config.models_module = True
            create_permissions(config, apps=apps, verbosity=0)
            found = Permission.objects.get(content_type__app_label=app, codename=codename)
        wanted.append(found)
    for code in BASSIN_CODES:
        group, _created = Group.objects.get_or_create(name=editor_group_name(code))
        group.permissions.add(*wanted)
