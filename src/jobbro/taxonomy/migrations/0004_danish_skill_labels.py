"""Danish labels for skills: where they come from, and the project's own (data/skills_da.csv).

Before this, only an official Danish ESCO download could give a skill a Danish label; those
are marked "esco" so the project's translation never replaces them.
"""

from django.db import migrations, models

from jobbro.taxonomy.reference import load_danish_skill_labels


def forwards(apps, schema_editor):
    skill = apps.get_model("taxonomy", "Skill")
    skill.objects.exclude(label_da="").update(danish_source="esco")
    load_danish_skill_labels(skill)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_more_qualifications")]

    operations = [
        migrations.AddField(
            model_name="skill",
            name="danish_source",
            field=models.CharField(
                blank=True,
                choices=[("", "none"), ("esco", "ESCO"), ("jobbro", "Jobbro's translation")],
                default="",
                max_length=10,
                verbose_name="source of the Danish labels",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
