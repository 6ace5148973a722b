"""Reload data/qualifications.csv: motorcycle, moped, tractor, trailer and taxi licences, the
drivers' periodic EU training, ADR class 1, gas and plastic welding certificates.

Keyed on the code, so existing rows keep their ids (CVs and requirements refer to them).
"""

from django.db import migrations

from jobbro.taxonomy.reference import load_qualifications


def forwards(apps, schema_editor):
    load_qualifications(apps.get_model("taxonomy", "Qualification"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_reference_data")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
