"""Load the certificates/licences/courses and languages from data/*.csv."""

from django.db import migrations

from jobbro.taxonomy.reference import load_languages, load_qualifications


def forwards(apps, schema_editor):
    load_qualifications(apps.get_model("taxonomy", "Qualification"))
    load_languages(apps.get_model("taxonomy", "Language"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
