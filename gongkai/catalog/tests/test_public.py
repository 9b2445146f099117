import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from gongkai.catalog import services, views
from gongkai.catalog.models import Category, ItemKind, Topic


def test_the_item_page_shows_the_metadata_table_of_the_seed_report(client, make_item, publish):
    item = publish(
        make_item(
            "上海市司法局关于进一步规范司法鉴定机构执业活动的通知",
            doc_number="沪司规〔2019〕3号",
            written_on=dt.date(2019, 2, 28),
            keywords="司法鉴定 执业 通知",
            summary="规范司法鉴定机构执业活动。",
        )
    )
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    for label, value in (
        ("索引号", item.index_no),
        ("文件编号", "沪司规〔2019〕3号"),
        ("产生日期", "2019-02-28"),
        ("发布机构", "上海市司法局"),
        ("主题词", "司法鉴定 执业 通知"),
        ("有效性", "有效"),
    ):
        assert f'<th scope="row">{label}</th><td>{value}' in page or (
            f'<th scope="row">{label}</th><td colspan="3">{value}' in page
        )
    assert "发布日期：" + item.published_at.astimezone().strftime("%Y-%m-%d") in page


def test_normative_documents_and_their_interpretations_link_both_ways(client, make_item, publish):
    doc = publish(make_item("上海市律师执业管理办法", kind=ItemKind.NORMATIVE))
    reading = publish(
        make_item(
            "《上海市律师执业管理办法》政策解读",
            kind=ItemKind.INTERPRETATION,
            interprets=doc,
            topic=Topic.objects.get(code="zcjd"),
        )
    )
    doc_page = client.get(reverse("catalog:item", args=[doc.pk])).content.decode()
    reading_page = client.get(reverse("catalog:item", args=[reading.pk])).content.decode()
    assert reverse("catalog:item", args=[reading.pk]) in doc_page
    assert reverse("catalog:item", args=[doc.pk]) in reading_page


def test_only_an_interpretation_may_link_a_normative_document(make_item):
    doc = make_item("规范性文件", kind=ItemKind.NORMATIVE)
    try:
        make_item("普通信息", interprets=doc)
    except services.CatalogError as exc:
        assert "政策解读" in str(exc)
    else:
        raise AssertionError("a general item linked a normative document")


def test_a_repealed_document_carries_a_banner(client, make_item, publish, leader):
    doc = publish(make_item("上海市公证执业规则", kind=ItemKind.NORMATIVE))
    services.item_set_validity(
        item=doc, actor=leader, validity="repealed", changed_on=dt.date.today()
    )
    page = client.get(reverse("catalog:item", args=[doc.pk])).content.decode()
    assert "废止，仅供查阅" in page


def test_the_catalog_is_browsable_by_topic_category_organization_and_year(
    client, make_item, publish, district, district_clerk
):
    mediation = Topic.objects.get(code="rmtj")
    chat = Category.objects.get(code="hdjl")
    a = publish(make_item("人民调解工作简报", topic=mediation))
    b = publish(make_item("网上咨询答复汇总", category=chat))
    c = publish(make_item("徐汇区司法局工作动态", actor=district_clerk, org=district))
    browse = reverse("catalog:browse")

    def titles(params):
        return client.get(browse, params).content.decode()

    page = titles({"topic": "rmtj"})
    assert a.title in page and b.title not in page
    page = titles({"category": "hdjl"})
    assert b.title in page and a.title not in page
    page = titles({"org": "xh-sfj"})
    assert c.title in page and a.title not in page
    year = a.published_at.astimezone().year
    assert a.title in titles({"year": year}) and a.title not in titles({"year": year - 1})
    assert a.title in titles({"topic": "no-such-topic"})  # a bad filter is ignored


def test_the_year_filter_offers_the_local_years_with_published_items_newest_first(
    make_item, publish, leader
):
    import time_machine

    from gongkai.catalog import selectors

    for moment in (
        "2016-06-01 10:00 +0800",
        "2018-12-31 23:30 +0800",  # still 2018 in Shanghai, already 2018-12-31 15:30 UTC
        "2019-01-01 00:10 +0800",  # 2019 in Shanghai, still 2018-12-31 in UTC
        "2019-07-01 10:00 +0800",
    ):
        with time_machine.travel(moment, tick=False):
            publish(make_item(f"{moment}发布的信息", written_on=dt.date(2016, 1, 4)))
    with time_machine.travel("2021-03-01 10:00 +0800", tick=False):
        withdrawn = publish(make_item("已撤回的信息", written_on=dt.date(2016, 1, 4)))
        services.item_withdraw(item=withdrawn, actor=leader, reason="已过时效。")
    make_item("草稿")
    assert selectors.publication_years() == [2019, 2018, 2016]


def test_list_pages_use_a_fixed_number_of_queries(
    client, make_item, publish, django_assert_max_num_queries
):
    for n in range(12):
        publish(
            make_item(
                f"行政处罚决定公开（{n}）", kind=ItemKind.ANNUAL_REPORT if n < 3 else "general"
            )
        )
    for url in (
        reverse("catalog:browse"),
        reverse("catalog:annual_reports"),
        reverse("portal:home"),
    ):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_the_annual_report_column_lists_published_annual_reports(client, make_item, publish):
    report = publish(
        make_item("2023年上海市司法局政府信息公开工作年度报告", kind=ItemKind.ANNUAL_REPORT)
    )
    other = publish(make_item("律师行业发展情况"))
    page = client.get(reverse("catalog:annual_reports")).content.decode()
    assert report.title in page and other.title not in page


def test_the_guide_shows_the_edited_text_with_contacts_and_classification(
    client, agency, leader, clerk
):
    services.guide_save(
        organization=agency,
        actor=leader,
        body="一、主动公开\n\n本机关主动公开的政府信息通过门户网站发布。",
    )
    page = client.get(reverse("catalog:guide")).content.decode()
    assert "<h2>一、主动公开</h2>" in page
    assert "小木桥路470号" in page and "021-53899700" in page
    assert "业务类" in page and "司法鉴定" in page
    client.force_login(clerk)
    assert client.get(reverse("catalog:guide_edit")).status_code == 403
    client.force_login(leader)
    response = client.post(reverse("catalog:guide_edit"), {"org": "shsfj", "body": ""})
    assert "公开指南正文不能为空" in response.content.decode()


def test_public_pages_tell_analytics_which_column_they_show(make_item, publish, topic):
    item = publish(make_item())
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    views.item_page(request, item.pk)
    assert request.analytics == {"section": topic.name, "object": item}
    request = RequestFactory().get("/catalog/", {"topic": "sfjd"})
    request.user = item.created_by
    views.browse(request)
    assert request.analytics == {"section": "司法鉴定", "object": None}


def test_drafting_through_the_page_reports_missing_fields(client, clerk, topic, category):
    client.force_login(clerk)
    url = reverse("catalog:staff_create")
    response = client.post(url, {"organization": clerk.organization_id, "title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写名称" in page and "请填写正文" in page and "请填写成文日期" in page
    response = client.post(
        url,
        {
            "organization": clerk.organization_id,
            "title": "2024年法律援助工作情况",
            "body": "全年办理法律援助案件。",
            "written_on": "2024-01-05",
            "topic": topic.pk,
            "category": category.pk,
            "kind": "general",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "2024年法律援助工作情况" in detail and "提交审核" in detail


def test_each_catalog_entry_shows_index_title_summary_and_date_of_creation(
    client, make_item, publish
):
    item = publish(
        make_item(
            "2023年度律师事务所年度检查考核结果",
            summary="公布全市律师事务所2023年度检查考核结果。",
            written_on=dt.date(2024, 2, 20),
        )
    )
    page = client.get(reverse("catalog:browse")).content.decode()
    for text in (item.index_no, item.title, "公布全市律师事务所2023年度检查考核结果", "2024-02-20"):
        assert text in page
    assert 'data-label="内容概述"' in page


def test_every_line_of_the_body_is_a_paragraph_indented_as_one(client, make_item, publish):
    item = publish(make_item("通知", body="第一段内容。\n第二段内容。\n\n第三段 <b>内容</b>。"))
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert (
        '<div class="prose"><p>第一段内容。</p><p>第二段内容。</p>'
        "<p>第三段 &lt;b&gt;内容&lt;/b&gt;。</p></div>"
    ) in page
    assert "<br>" not in page.split('<div class="prose">')[1].split("</div>")[0]
