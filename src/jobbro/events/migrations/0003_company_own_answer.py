from django.db import migrations, models


def keep_answers(apps, schema_editor):
    """Answers given before the field: the status then was the company's own answer."""
    EventCompany = apps.get_model("events", "EventCompany")
    answered = EventCompany.objects.filter(answered_at__isnull=False)
    answered.filter(status="declined").update(coming=False)
    answered.exclude(status="declined").update(coming=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_company_answer"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventcompany",
            name="coming",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="coming, as the company answered"
            ),
        ),
        migrations.RunPython(keep_answers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="eventcompany",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("coming__isnull", True), ("answered_at__isnull", False), _connector="OR"
                ),
                name="event_company_coming_when_answered",
                violation_error_message="The company's answer needs the time it answered.",
            ),
        ),
    ]
