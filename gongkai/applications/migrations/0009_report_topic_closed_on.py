"""Applications get a topic and the day they were closed (the annual report counts by both),
and one covering index for the report's GROUP BY. Existing cases are closed on their reply, or
on the day they were deemed abandoned."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_closed_on(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    Application.objects.filter(replied_on__isnull=False).update(closed_on=models.F("replied_on"))
    abandoned = ApplicationEvent.objects.filter(kind="abandon").values_list("application_id", "on")
    for pk, on in abandoned.iterator():
        Application.objects.filter(pk=pk, closed_on__isnull=True).update(closed_on=on)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_audit_append_only'),
        ('applications', '0008_event_kinds_merged'),
        ('catalog', '0003_review_integrity'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='closed_on',
            field=models.DateField(blank=True, null=True, verbose_name='办结日期'),
        ),
        migrations.AddField(
            model_name='application',
            name='topic',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.topic', verbose_name='申请内容主题'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['organization', 'received_on', 'closed_on', 'applicant_kind', 'outcome', 'legacy_outcome', 'channel', 'topic'], name='application_report_cover'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['organization', 'closed_on', 'received_on', 'applicant_kind', 'outcome', 'legacy_outcome', 'channel', 'topic'], name='application_report_carry'),
        ),
        migrations.RunPython(fill_closed_on, migrations.RunPython.noop),
    ]
