from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.catalog import search, services
from gongkai.catalog.models import Confidentiality, SearchPending, Topic, Validity

# Every test here runs on both backends (PostgreSQL's only where the database is PostgreSQL).
pytestmark = pytest.mark.usefixtures("search_backend")


@pytest.fixture
def published(make_item, publish):
    def make(title, body, **extra):
        return publish(make_item(title, body, **extra))

    return make


def _titles(results):
    return [hit.item.title for hit in results.hits]


def test_a_query_for_sifa_jianding_ranks_items_about_it_above_items_that_mention_jianding(
    published,
):
    about = published(
        "上海市司法鉴定机构执业活动监督检查办法",
        "为规范本市司法鉴定活动，加强司法鉴定机构和司法鉴定人管理，制定本办法。",
    )
    passing = published(
        "2023年司法行政工作综述",
        "全年办理律师、公证、司法鉴定、人民调解等事项，各项工作稳步推进，群众满意度提高。",
    )
    mention = published(
        "关于开展房屋质量鉴定工作的通知", "市司法局提醒：房屋质量鉴定应当委托有资质的单位。"
    )
    only_jianding = published("文物鉴定工作简报", "本月完成文物鉴定二十件。")
    unrelated = published("关于律师事务所年度考核的通知", "各律师事务所应当按时参加年度考核。")
    search.apply_pending()
    results = search.search("司法鉴定")
    assert _titles(results) == [about.title, passing.title]
    assert results.hits[0].score > results.hits[1].score
    for other in (mention, only_jianding, unrelated):
        assert other.title not in _titles(results)
    # 鉴定 on its own finds every item that holds it, including those inside 司法鉴定.
    assert set(_titles(search.search("鉴定"))) == {
        about.title,
        passing.title,
        mention.title,
        only_jianding.title,
    }


def test_a_word_no_item_holds_falls_back_to_all_of_its_parts(published):
    # No item holds 司法鉴定 as a word; this one has both of its parts.
    both = published("委托鉴定工作的说明", "市司法局就委托鉴定事项作出说明。")
    published("文物鉴定工作简报", "本月完成文物鉴定二十件。")
    search.apply_pending()
    results = search.search("司法鉴定")
    assert _titles(results) == [both.title]
    assert "<mark>鉴定</mark>" in results.hits[0].title_html


def test_a_word_inside_a_longer_word_is_found(published):
    # 人民共和国 stands inside the one token 中华人民共和国, which search mode does not split
    # into words of four or more characters; another item holds 人民共和国 on its own, so the
    # query does not fall back to the parts.
    inside = published("中华人民共和国律师法释义", "本书逐条解读律师法。")
    alone = published("人民共和国成立以来的法律援助", "回顾法律援助制度的发展。")
    search.apply_pending()
    assert set(_titles(search.search("人民共和国"))) == {inside.title, alone.title}


def test_full_width_and_capital_letters_match_either_way(published):
    upper = published("关于ＸＹＺ律师事务所的行政处罚决定", "涉及IC卡、U盘和iPhone维修合同。")
    lower = published("关于xyz律师事务所的整改通知", "涉及ic卡、u盘和IPHONE维修合同。")
    search.apply_pending()
    # Dictionary words spelled with capitals (IC卡, U盘) included: however the item and the
    # query write them, in full or half width, they find each other.
    for query in (
        "xyz",
        "XYZ",
        "ＸＹＺ",
        "IC卡",
        "ic卡",
        "ＩＣ卡",
        "U盘",
        "u盘",
        "iphone",
        "IPhone",
    ):
        assert set(_titles(search.search(query))) == {upper.title, lower.title}, query


def test_every_word_of_a_query_must_match(published):
    both = published("律师事务所行政处罚决定书", "对某律师事务所作出警告的行政处罚。")
    published("律师事务所年度考核结果公告", "年度考核结果如下。")
    search.apply_pending()
    assert _titles(search.search("律师事务所 行政处罚")) == [both.title]


def test_hits_carry_highlighted_snippets_that_escape_the_text(published):
    published(
        "人民调解工作情况通报",
        "2024年，全市人民调解组织共调解纠纷12万件，调解成功率97%。<script>alert(1)</script>",
    )
    search.apply_pending()
    hit = search.search("人民调解").hits[0]
    assert "<mark>人民调解</mark>" in hit.title_html
    assert "<mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html


def test_only_the_query_words_are_highlighted_unless_an_item_matched_by_parts(published):
    published("上海市司法局关于司法鉴定收费的通知", "司法鉴定收费实行政府指导价。")
    published("委托鉴定工作的说明", "市司法局就委托鉴定事项作出说明。")
    search.apply_pending()
    hit = search.search("司法鉴定").hits[0]
    assert hit.title_html == "上海市司法局关于<mark>司法鉴定</mark>收费的通知"
    other = [h for h in search.search("鉴定").hits if "委托" in h.item.title][0]
    assert "<mark>鉴定</mark>" in other.title_html


def test_the_index_follows_publish_edit_and_withdraw(published, leader):
    item = published("法律援助申请指南", "申请法律援助应当提交身份证明和经济困难证明。")
    # One change per step (created, submitted, published), applied together.
    assert SearchPending.objects.filter(item_id=item.pk).count() == 3
    search.apply_pending()
    assert not SearchPending.objects.exists()
    assert _titles(search.search("法律援助")) == [item.title]
    services.item_set_validity(item=item, actor=leader, validity=Validity.REPEALED)
    search.apply_pending()
    assert _titles(search.search("法律援助", validity="repealed")) == [item.title]
    assert _titles(search.search("法律援助", validity="valid")) == []
    services.item_withdraw(item=item, actor=leader, reason="已被新指南替代")
    search.apply_pending()
    assert _titles(search.search("法律援助")) == []
    assert search.search("法律援助").total == 0


def test_a_withdrawn_item_never_shows_even_while_the_index_lags(published, leader):
    item = published("公证员执业年度考核公告", "公证员执业年度考核结果予以公告。")
    search.apply_pending()
    services.item_withdraw(item=item, actor=leader, reason="误发")
    # The pending change is not applied: the index still holds the document.
    assert SearchPending.objects.filter(item_id=item.pk).exists()
    assert _titles(search.search("公证员")) == []


def test_changes_are_applied_right_after_commit(
    make_item, publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = publish(make_item("社区矫正工作规定", "社区矫正对象应当按时报到。"))
    assert not SearchPending.objects.exists()
    assert _titles(search.search("社区矫正")) == [item.title]


def test_filters_restrict_hits(published, agency, district, district_clerk, make_item, publish):
    law = Topic.objects.get(code="lsgl")
    city = published("律师执业许可办事指南", "申请律师执业应当提交材料。", topic=law)
    local = publish(
        make_item(
            "徐汇区律师工作情况", "徐汇区律师行业发展情况。", actor=district_clerk, org=district
        )
    )
    search.apply_pending()
    assert set(_titles(search.search("律师"))) == {city.title, local.title}
    assert _titles(search.search("律师", organization=district.pk)) == [local.title]
    assert _titles(search.search("律师", topic=law.pk)) == [city.title]
    year = city.published_at.astimezone().year
    assert len(search.search("律师", year=year).hits) == 2
    assert search.search("律师", year=year - 1).hits == []


def test_results_are_paginated(published):
    for n in range(5):
        published(f"行政处罚决定书（第{n + 1}号）", "依法作出行政处罚。")
    search.apply_pending()
    first = search.search("行政处罚", per_page=2)
    third = search.search("行政处罚", per_page=2, page=3)
    assert first.total == 5 and first.page.paginator.num_pages == 3
    assert len(first.hits) == 2 and len(third.hits) == 1
    assert not set(_titles(first)) & set(_titles(third))


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "请输入检索词"),
        ("   ", "请输入检索词"),
        ("司" * 101, "检索词过长"),
        ("，。！", "没有可供检索"),
    ],
)
def test_an_empty_or_too_long_query_gets_a_clear_message(client, db, query, message):
    with pytest.raises(search.SearchError, match=message):
        search.search(query)
    response = client.get(reverse("catalog:search"), {"q": query})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_search_page_shows_ranked_highlighted_hits(client, published):
    item = published("司法鉴定许可办事指南", "申请设立司法鉴定机构应当具备下列条件。")
    search.apply_pending()
    response = client.get(reverse("catalog:search"), {"q": "司法鉴定"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>司法鉴定</mark>" in page and item.index_no in page
    assert client.get(reverse("catalog:search")).status_code == 200


def test_rebuild_recreates_the_index_from_the_database(published, leader):
    kept = published("法律职业资格考试报名公告", "报名时间为6月。")
    gone = published("法律职业资格证书领取通知", "请于工作日领取证书。")
    services.item_withdraw(item=gone, actor=leader, reason="已过期")
    call_command("search", "rebuild", stdout=StringIO())
    assert not SearchPending.objects.exists()
    assert _titles(search.search("法律职业资格")) == [kept.title]
    # Applying the same change twice is harmless.
    SearchPending.objects.create(item_id=kept.pk, op="upsert")
    SearchPending.objects.create(item_id=kept.pk, op="upsert")
    call_command("search", "apply", stdout=StringIO())
    assert search.search("法律职业资格").total == 1


def test_unpublished_drafts_are_never_indexed(make_item, clerk, division_head):
    item = make_item("起草中的律师管理办法", "草稿内容。")
    services.item_submit(item=item, actor=clerk)
    services.item_approve(item=item, actor=division_head, confidentiality=Confidentiality.CLEAR)
    search.rebuild()
    assert search.search("律师").hits == []


def test_a_lagging_index_cannot_show_an_item_under_a_filter_it_no_longer_matches(published, leader):
    item = published("人民调解员培训通知", "人民调解员应当参加年度培训。")
    search.apply_pending()
    services.item_set_validity(item=item, actor=leader, validity=Validity.EXPIRED)
    assert _titles(search.search("人民调解", validity="valid")) == []


def test_a_bad_filter_is_reported_by_name_instead_of_dropping_every_filter(client, published):
    published("司法鉴定机构名录", "本市司法鉴定机构名录。")
    search.apply_pending()
    response = client.get(reverse("catalog:search"), {"q": "司法", "org": "shsfj", "year": "abc"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "年份应为四位数字" in page and "司法鉴定机构名录" not in page
    response = client.get(reverse("catalog:search"), {"q": "司法", "org": "nosuch"})
    assert response.status_code == 400 and "没有这个发布机构" in response.content.decode()
    response = client.get(reverse("catalog:search"), {"q": "司法", "page": "0"})
    assert response.status_code == 400 and "页码应为正整数" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(published):
    for n in range(3):
        published(f"司法鉴定机构名录（第{n + 1}批）", "本市司法鉴定机构名录。")
    search.apply_pending()
    results = search.search("司法鉴定", page=5, per_page=2)
    assert results.page.number == 2 and len(results.hits) == 1


def test_highlighting_never_marks_inside_an_html_entity():
    from gongkai.catalog.search.query import highlight

    assert str(highlight("AT&T 公司", ("amp",))) == "AT&amp;T 公司"
    assert (
        str(highlight("<b>司法</b>鉴定", ("司法",))) == "&lt;b&gt;<mark>司法</mark>&lt;/b&gt;鉴定"
    )


def test_a_search_with_no_hits_says_so_once_and_not_about_0(client, make_item, publish):
    publish(make_item("行政处罚决定书", "依法作出行政处罚。"))
    search.apply_pending()
    page = client.get("/search/", {"q": "枫桥经验"}).content.decode()
    assert "没有找到与“枫桥经验”相关的信息。" in page
    assert "约 0" not in page and page.count("没有找到") == 1
