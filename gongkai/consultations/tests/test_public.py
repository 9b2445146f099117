"""The portal: the online question form and the searchable public Q&A."""

from datetime import date

from django.urls import reverse

from gongkai.consultations import search, services
from gongkai.consultations.models import Consultation

from .test_services import log


def publish(c, actor, question, answer):
    return services.consultation_publish(
        consultation=c, actor=actor, question=question, answer=answer
    )


def test_the_online_form_creates_an_online_consultation(client, agency):
    response = client.post(
        reverse("consultations:ask"),
        {
            "organization": agency.pk,
            "topic": "申请费用",
            "question": "申请政府信息公开要收费吗？",
            "asker_name": "王芳",
            "contact": "13900001111",
        },
    )
    assert response.status_code == 302
    c = Consultation.objects.get()
    assert c.channel == "online" and c.status == "open" and c.contact == "13900001111"


def test_the_online_form_names_what_is_missing(client, agency):
    response = client.post(reverse("consultations:ask"), {"organization": agency.pk})
    page = response.content.decode()
    assert response.status_code == 400 and "请填写咨询内容。" in page
    assert not Consultation.objects.exists()


def test_published_pairs_are_listed_and_found_by_segmented_search(
    client, agency, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = log(agency, clerk)
        publish(
            a,
            clerk,
            "司法鉴定机构的年度检查结果在哪里查询？",
            "已在公开目录“司法鉴定”栏目主动公开。",
        )
        b = log(agency, clerk, topic="收费")
        publish(
            b,
            clerk,
            "申请政府信息公开是否收费？",
            "一般不收费；超出一定数量的按规定收取信息处理费。",
        )
        log(agency, clerk, topic="未公开的咨询", answer="内部答复：年度检查另行通知。")
    listing = client.get(reverse("consultations:public_list")).content.decode()
    assert "年度检查结果在哪里查询" in listing and "是否收费" in listing
    assert "内部答复" not in listing
    # 鉴定 is found inside 司法鉴定 (segmentation), and 收费 finds only its pair.
    hits = client.get(reverse("consultations:public_list"), {"q": "鉴定"}).content.decode()
    assert "年度检查结果在哪里查询" in hits and "是否收费" not in hits
    assert "相关的问答共 1 条" in hits
    assert search.search("信息处理费") == [b.pk]
    assert search.search("年度检查") == [a.pk]  # the unpublished pair's words are not indexed


def test_a_pair_taken_down_disappears_from_search(
    client, agency, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        c = log(agency, clerk)
        publish(c, clerk, "司法鉴定投诉怎么处理？", "向司法行政机关投诉。")
    assert search.search("投诉") == [c.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_unpublish(consultation=c, actor=clerk)
    assert search.search("投诉") == []
    page = client.get(reverse("consultations:public_list"), {"q": "投诉"}).content.decode()
    assert "没有找到相关问答" in page


def test_an_overlong_query_is_a_chinese_400(client, agency):
    response = client.get(reverse("consultations:public_list"), {"q": "查" * 101})
    assert response.status_code == 400 and "检索词过长" in response.content.decode()


def test_the_home_page_links_to_the_public_qa(
    client, agency, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        c = log(agency, clerk, asked_on=date(2026, 12, 1))
        publish(c, clerk, "受理点的办公时间？", "工作日9:00至17:00。")
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("consultations:public_list") in home and "受理点的办公时间" in home
    assert reverse("consultations:ask") in home


def test_a_client_asking_too_often_is_refused_in_chinese(client, agency):
    data = {
        "organization": agency.pk,
        "topic": "申请费用",
        "question": "申请政府信息公开要收费吗？",
        "asker_name": "王芳",
        "contact": "13900001111",
    }
    for _ in range(services.MAX_QUESTIONS_PER_HOUR):
        assert client.post(reverse("consultations:ask"), data).status_code == 302
    response = client.post(reverse("consultations:ask"), data)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Consultation.objects.count() == services.MAX_QUESTIONS_PER_HOUR
    # Another address may still ask.
    other = client.post(reverse("consultations:ask"), data, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_the_online_form_refuses_a_contact_nobody_can_answer(client, agency):
    form = {
        "organization": agency.pk,
        "topic": "申请费用",
        "question": "申请政府信息公开要收费吗？",
        "asker_name": "王芳",
    }
    for unusable in ("abc", "123", "wang@", "电话见附件"):
        response = client.post(reverse("consultations:ask"), {**form, "contact": unusable})
        assert response.status_code == 400
        assert "请填写有效的手机号码、固定电话或电子邮箱" in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_online_form_takes_a_landline_or_an_email_address(client, agency):
    form = {
        "organization": agency.pk,
        "topic": "申请费用",
        "question": "申请政府信息公开要收费吗？",
        "asker_name": "王芳",
    }
    for usable in ("021-53899700", " wang.fang@example.cn ", "１３９００００１１１１"):
        response = client.post(reverse("consultations:ask"), {**form, "contact": usable})
        assert response.status_code == 302
    assert sorted(Consultation.objects.values_list("contact", flat=True)) == [
        "021-53899700",
        "13900001111",
        "wang.fang@example.cn",
    ]
