from io import StringIO

from django.urls import reverse

from gongkai.accounts import demo as accounts_demo
from gongkai.portal import demo


def test_the_demo_site_shows_its_identification_in_the_footer(client, db):
    accounts_demo.load(StringIO())  # the office and its administrator
    assert demo.load(StringIO())
    assert demo.load(StringIO()) == []  # safe to run twice
    page = client.get(reverse("portal:home")).content.decode()
    assert "主办单位：上海市司法局" in page and "网站标识码：3100000000" in page
    assert "沪ICP备00000000号-1" in page
