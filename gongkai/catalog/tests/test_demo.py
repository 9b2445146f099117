from io import StringIO

from django.core.management import call_command

from gongkai.catalog import search
from gongkai.catalog.models import GuidePage, Item, ItemKind, ItemStatus


def test_the_demo_fills_the_catalog_once_and_makes_it_searchable(vocabularies):
    call_command("demo", stdout=StringIO())
    counts = {s: Item.objects.filter(status=s).count() for s in ItemStatus.values}
    call_command("demo", stdout=StringIO())
    assert {s: Item.objects.filter(status=s).count() for s in ItemStatus.values} == counts
    assert counts["published"] >= 300
    assert counts["in_review"] and counts["draft"] and counts["withdrawn"]
    assert GuidePage.objects.filter(organization__code="shsfj").exists()
    normative = Item.objects.filter(kind=ItemKind.NORMATIVE).first()
    assert normative.interpretations.exists()
    assert Item.objects.filter(kind=ItemKind.ANNUAL_REPORT, status="published").exists()
    results = search.search("司法鉴定")
    assert results.total > 10
    assert "司法鉴定" in results.hits[0].item.title
    titles = {i.title for i in Item.objects.filter(status="published")}
    assert len(titles) > 150  # varied, not one template repeated


def test_demo_titles_are_published_once_per_organization_and_in_its_own_name(vocabularies):
    out = StringIO()
    call_command("demo", "--url", "127.0.0.1:8123", stdout=out)
    published = Item.objects.filter(status=ItemStatus.PUBLISHED).select_related("organization")
    # Per column: a licence's 办事指南 and its 权责清单 entry rightly share a name.
    triples = [(i.organization_id, i.topic_id, i.title) for i in published]
    assert len(triples) == len(set(triples))
    lawyers = [(i.topic_id, i.title) for i in published if "律师" in i.title]
    assert len(lawyers) == len(set(lawyers))
    for item in published:
        org = item.organization
        if org.code.endswith("-sfj"):  # a district bureau
            assert "上海市司法局" not in item.title
            assert org.short_name.removesuffix("司法局") in item.title, item.title
    printed = out.getvalue()
    assert f"已发布 {published.count()} 条" in printed
    assert "http://127.0.0.1:8123/staff/login/" in printed
