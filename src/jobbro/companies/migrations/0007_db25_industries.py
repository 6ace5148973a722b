"""Load Dansk Branchekode 2025 (DB25) from data/industries.csv: all 738 codes, Danish and
English labels. DB07 codes already in the database stay for the companies that have them."""

from django.db import migrations

from jobbro.companies.reference import load_industries


def forwards(apps, schema_editor):
    load_industries(apps.get_model("companies", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("companies", "0006_by_secretariat")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
