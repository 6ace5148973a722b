from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: the plain CPR column goes; the keyed hash is unique."""

    dependencies = [
        ("candidates", "0004_encrypt_existing_cpr"),
    ]

    operations = [
        migrations.RemoveField(model_name="candidate", name="cpr"),
        migrations.AlterField(
            model_name="candidate",
            name="cpr_hash",
            field=models.CharField(
                blank=True,
                editable=False,
                error_messages={"unique": "A candidate with this CPR number exists already."},
                max_length=64,
                null=True,
                unique=True,
                verbose_name="CPR number (keyed hash)",
            ),
        ),
    ]
