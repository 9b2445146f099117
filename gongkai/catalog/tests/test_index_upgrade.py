"""An index of an older layout after an upgrade: emptied, flagged, rebuilt by the worker."""

from io import StringIO

from django.core import checks
from django.core.management import call_command
from django.urls import reverse

from gongkai.catalog import search
from gongkai.catalog.checks import REBUILD_WARNING
from gongkai.catalog.search import engine, sync


def _age_index(index_dir):
    (index_dir / engine.VERSION_FILE).write_text("0")
    engine.forget_index()


def _warnings():
    return [m.id for m in checks.run_checks(databases=["default"], tags=["database"])]


def test_an_index_of_an_older_layout_is_flagged_until_the_apply_command_rebuilds_it(
    make_item, publish, search_index
):
    item = publish(make_item("司法鉴定机构名册", "本市司法鉴定机构名册。"))
    search.apply_pending()
    assert search.search("司法鉴定").total == 1
    assert "gongkai.catalog.W001" not in _warnings()

    _age_index(search_index)
    assert "gongkai.catalog.W001" in _warnings()
    assert search.search("司法鉴定").total == 0  # emptied for the new layout
    assert engine.needs_rebuild()

    out = StringIO()
    call_command("search", "apply", stdout=out)
    assert "已按数据库重建，共 1 条" in out.getvalue()
    assert [hit.item.pk for hit in search.search("司法鉴定").hits] == [item.pk]
    assert not engine.needs_rebuild()
    assert "gongkai.catalog.W001" not in _warnings()


def test_the_worker_rebuilds_then_goes_back_to_applying_changes(make_item, publish, search_index):
    publish(make_item("律师事务所年度考核结果", "考核结果如下。"))
    search.apply_pending()
    _age_index(search_index)
    assert sync.catch_up() == 1  # rebuilt: one published item
    assert search.search("律师事务所").total == 1
    publish(make_item("律师事务所设立许可", "准予设立。"))
    # Back to applying changes: the pending row (this test never commits, so no after-commit
    # hook applied it: one each for created, submitted, published), not another rebuild.
    assert sync.catch_up() == 3
    assert not engine.needs_rebuild()
    assert search.search("律师事务所").total == 2


def test_staff_see_the_rebuild_warning_on_the_dashboard(client, clerk, search_index):
    engine.get_index()
    _age_index(search_index)
    client.force_login(clerk)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert REBUILD_WARNING in page
    # A clerk cannot rebuild from the web: the page says who can.
    assert "需由服务器运维人员运行 gongkai search rebuild" in page
    sync.rebuild()
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert REBUILD_WARNING not in page


def test_a_process_running_older_code_leaves_a_newer_index_alone(make_item, publish, search_index):
    # While an upgrade rolls out, old web workers open the index the new worker rebuilt.
    publish(make_item("司法鉴定机构名册", "本市司法鉴定机构名册。"))
    search.apply_pending()
    (search_index / engine.VERSION_FILE).write_text(str(engine.SCHEMA_VERSION + 1))
    engine.forget_index()
    assert search.search("司法鉴定").total == 1
    assert not engine.needs_rebuild()
    assert (search_index / engine.VERSION_FILE).read_text() == str(engine.SCHEMA_VERSION + 1)


def test_an_index_emptied_again_during_a_rebuild_keeps_its_warning(
    monkeypatch, make_item, publish, search_index
):
    publish(make_item("律师事务所年度考核结果", "考核结果如下。"))
    engine.get_index()
    _age_index(search_index)
    engine.get_index()  # emptied and flagged
    real_rows = sync.indexed_rows

    def rows_while_another_process_empties_the_index(*args, **kwargs):
        # Another process empties the index again and leaves a marker of its own.
        (search_index / engine.REBUILD_MARKER).write_text("another")
        return real_rows(*args, **kwargs)

    monkeypatch.setattr(sync, "indexed_rows", rows_while_another_process_empties_the_index)
    sync.rebuild()
    assert engine.needs_rebuild()
