from io import StringIO

from gongkai.accounts import demo as accounts_demo
from gongkai.accounts.models import Organization
from gongkai.channels import demo, selectors


def test_the_demo_enters_the_seed_offices_2018_figures_once(db):
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    root = Organization.objects.get(code="shsfj")
    figures = selectors.year_figures([root.pk], 2018)
    assert figures["press_conferences"]["total"] == 15
    assert figures["new_media"]["by_platform"] == {"weibo": 1, "wechat": 2, "app": 1, "other": 0}
    accounts = {a["name"]: a for a in figures["new_media"]["accounts"]}
    wechat = accounts["上海市司法局"]["followers"] + accounts["法治上海"]["followers"]
    assert 105_000 <= wechat <= 115_000  # 两个微信公众号共获关注11万
    weibo = accounts["上海司法行政发布"]
    assert 140_000 <= weibo["followers"] <= 150_000 and 9_000 <= weibo["posts"] <= 11_500
    assert figures["service"]["hotline_calls"] == 364_851
