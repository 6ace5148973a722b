"""Follow-ups keep their hire's two job centres (the job order's and the candidate's), so
the start page finds a centre's due follow-ups by an index at national scale."""

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def copy_centres(apps, schema_editor):
    FollowUp = apps.get_model("joborders", "FollowUp")
    Placement = apps.get_model("joborders", "Placement")
    hire = Placement.objects.filter(pk=OuterRef("placement_id"))
    FollowUp.objects.update(
        job_order_centre_id=Subquery(hire.values("referral__job_order__job_centre_id")[:1]),
        candidate_centre_id=Subquery(hire.values("referral__candidate__job_centre_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("joborders", "0009_job_order_tasks"),
        ("organisations", "0007_steering_group_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="job_order_centre",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="organisations.jobcentre",
                verbose_name="job order's job centre",
            ),
        ),
        migrations.AddField(
            model_name="followup",
            name="candidate_centre",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="organisations.jobcentre",
                verbose_name="candidate's job centre",
            ),
        ),
        migrations.RunPython(copy_centres, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="followup",
            name="job_order_centre",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="organisations.jobcentre",
                verbose_name="job order's job centre",
            ),
        ),
        migrations.AlterField(
            model_name="followup",
            name="candidate_centre",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="organisations.jobcentre",
                verbose_name="candidate's job centre",
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=Q(done_at__isnull=True),
                fields=["job_order_centre", "due_on"],
                name="followup_open_order_centre",
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=Q(done_at__isnull=True),
                fields=["candidate_centre", "due_on"],
                name="followup_open_cand_centre",
            ),
        ),
    ]
