from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    """Say which case numbers are registered twice instead of failing on a bare IntegrityError:
    which of two records is the real case is for the office to decide, not for a migration."""
    Appeal = apps.get_model("appeals", "Appeal")
    twice = (
        Appeal.objects.exclude(case_number="")
        .values("organization__name", "case_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if twice:
        listed = "；".join(f"{row['organization__name']} {row['case_number']}（{row['n']} 件）" for row in twice)
        raise RuntimeError(f"以下案号重复登记，请先合并或更正后再升级：{listed}")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_must_change_password"),
        ("appeals", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("case_number", ""), _negated=True),
                fields=("organization", "case_number"),
                name="appeal_case_number_unique_per_organization",
            ),
        ),
    ]
