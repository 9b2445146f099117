"""Staff import another agency's report, check the figures against the text, then compare."""

from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.reports import services, statistics
from gongkai.reports.models import ImportedReport, ImportStatus


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


def _import(staff_client, agency, **data):
    return staff_client.post(reverse("reports:import_new"), {"owner": agency.pk, **data})


def _submitted_as_shown(staff_client, url) -> dict:
    """The review form's data as the page shows it (what "confirm" without edits posts)."""
    form = staff_client.get(url).context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_pasting_a_report_shows_the_parsed_figures_beside_the_text(
    staff_client, agency, report_text
):
    response = _import(staff_client, agency, text=report_text)
    report = ImportedReport.objects.get()
    assert response.status_code == 302
    assert report.status == ImportStatus.DRAFT
    assert report.reporting_body == "上海市示例区司法局"
    assert report.year == 2023 and report.format == "2021"
    page = staff_client.get(reverse("reports:import_review", args=[report.pk])).content.decode()
    assert "上年结转政府信息公开申请数量" in page  # the source text
    assert 'value="12"' in page  # the parsed 本年新收 total, editable
    assert AuditEntry.objects.filter(action="reports.import").exists()


def test_an_uploaded_gb18030_html_page_is_read(staff_client, agency, report_text):
    html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in report_text.splitlines())
        + "</body></html>"
    )
    upload = SimpleUploadedFile("report.html", html.encode("gb18030"), content_type="text/html")
    response = _import(staff_client, agency, file=upload)
    assert response.status_code == 302, response.content.decode()
    assert ImportedReport.objects.get().year == 2023


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请上传报告文件，或粘贴报告全文"),
        ({"text": "这是一段与年度报告无关的文字。"}, "无法解析该报告"),
        ({"file": SimpleUploadedFile("r.doc", b"\xd0\xcf\x11\xe0")}, ".doc 请先另存为 .docx"),
        ({"file": SimpleUploadedFile("r.pdf", b"%PDF-1.7")}, "文件已损坏或不是 PDF 文件"),
        ({"file": SimpleUploadedFile("r.docx", b"PK\x03\x04junk")}, "文件已损坏或不是 DOCX 文件"),
        ({"file": SimpleUploadedFile("r.txt", b"\x00\x01\x02binary")}, "二进制文件"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message_and_nothing_saved(
    staff_client, agency, data, message
):
    response = _import(staff_client, agency, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_confirming_saves_corrections_and_rechecks_the_figures(
    staff_client, agency, clerk, report_text
):
    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    url = reverse("reports:import_review", args=[report.pk])
    data = _submitted_as_shown(staff_client, url)
    data.update(reporting_body="上海市示例区司法局", year="2023", replace="")
    # The reviewer corrects the 自然人 column of 一、本年新收 from 10 to 11: rule 3 now breaks.
    data["stat__applications__new__natural_person"] = "11"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ImportStatus.CONFIRMED
    assert report.document["applications"]["new"]["natural_person"] == 11
    assert {
        "rule": "3",
        "where": "applications.new.total",
        "expected": 13,
        "found": 12,
    } in report.violations
    entry = AuditEntry.objects.get(action="reports.import_confirm")
    assert entry.changes["applications.new.natural_person"] == [10, 11]


def test_a_typed_word_instead_of_a_number_is_refused_field_by_field(
    staff_client, agency, clerk, report_text
):
    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    url = reverse("reports:import_review", args=[report.pk])
    data = _submitted_as_shown(staff_client, url)
    data.update(reporting_body="上海市示例区司法局", year="2023")
    data["stat__applications__new__total"] = "十二件多"
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "须填写数字" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ImportStatus.DRAFT


def test_a_second_confirmed_report_for_the_same_year_needs_replace(agency, clerk, report_text):
    def values(report):
        return statistics.flatten(report.document)

    first = services.report_import(owner=agency, text=report_text, source_name="a", actor=clerk)
    services.report_import_confirm(
        report=first, reporting_body="甲局", year=2023, values=values(first), actor=clerk
    )
    second = services.report_import(owner=agency, text=report_text, source_name="b", actor=clerk)
    with pytest.raises(services.ReportImportError, match="替换已有报告"):
        services.report_import_confirm(
            report=second, reporting_body="甲局", year=2023, values=values(second), actor=clerk
        )
    services.report_import_confirm(
        report=second,
        reporting_body="甲局",
        year=2023,
        values=values(second),
        actor=clerk,
        replace=True,
    )
    first.refresh_from_db()
    assert first.status == ImportStatus.SUPERSEDED


def test_staff_of_another_agency_cannot_open_the_import(
    client, outsider, agency, clerk, report_text
):
    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    client.force_login(outsider)
    assert client.get(reverse("reports:import_review", args=[report.pk])).status_code == 403
    assert (
        client.post(
            reverse("reports:import_new"), {"owner": agency.pk, "text": report_text}
        ).status_code
        == 400
    )


def test_the_comparison_charts_a_statistic_across_agencies_and_years(
    staff_client, agency, clerk, report_text
):
    for body, year, received in [("甲局", 2022, 8), ("甲局", 2023, 12), ("乙局", 2023, 30)]:
        r = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
        values = statistics.flatten(r.document)
        values["applications.new.total"] = received
        services.report_import_confirm(
            report=r, reporting_body=body, year=year, values=values, actor=clerk
        )
    response = staff_client.get(
        reverse("reports:compare"),
        {"metric": "received", "bodies": ["甲局", "乙局"], "years": ["2022", "2023"]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'role="img"' in page
    assert response.context["data"]["series"] == [
        {"body": "甲局", "values": [8, 12]},
        {"body": "乙局", "values": [None, 30]},
    ]


def test_the_share_disclosed_is_computed_from_the_outcome_rows(agency, clerk, report_text):
    from gongkai.reports.selectors import METRICS_BY_KEY

    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    # (6 + 1) / 11 answered
    assert METRICS_BY_KEY["share_disclosed"].compute(report.document) == 63.64


def _confirm_data(staff_client, url, **changes):
    data = _submitted_as_shown(staff_client, url)
    data.update(reporting_body="上海市示例区司法局", year="2023")
    data.update(changes)
    return data


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf", "1e400", "1000000000000"])
def test_numbers_that_are_not_counts_are_refused(staff_client, agency, clerk, report_text, value):
    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    url = reverse("reports:import_review", args=[report.pk])
    response = staff_client.post(
        url, _confirm_data(staff_client, url, stat__applications__new__total=value)
    )
    assert response.status_code == 400
    assert "须填写数字" in response.content.decode()


def test_a_confirmation_missing_its_figures_is_refused_not_taken_as_absent(
    staff_client, agency, clerk, report_text
):
    report = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    url = reverse("reports:import_review", args=[report.pk])
    response = staff_client.post(url, {"reporting_body": "上海市示例区司法局", "year": "2023"})
    assert response.status_code == 400
    assert "表单不完整" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ImportStatus.DRAFT
    assert statistics.flatten(report.document)


def test_renaming_the_agency_or_year_is_audited_and_the_replaced_report_too(
    agency, clerk, report_text
):
    first = services.report_import(owner=agency, text=report_text, source_name="a", actor=clerk)
    services.report_import_confirm(
        report=first,
        reporting_body="甲局",
        year=2023,
        values=statistics.flatten(first.document),
        actor=clerk,
    )
    second = services.report_import(owner=agency, text=report_text, source_name="b", actor=clerk)
    services.report_import_confirm(
        report=second,
        reporting_body="甲局",
        year=2023,
        values=statistics.flatten(second.document),
        actor=clerk,
        replace=True,
    )
    confirm = AuditEntry.objects.filter(
        action="reports.import_confirm", object_id=str(second.pk)
    ).get()
    assert confirm.changes["reporting_body"] == ["上海市示例区司法局", "甲局"]
    assert AuditEntry.objects.filter(
        action="reports.import_supersede", object_id=str(first.pk)
    ).exists()


def test_an_odd_length_utf16_file_is_refused_clearly(staff_client, agency):
    upload = SimpleUploadedFile("r.txt", b"\xff\xfe" + "年度报告".encode("utf-16-le") + b"\x00")
    response = _import(staff_client, agency, file=upload)
    assert response.status_code == 400
    assert "编码" in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(staff_client, agency, monkeypatch):
    def refuse(self, *args):
        raise AssertionError("an oversized upload was read into memory")

    # Over FILE_UPLOAD_MAX_MEMORY_SIZE, Django spools the upload to a temporary file.
    monkeypatch.setattr(TemporaryUploadedFile, "read", refuse, raising=False)
    upload = SimpleUploadedFile("r.txt", b"a" * (services.MAX_REPORT_BYTES + 1))
    response = _import(staff_client, agency, file=upload)
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert not ImportedReport.objects.exists()


@contextmanager
def recorded_queries():
    """The SQL run inside the block (connection.queries is reset by every test-client request)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def _confirmed(agency, clerk, report_text, body, year):
    r = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    return services.report_import_confirm(
        report=r,
        reporting_body=body,
        year=year,
        values=statistics.flatten(r.document),
        actor=clerk,
    )


def test_the_list_does_not_read_the_report_texts_and_costs_the_same_for_more_rows(
    staff_client, agency, clerk, report_text
):
    _confirmed(agency, clerk, report_text, "甲局", 2022)
    with recorded_queries() as few:
        staff_client.get(reverse("reports:import_list"))
    for year in (2020, 2021, 2023):
        _confirmed(agency, clerk, report_text, "甲局", year)
    with recorded_queries() as many:
        response = staff_client.get(reverse("reports:import_list"))
    assert len(many) == len(few)
    listed = list(response.context["page"])
    assert len(listed) == 4
    # The text and the documents can be megabytes each: a page of 30 must not load them.
    assert {"source_text", "parsed", "document"} <= listed[0].get_deferred_fields()


def test_the_comparison_reads_bodies_and_years_in_one_query_and_no_texts(
    staff_client, agency, clerk, report_text
):
    for body, year in [("甲局", 2022), ("甲局", 2023), ("乙局", 2022), ("乙局", 2023)]:
        _confirmed(agency, clerk, report_text, body, year)
    params = {"metric": "received", "bodies": ["甲局", "乙局"], "years": ["2022", "2023"]}
    with recorded_queries() as queries:
        response = staff_client.get(reverse("reports:compare"), params)
    assert response.status_code == 200
    assert response.context["data"]["series"] == [
        {"body": "甲局", "values": [12, 12]},
        {"body": "乙局", "values": [12, 12]},
    ]
    report_reads = [sql for sql in queries if "reports_importedreport" in sql]
    assert len(report_reads) == 2  # the choices, then the compared figures
    assert not any("source_text" in sql for sql in report_reads)


def test_the_review_page_of_a_confirmed_report_reads_its_confirmer_with_the_report(
    staff_client, agency, clerk, report_text
):
    draft = services.report_import(owner=agency, text=report_text, source_name="x", actor=clerk)
    with recorded_queries() as draft_page:
        staff_client.get(reverse("reports:import_review", args=[draft.pk]))
    confirmed = _confirmed(agency, clerk, report_text, "甲局", 2022)
    with recorded_queries() as confirmed_page:
        response = staff_client.get(reverse("reports:import_review", args=[confirmed.pk]))
    # "由 … 确认": the confirmer comes with the report, not in a query of its own.
    assert len(confirmed_page) == len(draft_page)
    assert f"由 {clerk.display_name} 于" in response.content.decode()


def test_every_cell_of_the_review_grids_is_an_editable_statistic():
    from gongkai.reports.forms import GRIDS

    cells = [f"{r}.{c}" for _, rows, cols, _ in GRIDS for r, _ in rows for c, _ in cols]
    assert cells and all(path in statistics.FIELDS_BY_PATH for path in cells)


def test_the_staff_see_a_parse_failure_in_chinese_only(staff_client, agency):
    response = _import(staff_client, agency, text="这是一段与年度报告无关的文字。")
    page = response.content.decode()
    assert response.status_code == 400
    assert "无法解析该报告：不是政府信息公开工作年度报告" in page
    assert "Unreadable" not in page
