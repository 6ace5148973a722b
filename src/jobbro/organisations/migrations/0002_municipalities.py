"""Load Denmark's 98 municipalities from data/municipalities.csv."""

from django.db import migrations

from jobbro.organisations.reference import load_municipalities


def forwards(apps, schema_editor):
    load_municipalities(apps.get_model("organisations", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
