"""A target may be for a group of industries (a NACE section); and one target per key
figure, period and scope. A database holding two already stops here, naming them, for the
steering group to delete one (no target is deleted for them)."""

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


def refuse_duplicates(apps, schema_editor):
    Target = apps.get_model("kpis", "Target")
    seen = {}
    for target in Target.objects.order_by("pk"):
        key = (
            target.cooperation_id,
            target.kpi,
            target.start,
            target.end,
            target.industry_id or 0,
            target.industry_section,
            target.project_id or 0,
        )
        if key in seen:
            raise RuntimeError(
                f"Targets {seen[key]} and {target.pk} have the same key figure, period and "
                "scope: delete one of them (in the page or the admin), then migrate again."
            )
        seen[key] = target.pk


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0009_kpi_date_indexes'),
        ('joborders', '0008_kpi_date_indexes'),
        ('kpis', '0001_initial'),
        ('organisations', '0007_steering_group_terms'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='target',
            name='industry_section',
            field=models.CharField(blank=True, choices=[('A', 'Agriculture, forestry and fishing'), ('B', 'Mining and quarrying'), ('C', 'Manufacturing'), ('D', 'Electricity, gas, steam and air conditioning supply'), ('E', 'Water supply; sewerage, waste management and remediation'), ('F', 'Construction'), ('G', 'Wholesale and retail trade'), ('H', 'Transportation and storage'), ('I', 'Accommodation and food service activities'), ('J', 'Publishing, broadcasting, and content production and distribution'), ('K', 'Telecommunication, computer programming and information services'), ('L', 'Financial and insurance activities'), ('M', 'Real estate activities'), ('N', 'Professional, scientific and technical activities'), ('O', 'Administrative and support service activities'), ('P', 'Public administration and defence; compulsory social security'), ('Q', 'Education'), ('R', 'Human health and social work activities'), ('S', 'Arts, sports and recreation'), ('T', 'Other service activities'), ('U', 'Activities of households as employers and for own use'), ('V', 'Activities of extraterritorial organisations and bodies')], max_length=1, verbose_name='industry group'),
        ),
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('industry__isnull', True), ('industry_section', ''), _connector='OR'), name='kpi_target_one_industry_scope', violation_error_message='Choose an industry or an industry group, not both.'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.UniqueConstraint(models.F('cooperation'), models.F('kpi'), models.F('start'), models.F('end'), django.db.models.functions.comparison.Coalesce(models.F('industry'), models.Value(0)), models.F('industry_section'), django.db.models.functions.comparison.Coalesce(models.F('project'), models.Value(0)), name='kpi_target_unique_scope', violation_error_message='There is already a target for this key figure, period and scope.'),
        ),
    ]
