from datetime import date

from django.db import migrations, models


def fill_consultation_due(apps, schema_editor):
    """Open consultations get their response date from their consult event.

    Their stored `due_on` is brought to the new rule by the next `gongkai remind`, which
    recomputes every open case's dates.
    """
    Application = apps.get_model("applications", "Application")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    for app in Application.objects.filter(status="consulting").iterator():
        event = (
            ApplicationEvent.objects.filter(application=app, kind="consult")
            .order_by("-on", "-pk")
            .first()
        )
        due = (event.context or {}).get("response_due") if event else None
        if due:
            app.consultation_due = date.fromisoformat(due)
            app.save(update_fields=["consultation_due"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="consultation_due",
            field=models.DateField(blank=True, null=True, verbose_name="征求意见答复期限"),
        ),
        migrations.RunPython(fill_consultation_due, migrations.RunPython.noop),
    ]
