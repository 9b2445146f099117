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
