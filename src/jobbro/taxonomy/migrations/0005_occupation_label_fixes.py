"""Danish occupation labels ESCO's translation gets wrong (data/occupation_labels_da.csv)."""

from django.db import migrations

from jobbro.taxonomy.reference import load_occupation_label_fixes


def forwards(apps, schema_editor):
    load_occupation_label_fixes(apps.get_model("taxonomy", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0004_danish_skill_labels")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
