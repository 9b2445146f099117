from io import StringIO

from gongkai.accounts import demo as accounts_demo
from gongkai.catalog import search
from gongkai.catalog.models import ItemStatus
from gongkai.guides import demo
from gongkai.guides.models import Power, PowerType, ServiceGuide


def test_the_demo_publishes_a_dozen_guides_and_a_slice_of_powers_once(columns):
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    assert ServiceGuide.objects.filter(item__status=ItemStatus.PUBLISHED).count() == 12
    titles = set(ServiceGuide.objects.values_list("item__title", flat=True))
    assert {"律师执业核准", "公证员执业核准", "司法鉴定机构审核登记"} <= titles
    types = set(Power.objects.values_list("power_type", flat=True))
    assert {PowerType.LICENSING, PowerType.PENALTY, PowerType.INSPECTION} <= types
    assert not Power.objects.exclude(item__status=ItemStatus.PUBLISHED).exists()
    search.apply_pending()
    found = {hit.item.title for hit in search.search("公证机构推荐书").hits}
    assert found == {"公证员执业核准"}
