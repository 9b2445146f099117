"""The anonymous page cache: a hit skips the rendering, never the truth.

Transactional tests: the cache is invalidated after a real commit, as on the site.
"""

import datetime as dt
import time
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Role
from gongkai.analytics.models import DailyVisit
from gongkai.catalog import corrections, importing, services
from gongkai.catalog.models import Category, Confidentiality, Item, ItemKind, Topic, Validity
from gongkai.catalog.search import engine, sync
from gongkai.conftest import make_staff
from gongkai.lib.replicas import COOKIE as WROTE_LATELY_COOKIE
from gongkai.portal.models import SiteInfo

pytestmark = pytest.mark.django_db(transaction=True)

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0 Safari/537.36"


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 60
    settings.VAR_DIR = tmp_path  # the generation file of this test alone
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.MEDIA_ROOT = tmp_path / "media"
    engine.forget_index()
    caches["pages"].clear()
    yield
    caches["pages"].clear()
    engine.forget_index()


@pytest.fixture
def visitor() -> Client:
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def published(agency, clerk, division_head, legal_reviewer, leader):
    """A published item, taken through the whole default review chain."""
    import_module("gongkai.catalog.migrations.0002_vocabularies").seed(apps, None)
    item = services.item_create(
        actor=clerk,
        organization=agency,
        data={
            "title": "关于司法鉴定机构年度检查情况的通报",
            "body": "本市各司法鉴定机构按照要求完成了年度检查。",
            "written_on": dt.date(2024, 3, 1),
            "topic": Topic.objects.get(code="sfjd"),
            "category": Category.objects.get(code="yw"),
            "kind": ItemKind.GENERAL,
        },
    )
    services.item_submit(item=item, actor=clerk)
    for reviewer in (division_head, legal_reviewer, leader):
        services.item_approve(
            item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意"
        )
    return Item.objects.get(pk=item.pk)


def _page(client, path) -> tuple[int, str, object]:
    response = client.get(path)
    return response.status_code, response.content.decode(), response


def test_a_repeated_anonymous_page_is_served_from_the_cache(visitor, published):
    url = reverse("catalog:item", args=[published.pk])
    _page(visitor, url)
    # Changed behind the services' back (no signal): the cached copy is still served.
    Item.objects.filter(pk=published.pk).update(title="未经服务改动的标题")
    status, page, response = _page(visitor, url)
    assert status == 200 and "关于司法鉴定机构年度检查情况的通报" in page
    # The security headers are added to a cached page as to a rendered one; no cookie is set.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_a_withdrawn_item_is_gone_on_the_next_request(visitor, published, leader):
    url = reverse("catalog:item", args=[published.pk])
    listing = reverse("catalog:browse")
    assert (
        published.title in _page(visitor, url)[1] and published.title in _page(visitor, listing)[1]
    )
    services.item_withdraw(item=published, actor=leader, reason="内容已过时")
    status, page, _ = _page(visitor, url)
    assert status == 410 and "已撤回" in page
    assert published.title not in _page(visitor, listing)[1]
    assert published.title not in _page(visitor, reverse("portal:home"))[1]


def _publish_second(published, clerk, reviewers) -> Item:
    item = services.item_create(
        actor=clerk,
        organization=published.organization,
        data={
            "title": "关于公布律师事务所年度考核结果的公告",
            "body": "考核结果为称职。",
            "written_on": dt.date(2024, 3, 2),
            "topic": published.topic,
            "category": published.category,
            "kind": ItemKind.GENERAL,
        },
    )
    services.item_submit(item=item, actor=clerk)
    for reviewer in reviewers:
        services.item_approve(
            item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意"
        )
    return item


SEARCH = "/search/?q=律师事务所"


def test_a_new_publication_appears_on_lists_and_in_search_at_once(
    visitor, clerk, division_head, legal_reviewer, leader, published
):
    assert "年度考核结果的公告" not in _page(visitor, SEARCH)[1]
    assert "年度考核结果的公告" not in _page(visitor, reverse("catalog:browse"))[1]
    _publish_second(published, clerk, (division_head, legal_reviewer, leader))
    assert "年度考核结果的公告" in _page(visitor, reverse("catalog:browse"))[1]
    assert "年度考核结果的公告" in _page(visitor, SEARCH)[1]


def test_search_pages_follow_the_index_when_a_worker_takes_the_change_in_later(
    visitor, clerk, division_head, legal_reviewer, leader, published, monkeypatch
):
    # As with Celery: the change is committed now, the index takes it in a moment later.
    monkeypatch.setattr(sync, "_apply_after_commit", lambda: None)
    _publish_second(published, clerk, (division_head, legal_reviewer, leader))
    assert "年度考核结果的公告" in _page(visitor, reverse("catalog:browse"))[1]
    assert "年度考核结果的公告" not in _page(visitor, SEARCH)[1]  # not in the index yet
    sync.apply_pending()
    assert "年度考核结果的公告" in _page(visitor, SEARCH)[1]


def test_a_correction_and_a_validity_change_show_on_the_next_request(
    visitor, published, agency, leader, division_head, legal_reviewer
):
    url = reverse("catalog:item", args=[published.pk])
    assert "另有公证处一家" not in _page(visitor, url)[1]
    revision = corrections.revision_propose(
        item=published, actor=leader, data={"body": "另有公证处一家。"}, reason="漏列"
    )
    for reviewer in (division_head, legal_reviewer, make_staff("leader2", agency, Role.LEADER)):
        corrections.revision_approve(
            revision=revision, actor=reviewer, confidentiality=Confidentiality.CLEAR
        )
    assert "另有公证处一家" in _page(visitor, url)[1]
    assert "仅供查阅" not in _page(visitor, url)[1]
    services.item_set_validity(
        item=Item.objects.get(pk=published.pk), actor=leader, validity=Validity.REPEALED
    )
    assert "废止，仅供查阅" in _page(visitor, url)[1]


def test_site_information_changed_shows_in_every_cached_footer(visitor, agency):
    assert "主办单位" not in _page(visitor, reverse("portal:home"))[1]
    SiteInfo.objects.create(sponsor="上海市司法局")
    assert "主办单位：上海市司法局" in _page(visitor, reverse("portal:home"))[1]


def test_a_signed_in_staff_member_never_gets_the_anonymous_copy(client, visitor, published, clerk):
    url = reverse("catalog:item", args=[published.pk])
    _page(visitor, url)
    Item.objects.filter(pk=published.pk).update(title="只在数据库里的新标题")
    client.force_login(clerk)
    status, page, _ = _page(client, url)
    assert status == 200 and "只在数据库里的新标题" in page
    # Nor is their page kept for anyone else: the staff header would be handed out.
    assert "只在数据库里的新标题" not in _page(visitor, url)[1]


def test_a_cached_view_is_counted_like_a_rendered_one(visitor, published):
    url = reverse("catalog:item", args=[published.pk])
    for _ in range(3):
        assert visitor.get(url).status_code == 200
    row = DailyVisit.objects.get(object_id=published.pk)
    assert row.count == 3
    assert row.content_type == ContentType.objects.get_for_model(Item)
    assert row.organization_id == published.organization_id
    # A crawler reading the cached copy is not a visitor.
    Client(HTTP_USER_AGENT="Googlebot/2.1").get(url)
    assert DailyVisit.objects.get(object_id=published.pk).count == 3


def test_care_mode_pages_and_normal_pages_are_kept_apart(visitor, agency):
    home = reverse("portal:home")
    assert 'class="care"' not in _page(visitor, home)[1]
    visitor.post(reverse("portal:care_mode"), {"on": "1", "next": home})
    page = _page(visitor, home)[1]
    assert '<html lang="zh-Hans" class="care">' in page and "退出关怀模式" in page
    assert 'class="care"' not in _page(Client(HTTP_USER_AGENT=BROWSER), home)[1]


def test_a_page_with_a_form_that_posts_is_never_cached(visitor, agency):
    ask = reverse("consultations:ask")
    first = visitor.get(ask)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    # Another browser gets its own token and cookie, not the first one's.
    other = Client(HTTP_USER_AGENT=BROWSER).get(ask)
    assert "csrftoken" in other.cookies
    assert other.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    assert other.content != first.content


def test_the_portal_s_pages_carry_no_csrf_token_and_set_no_cookie(visitor, published):
    for url in (
        reverse("portal:home"),
        reverse("catalog:browse"),
        reverse("catalog:item", args=[published.pk]),
        reverse("catalog:search") + "?q=司法鉴定",
    ):
        for _ in range(2):  # rendered, then from the cache
            response = visitor.get(url)
            assert response.status_code == 200
            assert not response.cookies and "csrf" not in response.content.decode().lower()


def test_the_cache_can_be_turned_off(visitor, published, settings):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 0
    url = reverse("catalog:item", args=[published.pk])
    _page(visitor, url)
    Item.objects.filter(pk=published.pk).update(title="关闭缓存后的标题")
    assert "关闭缓存后的标题" in _page(visitor, url)[1]


def test_a_bulk_import_shows_on_the_lists_at_once(visitor, published, agency):
    assert "批量导入的公告" not in _page(visitor, reverse("catalog:browse"))[1]
    at = dt.datetime(2024, 3, 5, 10, 0, tzinfo=timezone.get_current_timezone())
    importing.import_published(
        [
            {
                "organization_id": agency.pk,
                "title": "批量导入的公告",
                "body": "经年度检查考核，下列律师事务所考核结果为称职。",
                "written_on": dt.date(2024, 3, 1),
                "published_at": at,
                "topic_id": published.topic_id,
                "category_id": published.category_id,
            }
        ]
    )
    assert "批量导入的公告" in _page(visitor, reverse("catalog:browse"))[1]


def test_someone_who_has_just_written_reads_the_page_afresh(visitor, published):
    url = reverse("catalog:item", args=[published.pk])
    _page(visitor, url)
    Item.objects.filter(pk=published.pk).update(title="刚写入后的标题")
    assert "刚写入后的标题" not in _page(visitor, url)[1]  # the cached copy
    visitor.cookies[WROTE_LATELY_COOKIE] = str(int(time.time()) + 10)
    assert "刚写入后的标题" in _page(visitor, url)[1]


def test_a_head_request_gets_the_cached_page_s_headers_without_its_body(visitor, published):
    url = reverse("catalog:item", args=[published.pk])
    page = visitor.get(url)
    head = visitor.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == page["Content-Type"]
    assert int(head["Content-Length"]) == len(page.content)
