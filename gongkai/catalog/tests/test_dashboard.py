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
