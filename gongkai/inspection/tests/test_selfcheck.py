"""Each self-inspection rule on crafted data, the score, the page, and the bounded link check."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import Item, Topic
from gongkai.consultations.models import Consultation
from gongkai.inspection import links, selfcheck
from gongkai.inspection.models import Finding, LinkCheck

TODAY = date(2026, 12, 15)


def _published(make_item, publish, title, topic=None, days_ago=1, body=None):
    item = publish(
        make_item(title, body=body, topic=topic) if topic else make_item(title, body=body)
    )
    when = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())
    Item.objects.filter(pk=item.pk).update(
        published_at=timezone.make_aware(when, ZoneInfo("Asia/Shanghai"))
    )
    return item


def rules(agency):
    return {r.rule: r for r in selfcheck.risks(agency, TODAY)}


def test_a_home_page_without_news_for_two_weeks_is_a_veto(make_item, publish, agency):
    _published(make_item, publish, "旧通知", days_ago=20)
    risk = rules(agency)["首页栏目超过2周未更新"]
    assert risk.veto and risk.points == selfcheck.VETO
    _published(make_item, publish, "新通知", days_ago=2)
    assert "首页栏目超过2周未更新" not in rules(agency)


def test_five_empty_columns_are_a_veto_and_fewer_cost_points(
    make_item, publish, agency, vocabularies
):
    _published(make_item, publish, "通知")
    risk = rules(agency)["空白栏目"]
    active = Topic.objects.filter(is_active=True).count()
    assert risk.veto and f"{active - 1}个栏目" in risk.detail
    Topic.objects.exclude(code__in=["sfjd", "lsgl", "gzgl", "rmtj", "flyz"]).update(is_active=False)
    risk = rules(agency)["空白栏目"]
    assert not risk.veto and risk.points == 5 * 4


def test_a_policy_column_stale_for_six_months_is_flagged(make_item, publish, agency, vocabularies):
    policy = Topic.objects.get(code="gfxwj")
    _published(make_item, publish, "旧规范性文件", topic=policy, days_ago=200)
    _published(make_item, publish, "新通知", days_ago=1)
    risk = rules(agency)["政策类栏目超过6个月未更新"]
    assert "“规范性文件”" in risk.detail and not risk.veto


def test_personal_data_left_in_a_published_item_is_a_veto(make_item, publish, agency):
    item = _published(make_item, publish, "名单")
    Finding.objects.create(
        item=item, kind="id_number", place="正文", found="1101**********002X", fingerprint="x"
    )
    assert rules(agency)["已发布信息含个人信息"].veto


def test_a_question_unanswered_for_three_months_is_a_veto(make_item, publish, agency):
    _published(make_item, publish, "通知")
    Consultation.objects.create(
        organization=agency,
        channel="online",
        topic="查询",
        question="请问？",
        asked_on=TODAY - timedelta(days=100),
    )
    assert rules(agency)["留言超过3个月未答复"].veto


def test_the_score_adds_the_risks_and_is_zero_when_nothing_is_wrong(
    make_item, publish, agency, vocabularies
):
    Topic.objects.exclude(code="sfjd").update(is_active=False)
    _published(make_item, publish, "通知", days_ago=1)
    assert selfcheck.risks(agency, TODAY) == []
    assert selfcheck.score([]) == 0


def test_the_link_check_is_bounded_and_never_fetches_private_addresses(make_item, publish, agency):
    _published(
        make_item,
        publish,
        "链接",
        body="详见 https://www.gov.cn/a 和 http://127.0.0.1:8000/admin 以及 http://10.0.0.5/x 。",
    )
    asked = []

    def fake(url):
        asked.append(url)
        return (url.startswith("https://www.gov.cn"), "HTTP 200")

    assert links.check_links(limit=1, fetcher=fake)["checked"] == 1
    assert links.check_links(limit=10, fetcher=fake)["checked"] == 2
    assert links.check_links(limit=10, fetcher=fake)["checked"] == 0  # checked this week
    assert LinkCheck.objects.count() == 3
    # The real fetcher refuses loopback and private ranges before any connection.
    assert links.fetch("http://127.0.0.1:8000/admin") == (False, "指向内部或保留地址，不予检查")
    assert links.fetch("http://10.0.0.5/x")[1] == "指向内部或保留地址，不予检查"
    assert links.fetch("ftp://example.com/")[0] is False


def test_the_page_shows_the_score_and_what_to_do(client, make_item, publish, agency, division_head):
    _published(make_item, publish, "旧通知", days_ago=30)
    client.force_login(division_head)
    page = client.get(reverse("inspection:self_inspection")).content.decode()
    assert "首页栏目超过2周未更新" in page and "单项否决" in page and "风险分" in page
    assert f'<a href="{reverse("catalog:staff_list")}">去处理</a>' in page


def test_a_leader_is_told_who_fixes_a_stale_column_instead_of_a_link_they_cannot_open(
    client, make_item, publish, agency, leader
):
    # The leader may inspect the site but not open the staff catalog list (drafting is the
    # clerks' and division heads'): a 去处理 link there would end on 403.
    _published(make_item, publish, "旧通知", days_ago=30)
    client.force_login(leader)
    page = client.get(reverse("inspection:self_inspection")).content.decode()
    assert "首页栏目超过2周未更新" in page
    assert f'href="{reverse("catalog:staff_list")}"' not in page
    assert "由信息公开工作人员或处室负责人处理" in page


@pytest.fixture(autouse=True)
def fixed_today(time_machine):
    time_machine.move_to(datetime(2026, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
