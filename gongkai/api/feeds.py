"""RSS 2.0 and Atom feeds of newly published items: per organization, per topic, per query.

Items come from the catalog's own selectors and search, so a feed shows exactly what the public
lists and the search page show.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from gongkai.accounts.models import Organization
from gongkai.catalog import search as search_engine
from gongkai.catalog import selectors
from gongkai.catalog.models import Topic
from gongkai.catalog.search.query import clean_query

FEED_SIZE = 30
FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class _ItemFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __init__(self, fmt: str = "rss"):
        super().__init__()
        self.feed_type = FORMATS[fmt]

    def items(self, obj):
        return list(self.published(obj)[:FEED_SIZE])

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        parts = [item.summary] if item.summary else []
        if item.doc_number:
            parts.append(f"文号：{item.doc_number}")
        parts.append(f"发布机构：{item.organization.name}")
        return "；".join(parts)

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item) -> str:
        return item.get_absolute_url()

    def item_categories(self, item):
        return [item.topic.name]

    def item_author_name(self, item) -> str:
        return item.organization.name


class OrganizationFeed(_ItemFeed):
    def get_object(self, request, code: str, fmt: str = "rss"):
        return get_object_or_404(Organization, code=code)

    def published(self, org):
        return selectors.published_items(organization=org)

    def title(self, org) -> str:
        return f"{org.name} 主动公开信息"

    def link(self, org) -> str:
        return reverse("catalog:browse") + f"?org={org.pk}"

    def description(self, org) -> str:
        return f"{org.name}最新发布的主动公开信息。"


class TopicFeed(_ItemFeed):
    def get_object(self, request, code: str, fmt: str = "rss"):
        return get_object_or_404(Topic, code=code, is_active=True)

    def published(self, topic):
        return selectors.published_items(topic=topic)

    def title(self, topic) -> str:
        return f"主动公开信息 · {topic.name}"

    def link(self, topic) -> str:
        return reverse("catalog:browse") + f"?topic={topic.pk}"

    def description(self, topic) -> str:
        return f"主题分类“{topic.name}”下最新发布的主动公开信息。"


class SearchFeed(_ItemFeed):
    """The best matches of a query (the search page's first page), newest first."""

    def get_object(self, request, fmt: str = "rss"):
        return request.GET.get("q", "")

    def items(self, query):
        results = search_engine.search(query, per_page=FEED_SIZE)
        ids = [hit.item.pk for hit in results.hits]
        return list(
            selectors.published_items().filter(pk__in=ids).select_related("organization", "topic")
        )

    def title(self, query) -> str:
        return f"检索“{query}”的主动公开信息"

    def link(self, query) -> str:
        return reverse("catalog:search")

    def description(self, query) -> str:
        return f"与“{query}”相关的最新主动公开信息。"


def _checked(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("订阅格式只有 rss 和 atom 两种")
    return fmt


def organization_feed(request, code: str, fmt: str):
    _checked(fmt)
    return OrganizationFeed(fmt)(request, code=code, fmt=fmt)


def topic_feed(request, code: str, fmt: str):
    _checked(fmt)
    return TopicFeed(fmt)(request, code=code, fmt=fmt)


def search_feed(request, fmt: str):
    _checked(fmt)
    # The query is checked before the feed is built: a bad one is the caller's mistake (400).
    try:
        clean_query(request.GET.get("q"))
        return SearchFeed(fmt)(request, fmt=fmt)
    except search_engine.SearchError as exc:
        return HttpResponse(
            f"检索条件有误：{exc}", status=400, content_type="text/plain; charset=utf-8"
        )
