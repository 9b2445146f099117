from django.db import migrations, models


def drop_rum_index(apps, schema_editor):
    # The table's entries now hold every item with its status and filter lexemes (see
    # catalog.search.pg): without its index the backend reports that it needs a rebuild, which
    # `gongkai search rebuild` (or the `apply` worker) does, as for a new tantivy layout.
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.catalog.search import pg

        schema_editor.execute(f"DROP INDEX IF EXISTS {pg.INDEX_NAME}")


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
        migrations.RunPython(drop_rum_index, migrations.RunPython.noop),
    ]
