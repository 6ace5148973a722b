from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 1 of 3: room for the encrypted CPR number and its keyed hash."""

    dependencies = [
        ("candidates", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="cpr_encrypted",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="CPR number (encrypted)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="candidate",
            name="cpr_hash",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=64,
                null=True,
                verbose_name="CPR number (keyed hash)",
            ),
        ),
        migrations.AddField(
            model_name="candidate",
            name="anonymised_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="anonymised"
            ),
        ),
        # Nullable for the way back: 0005 removes it, and reversing re-adds it empty.
        migrations.AlterField(
            model_name="candidate",
            name="cpr",
            field=models.CharField(
                blank=True, max_length=10, null=True, unique=True, verbose_name="CPR number"
            ),
        ),
    ]
