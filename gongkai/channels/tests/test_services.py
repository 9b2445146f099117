import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gongkai.accounts.models import AuditEntry
from gongkai.channels import selectors, services
from gongkai.channels.models import MediaMonth, Platform, PressConference


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2019-03-01 10:00 +0800", tick=False):
        yield


def test_the_years_figures_are_kept_with_who_entered_them_and_summed_for_the_report(clerk, agency):
    services.press_conference_add(
        actor=clerk,
        organization=agency,
        year=2018,
        held_on=dt.date(2018, 6, 12),
        title="上海市司法局优化营商环境行动方案新闻发布会",
        policies="上海市司法局优化营商环境行动方案",
    )
    services.press_conference_add(
        actor=clerk,
        organization=agency,
        year=2018,
        held_on=dt.date(2018, 9, 3),
        title="上海市办理公证“最多跑一次”工作方案新闻通气会",
    )
    wechat = services.media_account_add(
        actor=clerk, organization=agency, platform=Platform.WECHAT, name="上海市司法局"
    )
    services.media_months_save(
        actor=clerk,
        account=wechat,
        year=2018,
        months={
            1: {"followers": 15000, "posts": 60, "average_reads": 3000},
            2: {"followers": 16000, "posts": 40, "average_reads": 5500},
        },
    )
    services.service_figures_save(
        actor=clerk,
        organization=agency,
        year=2018,
        data={"hotline_calls": 364851, "online_consultations": 11422, "hall_visits": 28710},
    )
    figures = selectors.year_figures([agency.pk], 2018)
    assert figures["press_conferences"]["total"] == 2
    assert figures["new_media"]["by_platform"] == {"weibo": 0, "wechat": 1, "app": 0, "other": 0}
    (account,) = figures["new_media"]["accounts"]
    # Followers at the last month entered; reads weighted by posts: (60×3000+40×5500)/100.
    assert (account["followers"], account["posts"], account["average_reads"]) == (16000, 100, 4000)
    assert figures["service"] == {
        "hotline_calls": 364851,
        "online_consultations": 11422,
        "message_consultations": 0,
        "hall_visits": 28710,
    }
    assert MediaMonth.objects.get(month=2).entered_by == clerk
    assert PressConference.objects.first().entered_by == clerk
    assert AuditEntry.objects.filter(action__startswith="channels.").count() == 5
    # Another year holds nothing.
    empty = selectors.year_figures([agency.pk], 2017)
    assert empty["press_conferences"]["total"] == 0 and empty["service"] is None


def test_a_conference_outside_the_pages_year_or_in_the_future_is_refused(clerk, agency):
    with pytest.raises(services.ChannelError, match="应在 2018 年内"):
        services.press_conference_add(
            actor=clerk, organization=agency, year=2018, held_on=dt.date(2017, 12, 30), title="x"
        )
    with pytest.raises(services.ChannelError, match="不能晚于今天"):
        services.press_conference_add(
            actor=clerk, organization=agency, year=2019, held_on=dt.date(2019, 5, 1), title="x"
        )
    assert not PressConference.objects.exists()


def test_a_month_half_filled_or_not_yet_come_is_refused_and_nothing_is_saved(clerk, agency):
    weibo = services.media_account_add(
        actor=clerk, organization=agency, platform=Platform.WEIBO, name="上海司法行政发布"
    )
    with pytest.raises(services.ChannelError, match="3月还需填写发布条数、篇均阅读量"):
        services.media_months_save(
            actor=clerk,
            account=weibo,
            year=2018,
            months={1: {"followers": 1, "posts": 2, "average_reads": 3}, 3: {"followers": 9}},
        )
    with pytest.raises(services.ChannelError, match="2019年4月尚未到来"):
        services.media_months_save(
            actor=clerk,
            account=weibo,
            year=2019,
            months={4: {"followers": 1, "posts": 2, "average_reads": 3}},
        )
    assert not MediaMonth.objects.exists()


def test_an_account_cannot_be_added_twice(clerk, agency):
    services.media_account_add(
        actor=clerk, organization=agency, platform=Platform.WECHAT, name="法治上海"
    )
    with pytest.raises(services.ChannelError, match="已有微信公众号账号“法治上海”"):
        services.media_account_add(
            actor=clerk, organization=agency, platform=Platform.WECHAT, name="法治上海"
        )


def test_staff_who_do_not_compile_the_report_cannot_enter_figures(legal_reviewer, outsider, agency):
    for actor in (legal_reviewer, outsider):
        with pytest.raises(PermissionDenied):
            services.service_figures_save(
                actor=actor, organization=agency, year=2018, data={"hotline_calls": 1}
            )


def test_a_year_before_the_regulations_or_after_this_one_is_refused(clerk, agency):
    for year in (2007, 2020):
        with pytest.raises(services.ChannelError, match="年度应在 2008 年至 2019 年之间"):
            services.service_figures_save(actor=clerk, organization=agency, year=year, data={})
