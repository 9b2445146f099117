"""The content check in the review chain: findings on submission, a reviewer's decisions
blocking or allowing approval, the public copy without hidden metadata, and the rescan."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services as catalog
from gongkai.catalog.models import Confidentiality, ItemStatus
from gongkai.catalog.services import CatalogError
from gongkai.inspection import services
from gongkai.inspection.models import Finding, FindingStatus, Term

from .files import docx_with_everything

LEAK = "公示名单：张三，身份证号11010519491231002X。请向环境保护部报送。"


def approve(item, actor):
    return catalog.item_approve(
        item=item, actor=actor, confidentiality=Confidentiality.CLEAR, opinion="同意"
    )


def test_an_item_entering_review_is_checked_and_its_findings_block_approval(
    make_item, clerk, division_head
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    found = {(f.kind, f.place, f.found) for f in Finding.objects.filter(item=item)}
    assert found == {
        ("id_number", "正文", "1101**********002X"),
        ("obsolete_name", "正文", "环境保护部"),
    }
    with pytest.raises(CatalogError, match="内容检查有 2 项发现尚未排除"):
        approve(item, division_head)
    assert not Finding.objects.filter(found__contains="11010519491231002X").exists()


def test_dismissing_every_finding_allows_approval_and_confirming_one_blocks_it(
    make_item, clerk, division_head
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    id_finding, name_finding = Finding.objects.filter(item=item).order_by("kind")
    services.finding_decide(
        finding=name_finding, actor=division_head, confirm=False, reason="引用历史文件原文"
    )
    services.finding_decide(finding=id_finding, actor=division_head, confirm=True, reason="须遮盖")
    with pytest.raises(CatalogError, match="1 项"):
        approve(item, division_head)
    services.finding_decide(
        finding=id_finding, actor=division_head, confirm=False, reason="已核实为虚构"
    )
    approve(item, division_head)
    item.refresh_from_db()
    assert item.review_position == 1


def test_a_decision_needs_a_reason_and_the_current_reviewer(
    make_item, clerk, division_head, leader
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    finding = Finding.objects.filter(item=item).first()
    with pytest.raises(services.InspectionError, match="理由"):
        services.finding_decide(finding=finding, actor=division_head, confirm=False, reason=" ")
    with pytest.raises(services.InspectionError, match="当前环节的审核人"):
        services.finding_decide(finding=finding, actor=clerk, confirm=False, reason="没问题")


def test_a_fixed_text_resubmitted_marks_its_findings_resolved(make_item, clerk, division_head):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    catalog.item_return(
        item=item,
        actor=division_head,
        opinion="遮盖身份证号",
        confidentiality=Confidentiality.REDACTED,
    )
    catalog.item_update(
        item=item, actor=clerk, data={"body": "公示名单：张三。请向生态环境部报送。"}
    )
    catalog.item_submit(item=item, actor=clerk)
    assert set(Finding.objects.filter(item=item).values_list("status", flat=True)) == {
        FindingStatus.RESOLVED
    }
    approve(item, division_head)


def test_the_reviewer_sees_the_findings_and_decides_on_the_item_page(
    client, make_item, clerk, division_head
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    client.force_login(division_head)
    page = client.get(reverse("catalog:staff_detail", args=[item.pk])).content.decode()
    assert "内容检查" in page and "2 项待确认或排除" in page and "1101**********002X" in page
    assert "11010519491231002X" not in page.split("内容检查")[1]  # the panel shows it masked
    finding = Finding.objects.filter(item=item, kind="obsolete_name").get()
    response = client.post(
        reverse("inspection:decide", args=[finding.pk]),
        {"decision": "dismiss", "reason": "原文引用"},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED and finding.decided_by == division_head


def test_the_heading_counts_what_still_blocks_in_words_matching_its_state(
    client, make_item, clerk, division_head
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    findings = list(Finding.objects.filter(item=item))
    for finding in findings:
        services.finding_decide(finding=finding, actor=division_head, confirm=True, reason="须改")
    client.force_login(clerk)
    url = reverse("catalog:staff_detail", args=[item.pk])
    heading = client.get(url).content.decode().split("内容检查", 1)[1].split("</h2>")[0]
    assert "2 项确认有误、待修改" in heading and "待处理" not in heading
    for finding in findings:
        services.finding_decide(finding=finding, actor=division_head, confirm=False, reason="核实")
    heading = client.get(url).content.decode().split("内容检查", 1)[1].split("</h2>")[0]
    assert "待处理 0 项" in heading and "确认有误" not in heading


def test_staff_of_another_agency_cannot_reach_the_findings_of_this_offices_items(
    client, make_item, clerk, outsider
):
    item = make_item("公示名单", body=LEAK, written_on=date(2026, 3, 1))
    catalog.item_submit(item=item, actor=clerk)
    finding = Finding.objects.filter(item=item, kind="obsolete_name").get()
    client.force_login(outsider)
    response = client.post(
        reverse("inspection:decide", args=[finding.pk]),
        {"decision": "dismiss", "reason": "原文引用"},
    )
    # Refused like the item's own page, not sent on to it with a message naming the finding.
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_office_attachments_are_published_without_hidden_metadata_and_the_original_is_kept(
    client, make_item, publish, clerk
):
    item = make_item("名单", body="名单见附件。", written_on=date(2026, 3, 1))
    catalog.attachment_add(
        item=item,
        actor=clerk,
        upload=SimpleUploadedFile("名单.docx", docx_with_everything("名单：李四")),
    )
    publish(item)
    attachment = item.attachments.get()
    assert "作者：张科员" in attachment.cleaned.removed
    from docx import Document

    with attachment.file.open("rb") as original:
        assert Document(io.BytesIO(original.read())).core_properties.author == "张科员"
    response = client.get(reverse("catalog:attachment", args=[attachment.pk]))
    data = b"".join(response.streaming_content)
    document = Document(io.BytesIO(data))
    assert document.core_properties.author == ""
    assert "名单：李四" in "\n".join(p.text for p in document.paragraphs)


def test_a_rescan_finds_a_term_added_after_publication_once(make_item, publish, agency, leader):
    item = publish(
        make_item("通知", body="请各区司法行政局按时报送。", written_on=date(2026, 3, 1))
    )
    assert item.status == ItemStatus.PUBLISHED
    assert services.rescan_published() == {"checked": 1, "new": 0}
    Term.objects.create(
        organization=agency, kind="office_wording", text="司法行政局", suggestion="司法局"
    )
    assert services.rescan_published()["new"] == 1
    assert services.rescan_published()["new"] == 0  # safe to run twice
    (finding,) = Finding.objects.filter(item=item)
    assert finding.from_rescan and finding.status == FindingStatus.OPEN
    services.finding_decide(finding=finding, actor=leader, confirm=True, reason="将更正")


def test_a_correction_of_a_published_item_is_checked_and_its_findings_block_it(
    make_item, publish, leader, division_head, legal_reviewer, agency
):
    from gongkai.accounts.models import Role
    from gongkai.catalog import corrections
    from gongkai.conftest import make_staff

    item = publish(make_item("通知", body="请各机构按时报送材料。", written_on=date(2026, 3, 1)))
    revision = corrections.revision_propose(
        item=item, actor=leader, data={"body": LEAK}, reason="补充名单"
    )
    findings = Finding.objects.filter(item=item, place="更正后的正文")
    assert {f.kind for f in findings} == {"id_number", "obsolete_name"}
    with pytest.raises(CatalogError, match="更正内容的检查有 2 项"):
        corrections.revision_approve(
            revision=revision, actor=division_head, confidentiality=Confidentiality.CLEAR
        )
    for finding in findings:
        services.finding_decide(
            finding=finding, actor=division_head, confirm=False, reason="已核实"
        )
    second_leader = make_staff("leader2", agency, Role.LEADER)
    for reviewer in (division_head, legal_reviewer, second_leader):
        corrections.revision_approve(
            revision=revision, actor=reviewer, confidentiality=Confidentiality.CLEAR
        )
    item.refresh_from_db()
    assert item.body == LEAK
