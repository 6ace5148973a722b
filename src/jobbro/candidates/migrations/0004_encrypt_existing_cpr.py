from django.db import migrations

BATCH = 500


def encrypt(apps, schema_editor):
    """Encrypt and hash every stored CPR number with the keys in the settings."""
    from jobbro.crypto import encrypt_cpr, hash_cpr

    Candidate = apps.get_model("candidates", "Candidate")
    rows = list(Candidate.objects.exclude(cpr__isnull=True).exclude(cpr="").only("pk", "cpr"))
    for row in rows:
        row.cpr_encrypted = encrypt_cpr(row.cpr)
        row.cpr_hash = hash_cpr(row.cpr)
    Candidate.objects.bulk_update(rows, ["cpr_encrypted", "cpr_hash"], batch_size=BATCH)


def decrypt(apps, schema_editor):
    from jobbro.crypto import decrypt_cpr

    Candidate = apps.get_model("candidates", "Candidate")
    rows = list(Candidate.objects.exclude(cpr_encrypted="").only("pk", "cpr_encrypted"))
    for row in rows:
        row.cpr = decrypt_cpr(row.cpr_encrypted)
    Candidate.objects.bulk_update(rows, ["cpr"], batch_size=BATCH)


class Migration(migrations.Migration):
    """Step 2 of 3: convert the rows (needs JOBBRO_CPR_KEY and JOBBRO_CPR_HASH_KEY set)."""

    dependencies = [
        ("candidates", "0003_cpr_encrypted_fields"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt, elidable=False)]
