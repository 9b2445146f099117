import pytest

# The catalog's fixtures: its own search index per test, vocabularies, drafts and the review chain.
from gongkai.catalog.tests.conftest import (  # noqa: F401
    category,
    make_item,
    publish,
    search_index,
    topic,
    vocabularies,
)


@pytest.fixture
def published(make_item, publish):  # noqa: F811
    """Three published items of the agency, one draft and one in review."""
    from gongkai.catalog import services

    items = [publish(make_item(f"关于第{n}批司法鉴定机构名册的公告")) for n in (1, 2, 3)]
    draft = make_item("尚未提交的草稿通知")
    in_review = make_item("正在审核中的通知")
    services.item_submit(item=in_review, actor=in_review.created_by)
    return {"items": items, "draft": draft, "in_review": in_review}
