"""The audit log speaks Chinese: action names, field labels, values, links, filters, CSV."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.accounts import audit, audit_display
from gongkai.accounts.models import AuditEntry, Role
from gongkai.applications.models import Channel, ReceiptBasis
from gongkai.applications.services import application_intake
from gongkai.applications.tests.conftest import APPLICANT
from gongkai.conftest import make_staff

SOURCE = Path(__file__).resolve().parents[2]
# A code on the page looks like "catalog.item_approve" or "in_progress".
CODE = re.compile(r"\b[a-z]+[._][a-z_.]+\b")


@pytest.fixture
def application_factory(agency, clerk):
    def make():
        app, _ = application_intake(
            organization=agency,
            data=dict(APPLICANT),
            channel=Channel.IN_PERSON,
            submitted_on=date(2026, 9, 25),
            received_on=date(2026, 9, 25),
            receipt_basis=ReceiptBasis.SUBMITTED,
            actor=clerk,
        )
        return app

    return make


def test_every_action_the_code_base_writes_has_a_chinese_name():
    written = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        written |= set(re.findall(r'audit\.record\(\s*"([a-z_]+\.[a-z_]+)"', text))
        # Actions built with an f-string are named by the app's own table (e.g. per vocabulary).
    names = audit_display.action_names()
    assert written, "the scan found no audit.record calls"
    assert sorted(written - set(names)) == []


def test_a_transition_reads_as_status_from_to_with_labels(db, clerk, application_factory):
    application = application_factory()
    entry = audit.record(
        "applications.reply",
        application,
        actor=clerk,
        changes={
            "status": ["in_progress", "replied"],
            "on": "2026-10-09",
            "outcome": "disclosed",
            "method": "post",
        },
    )
    (row,) = audit_display.rows([entry], clerk)
    assert row.action == "依申请公开：答复"
    lines = {c.label: c.text for c in row.changes}
    assert lines["状态"] == "办理中 → 已答复"
    assert lines["日期"] == "2026-10-09"
    assert lines["办理结果"] == "予以公开"
    assert lines["送达方式"] == "邮寄"
    assert not CODE.search(row.changes_text())


def test_an_unnamed_action_or_key_is_never_shown_as_code(db, clerk):
    entry = audit.record("nowhere.thing_done", None, actor=clerk, changes={"some_key": "x"})
    (row,) = audit_display.rows([entry], clerk)
    assert row.action == "其他操作"
    assert row.changes[0].label == "其他内容"


def test_the_page_links_the_object_only_for_a_viewer_who_may_open_it(
    client, admin_user, clerk, application_factory
):
    application = application_factory()
    audit.record("applications.accept", application, actor=clerk)
    client.force_login(admin_user)  # administrators do not handle cases
    page = client.get(reverse("accounts:audit"))
    (row,) = [r for r in page.context["rows"] if r.action == "依申请公开：受理"]
    assert row.object_url is None
    assert row.object_type == "政府信息公开申请"
    assert audit_display.object_link(row.entry, clerk) == reverse(
        "applications:detail", args=[application.pk]
    )


def test_the_filter_offers_chinese_actions_and_refuses_unknown_codes(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("accounts:audit")).content.decode()
    assert "主动公开：全部操作" in page and "审核通过" in page
    bad = client.get(reverse("accounts:audit"), {"action": "catalog.<script>"})
    assert "请从列表中选择操作" in bad.content.decode()


def test_the_filtered_log_exports_as_csv_for_inspections_and_the_export_is_audited(
    client, admin_user, clerk
):
    audit.record("catalog.item_publish", None, actor=clerk, changes={"index_no": "A-2026-1"})
    audit.record("accounts.login", clerk, actor=clerk)
    client.force_login(admin_user)
    response = client.get(reverse("accounts:audit_export"), {"action": "catalog"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "操作人", "操作", "对象类型", "对象", "变更内容", "来源IP"]
    assert [r[2] for r in rows[1:]] == ["发布公开"]
    assert rows[1][5] == "索引号：A-2026-1"
    export = AuditEntry.objects.get(action="accounts.audit_export")
    assert export.changes["rows"] == 1
    assert export.changes["filters"] == "操作：主动公开：全部操作"


def test_only_administrators_export_the_log(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("accounts:audit_export")).status_code == 403


def test_a_correction_keyed_by_chinese_labels_shows_them(db, clerk):
    entry = audit.record("catalog.item_correct", None, actor=clerk, changes={"标题": ["甲", "乙"]})
    (row,) = audit_display.rows([entry], clerk)
    assert (row.changes[0].label, row.changes[0].text) == ("标题", "甲 → 乙")


def test_the_object_filter_lists_only_types_in_the_log_by_their_chinese_names(
    client, admin_user, clerk, application_factory
):
    client.force_login(admin_user)
    audit.record("applications.accept", application_factory(), actor=clerk)
    audit.record("accounts.login", clerk, actor=clerk)
    assert dict(audit_display.object_type_choices()) == {
        "": "全部对象",
        "accounts.user": "工作人员",
        "applications.application": "政府信息公开申请",
    }
    page = client.get(reverse("accounts:audit")).content.decode()
    assert "applications.application" in page  # a type nobody has acted on is not offered:
    assert 'value="consultations.consultation"' not in page


def test_a_record_named_by_its_id_is_shown_by_its_name(db, clerk, application_factory):
    from gongkai.appeals.models import AppealKind
    from gongkai.appeals.services import appeal_file

    application = application_factory()
    appeal_file(
        organization=application.organization,
        actor=clerk,
        kind=AppealKind.REVIEW,
        appellant="陈志明",
        body="上海市人民政府",
        subject="不服答复",
        filed_on=date(2026, 11, 2),
        application=application,
    )
    gone = audit.record("reports.import_supersede", None, actor=clerk, changes={"by": 999999})
    filed = AuditEntry.objects.get(action="appeals.file")
    rows = audit_display.rows([filed, gone], clerk)
    lines = {c.label: c.text for row in rows for c in row.changes}
    assert lines["涉及的申请"] == application.tracking_number
    assert lines["替代它的导入记录"] == "（已删除的导入的年度报告）"
    assert rows[0].changes_text() == f"类型：行政复议；涉及的申请：{application.tracking_number}"


def test_naming_the_records_costs_one_query_per_model_not_per_row(
    db, clerk, application_factory, django_assert_num_queries
):
    for _ in range(5):
        audit.record("appeals.file", None, changes={"by": application_factory().pk})
    entries = [
        audit.record("reports.import_supersede", None, actor=clerk, changes={"by": n})
        for n in range(1, 30)
    ]
    with django_assert_num_queries(1):
        audit_display.rows(entries, clerk)


def test_each_action_in_the_filter_has_its_own_name():
    labels = [
        label
        for _, group in audit_display.action_choices()[1:]
        for code, label in group
        if "." in code
    ]
    assert len(labels) == len(set(labels)), sorted(
        label for label in labels if labels.count(label) > 1
    )


def test_hotline_figures_are_logged_by_office_and_year(db, clerk, agency):
    from gongkai.channels.services import service_figures_save

    service_figures_save(actor=clerk, organization=agency, year=2026, data={"hotline_calls": 12})
    entry = AuditEntry.objects.get(action="channels.service_figures_save")
    assert entry.object_repr == f"{agency.name}2026年"


def test_a_page_of_the_log_links_its_cases_in_a_fixed_number_of_queries(
    client, agency, application_factory, django_assert_max_num_queries
):
    # An administrator who also handles cases: each case's entry links to the case.
    both = make_staff("both", agency, Role.ADMIN, Role.CLERK)
    first = application_factory()
    audit.record("applications.accept", first, actor=both)
    client.force_login(both)
    url = reverse("accounts:audit")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    later = [application_factory() for _ in range(8)]
    for app in later:
        audit.record("applications.accept", app, actor=both)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    linked = {r.object_url for r in page.context["rows"] if r.action == "依申请公开：受理"}
    assert linked == {reverse("applications:detail", args=[a.pk]) for a in [first, *later]}
