"""The situation and needs taxonomy (FR/NL/EN), from helpdesk/data/situation_terms.csv."""

from django.db import migrations


def load_terms(apps, schema_editor):
    from bassins.helpdesk.taxonomy import read_terms

    Term = apps.get_model("helpdesk", "Term")
    for position, row in enumerate(read_terms()):
        Term.objects.update_or_create(code=row["code"], defaults={**row, "position": position})


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]
    operations = [migrations.RunPython(load_terms, migrations.RunPython.noop)]
