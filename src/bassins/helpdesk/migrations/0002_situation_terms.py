"""The situation and needs taxonomy (FR/NL/EN), from helpdesk/data/situation_terms.csv."""

from django.db import migrations


def load_terms(apps, schema_editor):
    from bassins.helpdesk.taxonomy import load_terms

    load_terms(apps.get_model("helpdesk", "Term"))


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]
    operations = [migrations.RunPython(load_terms, migrations.RunPython.noop)]
