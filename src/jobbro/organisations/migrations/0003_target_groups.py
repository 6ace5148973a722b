"""Load the target groups reports split by from data/target_groups.csv.

TargetGroup lives in the candidates app; its rows are reference data kept here.
"""

from django.db import migrations

from jobbro.organisations.reference import load_target_groups


def forwards(apps, schema_editor):
    load_target_groups(apps.get_model("candidates", "TargetGroup"))


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_municipalities"),
        ("candidates", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
