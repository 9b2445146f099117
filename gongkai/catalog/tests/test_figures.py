import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Category, ItemKind


@pytest.fixture
def publish_on(make_item, publish):
    def run(when: str, **kwargs):
        kwargs.setdefault("written_on", dt.date.fromisoformat(when))
        with time_machine.travel(f"{when} 10:00 +0800", tick=False):
            return publish(make_item(**kwargs))

    return run


def test_year_figures_count_items_per_category_with_shares(publish_on, leader):
    business, chat, policy = (Category.objects.get(code=c) for c in ("yw", "hdjl", "zcfg"))
    publish_on("2017-12-20", title="上年发布的信息")
    for n in range(5):
        publish_on("2018-03-01", title=f"业务信息{n}", category=business)
    publish_on("2018-05-01", title="咨询答复", category=chat)
    withdrawn = publish_on("2018-06-01", title="政策法规信息", category=policy)
    with time_machine.travel("2018-07-01 10:00 +0800", tick=False):
        services.item_withdraw(item=withdrawn, actor=leader, reason="误发")
    publish_on("2019-01-02", title="次年信息")
    figures = selectors.year_figures(2018)
    assert figures.published == 7  # a withdrawn item was still disclosed that year
    assert figures.total == 8
    shares = {f.name: (f.count, f.share) for f in figures.by_category}
    assert shares["业务类"] == (5, Decimal("71.43"))
    assert shares["互动交流类"] == (1, Decimal("14.29"))
    assert shares["政策法规类"] == (1, Decimal("14.29"))
    assert shares["其他"] == (0, Decimal("0.00"))
    assert selectors.published_per_year() == {2017: 1, 2018: 7, 2019: 1}


def test_shares_reproduce_the_seed_report():
    assert selectors._share(16708, 21594) == Decimal("77.37")
    assert selectors._share(1401, 21594) == Decimal("6.49")
    assert selectors._share(304, 21594) == Decimal("1.41")
    assert selectors._share(3181, 21594) == Decimal("14.73")


def test_normative_documents_issued_repealed_and_in_force(publish_on, leader):
    old = publish_on("2017-05-01", title="旧办法", kind=ItemKind.NORMATIVE)
    expired = publish_on("2017-06-01", title="临时规定", kind=ItemKind.NORMATIVE)
    publish_on("2018-04-01", title="新办法", kind=ItemKind.NORMATIVE)
    later = publish_on("2018-09-01", title="另一办法", kind=ItemKind.NORMATIVE)
    publish_on("2018-09-02", title="普通信息")
    services.item_set_validity(
        item=old, actor=leader, validity="repealed", changed_on=dt.date(2018, 4, 1)
    )
    services.item_set_validity(
        item=expired, actor=leader, validity="expired", changed_on=dt.date(2018, 12, 31)
    )
    services.item_set_validity(
        item=later, actor=leader, validity="repealed", changed_on=dt.date(2019, 3, 1)
    )
    figures = selectors.year_figures(2018)
    assert figures.normative_issued == 2
    assert figures.normative_repealed == 1
    assert figures.normative_expired == 1
    # 新办法 plus 另一办法 (repealed only in 2019)
    assert figures.normative_in_force == 2
    assert selectors.year_figures(2017).normative_in_force == 2


def test_figures_cover_an_organization_and_its_subordinates(
    publish_on, make_item, publish, district, district_clerk, agency, other_agency
):
    publish_on("2018-03-01", title="市局信息")
    with time_machine.travel("2018-03-02 10:00 +0800", tick=False):
        publish(make_item("区局信息", actor=district_clerk, org=district))
    assert selectors.year_figures(2018, agency).published == 2
    assert selectors.year_figures(2018, district).published == 1
    assert selectors.year_figures(2018, other_agency).published == 0


def test_items_published_later_than_20_working_days_after_they_were_formed(publish_on):
    pytest.importorskip("gongkai.lib.workdays")
    # Formed on Monday 2018-03-05: the 20th working day after it is Monday 2018-04-02.
    publish_on("2018-04-02", title="按时发布", written_on=dt.date(2018, 3, 5))
    publish_on("2018-04-03", title="逾期发布", written_on=dt.date(2018, 3, 5))
    publish_on("2018-03-06", title="及时发布", written_on=dt.date(2018, 3, 5))
    assert selectors.late_publications(2018) == 1


def test_a_document_withdrawn_after_the_year_still_counts_as_in_force_for_that_year(
    publish_on, leader
):
    document = publish_on("2017-05-01", title="办法", kind=ItemKind.NORMATIVE)
    with time_machine.travel("2019-03-01 10:00 +0800", tick=False):
        services.item_withdraw(item=document, actor=leader, reason="已被新办法替代")
    assert selectors.year_figures(2018).normative_in_force == 1
    assert selectors.year_figures(2019).normative_in_force == 0


def test_an_item_published_on_the_weekend_after_its_deadline_is_late(publish_on):
    from gongkai.lib.workdays import add_workdays

    formed = dt.date(2018, 5, 4)
    assert add_workdays(formed, 20) == dt.date(2018, 6, 1)  # a Friday
    publish_on("2018-06-02", title="周六发布", written_on=formed)
    publish_on("2018-06-01", title="最后一天发布", written_on=formed)
    assert selectors.late_publications(2018) == 1
