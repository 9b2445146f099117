"""Demo channel figures: 上海市司法局's 2018, as its annual report states them.

15 press conferences (the four the report names, and eleven more of the year's work), the two
WeChat accounts (法治上海, 上海市司法局), the Weibo account 上海司法行政发布 and the 12348上海法网
app with twelve months each (about 110,000 WeChat followers and 4,000 reads a post together,
some 150,000 Weibo followers and 850 posts a month), and the 12348 hotline and hall figures.
Entered through the services by the demo clerk. Idempotent.
"""

import random
from datetime import date

from gongkai.accounts.models import Organization, User

from . import services
from .models import MediaAccount, Platform, PressConference

YEAR = 2018
CONFERENCES = [
    (
        date(2018, 1, 23),
        "“谁执法谁普法”普法责任制新闻发布会",
        "关于实行国家机关“谁执法谁普法”普法责任制的实施意见",
    ),
    (date(2018, 2, 27), "2017年上海司法行政工作情况新闻发布会", ""),
    (
        date(2018, 3, 15),
        "上海市公共法律服务平台建设新闻通气会",
        "关于推进公共法律服务平台建设的实施意见",
    ),
    (
        date(2018, 4, 10),
        "上海市司法局优化营商环境行动方案新闻发布会",
        "上海市司法局优化营商环境行动方案",
    ),
    (date(2018, 4, 26), "上海市律师行业发展情况新闻通气会", ""),
    (
        date(2018, 5, 17),
        "对台法律服务开放举措新闻发布会",
        "关于进一步扩大对台法律服务开放的若干举措",
    ),
    (date(2018, 6, 5), "上海市法律援助工作情况新闻通气会", "上海市法律援助若干规定"),
    (
        date(2018, 6, 26),
        "上海市办理公证“最多跑一次”工作方案新闻发布会",
        "上海市办理公证“最多跑一次”工作方案",
    ),
    (date(2018, 7, 12), "上海市司法鉴定行业管理情况新闻通气会", ""),
    (date(2018, 8, 2), "国家统一法律职业资格考试上海考区考务安排新闻通气会", ""),
    (date(2018, 8, 30), "上海市人民调解工作情况新闻发布会", ""),
    (date(2018, 9, 20), "12348上海法网上线新闻发布会", ""),
    (
        date(2018, 10, 25),
        "上海公证机构合作制试点新闻通气会",
        "关于开展合作制公证机构试点工作的意见",
    ),
    (date(2018, 11, 15), "上海司法行政“一网通办”工作推进情况新闻发布会", ""),
    (date(2018, 12, 4), "2018年国家宪法日法治宣传新闻发布会", ""),
]
# (platform, name, launched, followers in Jan → Dec, posts a month, average reads a post)
ACCOUNTS = [
    (Platform.WECHAT, "上海市司法局", date(2017, 11, 1), (14_000, 21_500), 70, 1_400),
    (Platform.WECHAT, "法治上海", date(2014, 12, 1), (82_000, 89_000), 18, 3_600),
    (Platform.WEIBO, "上海司法行政发布", date(2012, 6, 1), (138_000, 149_000), 850, 98_000),
    (Platform.APP, "12348上海法网", date(2018, 9, 20), (0, 0), 0, 0),
]
SERVICE = {
    "hotline_calls": 364_851,
    "online_consultations": 11_422,
    "message_consultations": 6_160,
    "hall_visits": 28_710,
}


def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    if PressConference.objects.filter(organization=root, held_on__year=YEAR).exists():
        return []
    clerk = User.objects.get(username="clerk")
    for held_on, title, policies in CONFERENCES:
        services.press_conference_add(
            actor=clerk,
            organization=root,
            year=YEAR,
            held_on=held_on,
            title=title,
            policies=policies,
        )
    rnd = random.Random(YEAR)
    for platform, name, launched, (first, last), posts, reads in ACCOUNTS:
        account = MediaAccount.objects.filter(organization=root, name=name).first()
        if account is None:
            account = services.media_account_add(
                actor=clerk, organization=root, platform=platform, name=name, launched_on=launched
            )
        if not posts:
            continue  # the app publishes no posts of its own
        months = {
            m: {
                "followers": first + (last - first) * (m - 1) // 11,
                "posts": round(posts * rnd.uniform(0.85, 1.15)),
                "average_reads": round(reads * rnd.uniform(0.8, 1.2)),
            }
            for m in range(1, 13)
        }
        services.media_months_save(actor=clerk, account=account, year=YEAR, months=months)
    services.service_figures_save(actor=clerk, organization=root, year=YEAR, data=SERVICE)
    return [
        f"{YEAR}年发布渠道数据：新闻发布会 {len(CONFERENCES)} 场，政务新媒体账号 {len(ACCOUNTS)} 个。"
    ]
