"""The four working groups of each bassin (FR/NL purpose, contacts empty until edited) and the
agenda's permissions in the groups editors-<code> (made if absent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from bassins.agenda.seed import ensure_editor_permissions, ensure_working_groups

    ensure_working_groups(apps)
    ensure_editor_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0002_hsds_complete"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
