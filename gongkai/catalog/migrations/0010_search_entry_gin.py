from django.db import migrations


def create_gin_index(apps, schema_editor):
    # Beside the RUM index, on PostgreSQL only (see catalog.search.pg: the few matches of common
    # words ANDed together are found through it). Core PostgreSQL: no extension needed.
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.catalog.search import pg

        schema_editor.execute(pg.GIN_INDEX_SQL)


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from gongkai.catalog.search import pg

        schema_editor.execute(f"DROP INDEX IF EXISTS {pg.GIN_INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_item_interprets_index"),
    ]

    operations = [
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
