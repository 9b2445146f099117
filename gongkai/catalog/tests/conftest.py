import datetime as dt

import pytest

from gongkai.catalog import services
from gongkai.catalog.models import Category, Confidentiality, Item, ItemKind, Topic
from gongkai.catalog.search import engine, pg


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """Each test gets its own empty index directory and media root."""
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.MEDIA_ROOT = tmp_path / "media"
    engine.forget_index()
    pg.forget()  # the planner's estimates kept of another test's entries
    yield settings.GONGKAI_SEARCH_INDEX_DIR
    engine.forget_index()


@pytest.fixture(params=["tantivy", "postgres"])
def search_backend(request, settings, db):
    """Run a search test on each backend: tantivy everywhere, PostgreSQL (RUM) on PostgreSQL."""
    from django.db import connection

    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL 检索后端只在 PostgreSQL 上测试（make test-postgres）")
        from gongkai.catalog.search import pg

        pg.ensure_index()
    settings.GONGKAI_SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def vocabularies(db):
    """The seeded topics, categories and review chain, even after a transactional test (ours
    or another app's) has flushed the database."""
    from importlib import import_module

    from django.apps import apps

    import_module("gongkai.catalog.migrations.0002_vocabularies").seed(apps, None)


@pytest.fixture
def topic(vocabularies):
    return Topic.objects.get(code="sfjd")


@pytest.fixture
def category(vocabularies):
    return Category.objects.get(code="yw")


@pytest.fixture
def make_item(clerk, agency, topic, category):
    def make(
        title="关于司法鉴定机构年度检查情况的通报", body=None, *, org=None, actor=None, **extra
    ):
        data = {
            "title": title,
            "body": body or f"{title}。本市各司法鉴定机构按照要求完成了年度检查。",
            "written_on": extra.pop("written_on", dt.date(2024, 3, 1)),
            "topic": extra.pop("topic", topic),
            "category": extra.pop("category", category),
            "kind": extra.pop("kind", ItemKind.GENERAL),
            **extra,
        }
        return services.item_create(actor=actor or clerk, organization=org or agency, data=data)

    return make


@pytest.fixture
def publish(clerk, division_head, legal_reviewer, leader):
    """Take a draft through the whole default chain."""

    def run(item: Item) -> Item:
        services.item_submit(item=item, actor=item.created_by or clerk)
        for reviewer in (division_head, legal_reviewer, leader):
            services.item_approve(
                item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意"
            )
        return item

    return run
