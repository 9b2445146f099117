import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Category, Item, ItemStatus
from gongkai.guides import services
from gongkai.guides.models import PowerType, ServiceGuide

from .conftest import GUIDE_DATA, MATERIALS, PNG


@pytest.fixture
def published_guide(make_guide, publish):
    guide = make_guide()
    publish(guide.item)
    return guide


def test_the_home_page_links_to_both_columns_which_list_their_entries(
    client, published_guide, make_power, publish
):
    publish(make_power().item)
    publish(make_power("律师事务所设立许可", power_type=PowerType.LICENSING).item)
    home = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("guides:list")}"' in home
    assert f'href="{reverse("guides:powers")}"' in home
    assert "律师执业核准" in home
    assert "行政处罚（1项）" in home
    guides = client.get(reverse("guides:list")).content.decode()
    assert "律师执业核准" in guides and published_guide.get_absolute_url() in guides
    powers = client.get(reverse("guides:powers")).content.decode()
    assert "对律师违法行为的行政处罚" in powers and "律师事务所设立许可" in powers


def test_a_guide_reads_like_a_form_numbered_materials_steps_and_facts(client, published_guide):
    page = client.get(published_guide.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "<h1>律师执业核准</h1>",
        '<td class="num">1</td><th scope="row">律师执业申请表</th><td>原件1份</td>',
        '<td class="num">4</td><th scope="row">无犯罪记录证明</th>',
        "<li>区司法局审查并出具意见</li>",
        "20个工作日",
        "021-12348",
        published_guide.item.index_no,
    ):
        assert text in html


def test_a_draft_guide_is_not_on_the_portal(client, make_guide):
    guide = make_guide()
    assert client.get(guide.get_absolute_url()).status_code == 404
    assert "律师执业核准" not in client.get(reverse("guides:list")).content.decode()


def test_the_guide_list_finds_a_guide_by_a_required_material(client, published_guide):
    found = client.get(reverse("guides:list"), {"q": "无犯罪记录"}).content.decode()
    assert "律师执业核准" in found
    missed = client.get(reverse("guides:list"), {"q": "营业执照"}).content.decode()
    assert "律师执业核准" not in missed and "没有名称或申请材料含“营业执照”的办事指南" in missed


def test_the_flowchart_is_served_as_its_image_type_with_its_alt_text(
    client, make_guide, publish, clerk
):
    guide = make_guide()
    services.service_guide_save(
        actor=clerk,
        guide=guide,
        item_data={},
        guide_data={"flowchart_alt": "提交材料、区局审查、市局决定、领取证书四步"},
        materials=MATERIALS,
        flowchart=SimpleUploadedFile("流程.png", PNG),
    )
    url = reverse("guides:flowchart", args=[guide.pk])
    assert client.get(url).status_code == 403  # not yet published
    publish(guide.item)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    html = client.get(guide.get_absolute_url()).content.decode()
    assert f'<img src="{url}" alt="提交材料、区局审查、市局决定、领取证书四步"' in html


def test_the_list_of_powers_is_filtered_by_type(client, make_power, publish):
    publish(make_power().item)
    publish(make_power("律师事务所设立许可", power_type=PowerType.LICENSING).item)
    page = client.get(reverse("guides:powers"), {"type": PowerType.LICENSING}).content.decode()
    assert "律师事务所设立许可" in page and "对律师违法行为的行政处罚" not in page
    assert "<h1>权责清单：行政许可</h1>" in page
    bad = client.get(reverse("guides:powers"), {"type": "nonsense"})
    assert bad.status_code == 400 and "没有这种权力类型" in bad.content.decode()


def test_a_power_page_shows_its_basis_division_and_accountability(client, make_power, publish):
    power = make_power()
    publish(power.item)
    html = client.get(power.get_absolute_url()).content.decode()
    for text in (
        "行政处罚",
        "律师工作管理处",
        "<li>调查责任</li>",
        "<li>违反法定程序实施处罚的</li>",
    ):
        assert text in html


def _form(**overrides):
    data = {
        "organization": "",
        "title": "公证员执业核准",
        "written_on": "2024-03-01",
        "category": "",
        "keywords": "公证员",
        "materials": "公证员执业申请表｜原件1份\n身份证｜复印件1份",
        **GUIDE_DATA,
        **overrides,
    }
    return data


def test_a_clerk_reaches_the_guides_from_the_menu_and_saves_a_draft(client, clerk, agency, columns):
    client.force_login(clerk)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("guides:staff_list")}"' in dashboard
    category = Category.objects.get(code="yw")
    response = client.post(
        reverse("guides:guide_new"), _form(organization=agency.pk, category=category.pk)
    )
    item = Item.objects.get(title="公证员执业核准")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:staff_detail", args=[item.pk])
    assert item.status == ItemStatus.DRAFT
    assert [m.name for m in item.service_guide.materials.all()] == ["公证员执业申请表", "身份证"]
    listing = client.get(reverse("guides:staff_list")).content.decode()
    assert "公证员执业核准" in listing


def test_the_form_says_in_chinese_what_is_wrong_and_writes_nothing(client, clerk, agency, columns):
    client.force_login(clerk)
    category = Category.objects.get(code="yw")
    response = client.post(
        reverse("guides:guide_new"),
        {
            **_form(organization=agency.pk, category=category.pk, place=""),
            "flowchart": SimpleUploadedFile("流程.png", b"GIF89a not a png"),
            "flowchart_alt": "四步",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写办理地点。" in html
    response = client.post(
        reverse("guides:guide_new"),
        {
            **_form(organization=agency.pk, category=category.pk),
            "flowchart": SimpleUploadedFile("流程.png", b"GIF89a not a png"),
            "flowchart_alt": "四步",
        },
    )
    assert response.status_code == 400
    assert "内容与扩展名不符" in response.content.decode()
    assert not ServiceGuide.objects.exists() and not Item.objects.exists()


def test_a_guide_under_review_is_not_offered_for_editing(client, clerk, make_guide):
    from gongkai.catalog.services import item_submit

    guide = make_guide()
    item_submit(item=guide.item, actor=clerk)
    client.force_login(clerk)
    response = client.get(reverse("guides:guide_edit", args=[guide.pk]))
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "当前状态为“审核中”，不能修改" in follow


def test_staff_of_another_agency_cannot_open_a_guide(client, outsider, make_guide):
    guide = make_guide()
    client.force_login(outsider)
    assert client.get(reverse("guides:guide_edit", args=[guide.pk])).status_code == 403


@time_machine.travel(dt.datetime(2024, 5, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
def test_the_dashboard_counts_published_entries_and_charts_them_by_month(
    client, clerk, make_guide, make_power, publish
):
    publish(make_guide().item)
    publish(make_power().item)
    make_guide("公证员执业核准")
    client.force_login(clerk)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert '<span class="value">1</span>已公开办事指南' in html
    assert '<span class="value">1</span>已公开权责清单事项' in html
    assert "2024年每月公开的办事指南和权责清单事项" in html
    assert '<tr><th scope="row">5月</th><td class="num">1</td><td class="num">1</td></tr>' in html


def test_the_lists_cost_the_same_queries_for_three_entries_as_for_one(
    client, make_guide, make_power, publish, django_assert_max_num_queries
):
    publish(make_guide().item)
    publish(make_power().item)
    client.get(reverse("guides:list"))  # warm the site owner and the analytics caches
    with django_assert_max_num_queries(12) as one_guide:
        client.get(reverse("guides:list"))
    with django_assert_max_num_queries(12) as one_power:
        client.get(reverse("guides:powers"))
    for n in range(2):
        publish(make_guide(f"公证员执业核准{n}").item)
        publish(make_power(f"对公证员违法行为的行政处罚{n}").item)
    with django_assert_max_num_queries(len(one_guide.captured_queries)):
        client.get(reverse("guides:list"))
    with django_assert_max_num_queries(len(one_power.captured_queries)):
        client.get(reverse("guides:powers"))


def test_the_catalogs_edit_and_correction_pages_send_a_guide_to_its_own_form(
    client, clerk, division_head, make_guide, make_power, publish
):
    guide = make_guide()
    client.force_login(clerk)
    response = client.get(reverse("catalog:staff_edit", args=[guide.item_id]))
    assert response["Location"] == reverse("guides:guide_edit", args=[guide.pk])
    power = make_power()
    publish(power.item)
    client.force_login(division_head)
    response = client.get(reverse("catalog:staff_correct", args=[power.item_id]))
    assert response["Location"] == reverse("guides:power_edit", args=[power.pk])
    form = client.get(response["Location"]).content.decode()
    assert "更正原因" in form and "对律师违法行为的行政处罚" in form


def test_a_division_head_corrects_a_published_power_with_a_reason(
    client, division_head, make_power, publish
):
    power = make_power()
    publish(power.item)
    client.force_login(division_head)
    url = reverse("guides:power_edit", args=[power.pk])
    data = {
        "organization": power.item.organization_id,
        "title": power.item.title,
        "written_on": "2024-03-01",
        "category": power.item.category_id,
        "power_type": "penalty",
        "basis": power.basis,
        "division": "公共法律服务管理处",
        "responsibilities": power.responsibilities,
        "accountability": power.accountability,
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "必须说明原因" in refused.content.decode()
    client.post(url, {**data, "reason": "机构改革后责任处室调整"})
    # Proposed for review: the published entry is unchanged until the chain approves it.
    page = client.get(power.get_absolute_url()).content.decode()
    assert "公共法律服务管理处" not in page
    revision = power.item.revisions.get()
    assert revision.reason == "机构改革后责任处室调整" and revision.status == "pending"


def test_a_withdrawn_guide_says_when_and_why(client, published_guide, leader):
    from gongkai.catalog.services import item_withdraw

    item_withdraw(item=published_guide.item, actor=leader, reason="该事项已取消")
    response = client.get(published_guide.get_absolute_url())
    assert response.status_code == 410
    assert "撤回原因：该事项已取消" in response.content.decode()
    assert "律师执业核准" not in client.get(reverse("guides:list")).content.decode()
