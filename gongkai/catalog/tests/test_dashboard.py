from gongkai.catalog import dashboard, services
from gongkai.catalog.models import Confidentiality


def _counter(user, label):
    return next(c for c in dashboard.counters(user) if c["label"] == label)


def test_my_drafts_are_counted_and_flagged_once_one_comes_back_from_review(
    make_item, clerk, division_head
):
    make_item(title="草稿一")
    returned = make_item(title="草稿二")
    make_item(title="别人的草稿", actor=division_head)
    drafts = _counter(clerk, "我的草稿（含退回）")
    assert (drafts["value"], drafts["tone"]) == (2, "")

    services.item_submit(item=returned, actor=clerk)
    assert _counter(clerk, "我的草稿（含退回）")["value"] == 1
    services.item_return(
        item=returned,
        actor=division_head,
        opinion="请补充附件。",
        confidentiality=Confidentiality.CLEAR,
    )
    drafts = _counter(clerk, "我的草稿（含退回）")
    assert (drafts["value"], drafts["tone"]) == (2, "warn")


def _listed(client, counter) -> list[str]:
    page = client.get(counter["url"])
    return [item.title for item in page.context["page"]]


def test_each_counter_links_to_a_list_of_exactly_what_it_counts(
    client, make_item, publish, clerk, division_head
):
    make_item(title="王晓敏的草稿")
    make_item(title="李建国的草稿", actor=division_head)
    this_year = publish(make_item(title="今年发布的信息"))
    last_year = publish(make_item(title="去年发布的信息"))
    last_year.published_at = last_year.published_at.replace(year=last_year.published_at.year - 1)
    last_year.save(update_fields=["published_at"])

    client.force_login(division_head)
    drafts = _counter(division_head, "我的草稿（含退回）")
    assert _listed(client, drafts) == ["李建国的草稿"] and drafts["value"] == 1
    published = next(c for c in dashboard.counters(division_head) if "年已发布" in c["label"])
    assert _listed(client, published) == [this_year.title] and published["value"] == 1
