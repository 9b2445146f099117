"""The two catalog topics (栏目) guides and powers are published under."""

from django.db import migrations

TOPICS = [("办事指南", "bszn"), ("权责清单", "qzqd")]


def seed(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    last = Topic.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    for offset, (name, code) in enumerate(TOPICS, start=1):
        if not Topic.objects.filter(code=code).exists() and not Topic.objects.filter(
            name=name
        ).exists():
            Topic.objects.create(name=name, code=code, sort_order=last + offset)


class Migration(migrations.Migration):
    dependencies = [("guides", "0001_initial"), ("catalog", "0002_vocabularies")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
