from django.db import migrations, models


def queue_unpublished(apps, schema_editor):
    # The index now holds drafts and items in review too (the staff search): queue those the
    # table has never seen; the `apply` worker (or the next change) writes them.
    Item = apps.get_model("catalog", "Item")
    SearchPending = apps.get_model("catalog", "SearchPending")
    pending = (
        SearchPending(item_id=pk, op="upsert")
        for pk in Item.objects.exclude(status="published").values_list("pk", flat=True).iterator()
    )
    SearchPending.objects.bulk_create(pending, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_staff_list_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("in_review", "审核中"),
                    ("published", "已发布"),
                    ("withdrawn", "已撤回"),
                ],
                default="published",
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(queue_unpublished, migrations.RunPython.noop),
    ]
