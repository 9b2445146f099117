import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.channels.models import MediaAccount, MediaMonth, PressConference, ServiceFigures


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2019-03-01 10:00 +0800", tick=False):
        yield


@pytest.fixture
def signed_in(client, clerk):
    client.force_login(clerk)
    return client


def test_a_clerk_reaches_the_years_page_from_the_menu_and_enters_everything(
    signed_in, clerk, agency
):
    dashboard = signed_in.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("channels:index")}"' in dashboard
    assert signed_in.get(reverse("channels:index"))["Location"] == reverse(
        "channels:year", args=[2019]
    )
    year_url = reverse("channels:year", args=[2018])
    response = signed_in.post(
        reverse("channels:press_add", args=[2018]),
        {
            "held_on": "2018-04-20",
            "title": "对台法律服务开放举措新闻发布会",
            "policies": "对台法律服务开放举措",
        },
    )
    assert response["Location"] == year_url
    signed_in.post(
        reverse("channels:account_add", args=[2018]),
        {"platform": "wechat", "name": "法治上海", "launched_on": "2014-12-01"},
    )
    account = MediaAccount.objects.get(name="法治上海")
    response = signed_in.post(
        reverse("channels:account_months", args=[2018, account.pk]),
        {"m1_followers": "88000", "m1_posts": "70", "m1_average_reads": "4100"},
    )
    assert response["Location"] == year_url
    signed_in.post(
        reverse("channels:figures", args=[2018]),
        {
            "hotline_calls": "364851",
            "online_consultations": "11422",
            "message_consultations": "6160",
            "hall_visits": "28710",
        },
    )
    page = signed_in.get(year_url).content.decode()
    assert "新闻发布会（1场）" in page
    assert "对台法律服务开放举措新闻发布会" in page
    assert ">88000<" in page and ">4100<" in page
    assert 'value="364851"' in page
    assert f"最近由 {clerk.display_name} 于" in page
    assert MediaMonth.objects.get().entered_by == clerk
    assert ServiceFigures.objects.get().entered_by == clerk


def test_bad_figures_are_refused_in_chinese_and_nothing_is_written(signed_in):
    response = signed_in.post(
        reverse("channels:figures", args=[2018]), {"hotline_calls": "-3", "hall_visits": "很多"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "热线咨询（人次）不能小于 0。" in html and "实体窗口咨询（人次）应为整数。" in html
    response = signed_in.post(
        reverse("channels:press_add", args=[2018]), {"held_on": "2017-05-01", "title": "发布会"}
    )
    assert response.status_code == 400
    assert "召开日期应在 2018 年内" in response.content.decode()
    assert not ServiceFigures.objects.exists() and not PressConference.objects.exists()
    assert signed_in.get(reverse("channels:year", args=[1999])).status_code == 404


def test_a_half_filled_month_is_shown_back_with_the_reason(signed_in, clerk, agency):
    account = MediaAccount.objects.create(
        organization=agency, platform="weibo", name="上海司法行政发布", entered_by=clerk
    )
    response = signed_in.post(
        reverse("channels:account_months", args=[2018, account.pk]), {"m5_followers": "150000"}
    )
    assert response.status_code == 400
    assert "5月还需填写发布条数、篇均阅读量" in response.content.decode()


def test_a_conference_is_removed_and_another_agency_cannot_touch_it(
    client, clerk, outsider, agency
):
    conference = PressConference.objects.create(
        organization=agency, held_on=dt.date(2018, 3, 1), title="普法责任制发布会", entered_by=clerk
    )
    client.force_login(outsider)
    assert client.post(reverse("channels:press_remove", args=[conference.pk])).status_code == 403
    client.force_login(clerk)
    client.post(reverse("channels:press_remove", args=[conference.pk]))
    assert not PressConference.objects.exists()


def test_the_dashboard_counts_this_years_conferences_and_charts_them_by_month(
    signed_in, clerk, agency
):
    for day in (dt.date(2019, 1, 8), dt.date(2019, 2, 20), dt.date(2019, 2, 26)):
        PressConference.objects.create(
            organization=agency, held_on=day, title=f"发布会{day}", entered_by=clerk
        )
    html = signed_in.get(reverse("accounts:dashboard")).content.decode()
    assert '<span class="value">3</span>2019年新闻发布会（场）' in html
    assert "2019年每月新闻发布会" in html
    assert '<tr><th scope="row">2月</th><td class="num">2</td></tr>' in html


def test_the_dashboard_counts_the_offices_new_media_accounts(
    signed_in, clerk, agency, other_agency
):
    for platform, name in (("weibo", "上海司法"), ("wechat", "上海司法微信")):
        MediaAccount.objects.create(
            organization=agency, platform=platform, name=name, entered_by=clerk
        )
    MediaAccount.objects.create(
        organization=other_agency, platform="weibo", name="别处的账号", entered_by=clerk
    )
    html = signed_in.get(reverse("accounts:dashboard")).content.decode()
    assert '<span class="value">2</span>政务新媒体账号' in html


def test_an_account_without_figures_shows_dashes_not_an_internal_value(signed_in, clerk, agency):
    MediaAccount.objects.create(
        organization=agency, platform="app", name="12348上海法网", entered_by=clerk
    )
    page = signed_in.get(reverse("channels:year", args=[2018])).content.decode()
    assert "None" not in page
    assert '<td class="num">—</td>' in page
