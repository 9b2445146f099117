"""Migration 0002 (one case number per office) on a database that already holds duplicates."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("appeals", "0001_initial")]
AFTER = [("appeals", "0002_appeal_case_number_unique")]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_names_the_duplicates_instead_of_failing_bare(agency):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        Appeal = executor.loader.project_state(BEFORE).apps.get_model("appeals", "Appeal")
        for appellant in ("陈志明", "李娜"):
            Appeal.objects.create(
                organization_id=agency.pk,
                kind="review",
                case_number="沪府复字〔2025〕第7号",
                appellant=appellant,
                body="上海市人民政府",
                subject="不服答复",
                filed_on=date(2025, 11, 2),
            )
        executor = MigrationExecutor(connection)
        with pytest.raises(RuntimeError) as refused:
            executor.migrate(AFTER)
        assert str(refused.value) == (
            "以下案号重复登记，请先合并或更正后再升级：上海市司法局 沪府复字〔2025〕第7号（2 件）"
        )
    finally:
        Appeal.objects.all().delete()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())  # every app as the other tests need it
