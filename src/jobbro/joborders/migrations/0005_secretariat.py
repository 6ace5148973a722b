"""Job orders and requests of the secretariat.

The secretariat answered for an order one of its staff took in; the flag now says so. An
order whose creator is secretariat staff of the company's cooperation, and no business
consultant there, is the secretariat's.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_secretariat_orders(apps, schema_editor):
    JobOrder = apps.get_model("joborders", "JobOrder")
    Membership = apps.get_model("organisations", "Membership")
    in_cooperation = Membership.objects.filter(
        user=OuterRef("created_by"), job_centre__cooperation=OuterRef("company__cooperation")
    )
    JobOrder.objects.filter(
        Exists(in_cooperation.filter(role="secretariat")),
        ~Exists(in_cooperation.filter(role="business_consultant")),
    ).update(by_secretariat=True)


class Migration(migrations.Migration):
    dependencies = [
        ("joborders", "0004_screening_and_requests"),
        ("organisations", "0007_steering_group_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidaterequest",
            name="by_secretariat",
            field=models.BooleanField(default=False, verbose_name="sent by the secretariat"),
        ),
        migrations.AddField(
            model_name="joborder",
            name="by_secretariat",
            field=models.BooleanField(default=False, verbose_name="run by the secretariat"),
        ),
        migrations.RunPython(mark_secretariat_orders, migrations.RunPython.noop),
    ]
