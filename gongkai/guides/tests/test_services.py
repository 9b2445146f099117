import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import search
from gongkai.catalog.models import ItemRevision, ItemStatus
from gongkai.catalog.services import CatalogError, item_submit
from gongkai.guides import services
from gongkai.guides.models import GuideMaterial, ServiceGuide

from .conftest import PNG


def test_a_guide_is_a_draft_item_of_its_column_whose_body_lists_every_part(make_guide):
    guide = make_guide()
    item = guide.item
    assert item.status == ItemStatus.DRAFT
    assert item.topic.name == "办事指南"
    assert [m.name for m in guide.materials.all()] == [
        "律师执业申请表",
        "法律职业资格证书",
        "实习鉴定书",
        "无犯罪记录证明",
    ]
    assert (
        "二、申请材料\n1. 律师执业申请表（原件1份）\n2. 法律职业资格证书（复印件1份）" in item.body
    )
    assert "五、办理流程\n1. 申请人向律师事务所提交材料" in item.body
    assert "八、办理时限\n20个工作日" in item.body


def test_a_published_guide_is_found_by_the_name_of_a_material_it_requires(make_guide, publish):
    guide = make_guide()
    make_guide("公证员执业核准", materials="公证员执业申请表\n公证机构推荐书")
    publish(guide.item)
    search.apply_pending()
    results = search.search("无犯罪记录证明")
    assert [hit.item.title for hit in results.hits] == ["律师执业核准"]
    # Before review, nothing of a draft is found.
    assert not search.search("公证机构推荐书").hits


def test_a_guide_without_materials_is_refused_and_nothing_is_written(make_guide):
    with pytest.raises(services.GuideError, match="至少填写一项申请材料"):
        make_guide(materials="\n  \n")
    assert not ServiceGuide.objects.exists()


def test_a_material_line_without_a_name_is_refused_by_its_line_number(make_guide):
    with pytest.raises(services.GuideError, match="第 2 行没有材料名称"):
        make_guide(materials="身份证\n｜复印件1份")


def test_a_flowchart_that_is_not_the_image_its_name_claims_is_refused(make_guide):
    guide = make_guide()
    fake = SimpleUploadedFile("流程图.png", b"%PDF-1.4 not an image")
    with pytest.raises(services.GuideError, match="内容与扩展名不符"):
        services.service_guide_save(
            actor=guide.item.created_by,
            guide=guide,
            item_data={},
            guide_data={"flowchart_alt": "四步流程"},
            materials=MATERIALS_OF(guide),
            flowchart=fake,
        )
    guide.refresh_from_db()
    assert not guide.flowchart


def test_a_flowchart_needs_its_text_description(make_guide):
    guide = make_guide()
    with pytest.raises(services.GuideError, match="流程图文字说明"):
        services.service_guide_save(
            actor=guide.item.created_by,
            guide=guide,
            item_data={},
            guide_data={"flowchart_alt": ""},
            materials=MATERIALS_OF(guide),
            flowchart=SimpleUploadedFile("flow.png", PNG),
        )


def test_a_guide_under_review_cannot_be_changed_and_keeps_its_materials(make_guide, clerk):
    guide = make_guide()
    item_submit(item=guide.item, actor=clerk)
    with pytest.raises(CatalogError, match="审核中"):
        services.service_guide_save(
            actor=clerk, guide=guide, item_data={}, guide_data={}, materials="只有一项材料"
        )
    assert GuideMaterial.objects.filter(guide=guide).count() == 4


def test_correcting_a_published_guide_goes_through_review_before_anything_public_changes(
    make_guide, publish, leader, division_head, legal_reviewer, agency
):
    from gongkai.accounts.models import Role
    from gongkai.catalog import corrections
    from gongkai.catalog.models import Confidentiality, RevisionStatus
    from gongkai.conftest import make_staff

    guide = make_guide()
    publish(guide.item)
    with pytest.raises(CatalogError, match="必须说明原因"):
        services.service_guide_save(
            actor=leader,
            guide=guide,
            item_data={},
            guide_data={"time_limit": "15个工作日"},
            materials=MATERIALS_OF(guide),
        )
    services.service_guide_save(
        actor=leader,
        guide=guide,
        item_data={},
        guide_data={"time_limit": "15个工作日"},
        materials=MATERIALS_OF(guide) + "\n营业执照复印件｜1份",
        reason="承诺时限压缩",
    )
    guide.refresh_from_db()
    # 先审查、后公开: the published guide and its text stay until the correction is approved.
    assert guide.time_limit == "20个工作日" and "15个工作日" not in guide.item.body
    assert guide.pending["time_limit"] == "15个工作日"
    revision = ItemRevision.objects.get(item=guide.item)
    assert revision.reason == "承诺时限压缩" and revision.status == RevisionStatus.PENDING
    second_leader = make_staff("leader2", agency, Role.LEADER)
    for reviewer in (division_head, legal_reviewer, second_leader):
        corrections.revision_approve(
            revision=revision, actor=reviewer, confidentiality=Confidentiality.CLEAR
        )
    guide.refresh_from_db()
    assert guide.time_limit == "15个工作日" and "15个工作日" in guide.item.body
    assert guide.pending == {}
    assert [m.name for m in guide.materials.all()][-1] == "营业执照复印件"


def test_a_returned_guide_correction_drops_the_proposed_structure(
    make_guide, publish, leader, division_head
):
    from gongkai.catalog import corrections

    guide = make_guide()
    publish(guide.item)
    services.service_guide_save(
        actor=leader,
        guide=guide,
        item_data={},
        guide_data={"time_limit": "15个工作日"},
        materials=MATERIALS_OF(guide),
        reason="承诺时限压缩",
    )
    revision = ItemRevision.objects.get(item=guide.item)
    corrections.revision_return(revision=revision, actor=division_head, opinion="时限依据不足")
    guide.refresh_from_db()
    assert guide.pending == {} and guide.time_limit == "20个工作日"


def test_an_outsider_cannot_change_a_guide(make_guide, outsider):
    from django.core.exceptions import PermissionDenied

    guide = make_guide()
    with pytest.raises(PermissionDenied):
        services.service_guide_save(
            actor=outsider, guide=guide, item_data={}, guide_data={}, materials="身份证"
        )


def test_a_power_passes_review_and_is_found_by_its_basis(make_power, publish):
    power = make_power()
    assert power.item.topic.name == "权责清单"
    assert "一、权力类型\n行政处罚" in power.item.body
    publish(power.item)
    search.apply_pending()
    assert [h.item.title for h in search.search("律师法").hits] == ["对律师违法行为的行政处罚"]


def test_a_power_without_a_type_is_refused(make_power):
    with pytest.raises(services.GuideError, match="权力类型"):
        make_power(power_type="")


def MATERIALS_OF(guide):
    return services.materials_text(guide)


def test_a_new_entry_needs_its_publishing_organization(clerk, columns):
    from gongkai.catalog.models import Category

    with pytest.raises(services.GuideError, match="请选择发布机构"):
        services.power_save(
            actor=clerk,
            item_data={"title": "x", "written_on": None, "category": Category.objects.first()},
            power_data={
                "power_type": "penalty",
                "basis": "a",
                "division": "b",
                "responsibilities": "c",
                "accountability": "d",
            },
        )
