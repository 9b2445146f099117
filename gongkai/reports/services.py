"""Importing other agencies' published reports: parse, then confirm after a human check."""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User

from . import statistics
from .models import ImportedReport, ImportStatus

# A scanned PDF of a dozen pages is several megabytes; text and saved pages are far smaller.
MAX_REPORT_BYTES = 20 * 1024 * 1024
# OCR takes about ten seconds a page: a web request reads at most this many scanned pages.
MAX_OCR_PAGES = 6


class ReportImportError(Exception):
    """A report that cannot be imported; the message is shown to staff as it is."""


def check_upload_size(size: int) -> None:
    """Refuse an oversized upload before reading it into memory."""
    if size > MAX_REPORT_BYTES:
        raise ReportImportError("文件过大：年度报告文件不能超过 20 MB。")


def read_report_upload(upload: UploadedFile):
    """The text of an uploaded report file (text, web page, DOCX, PDF or scan) and how it was
    read (``SourceText``), or a ReportImportError staff can act on."""
    from .parsing import ReportParseError, read_report_bytes

    check_upload_size(upload.size)
    try:
        return read_report_bytes(upload.read(), upload.name, max_ocr_pages=MAX_OCR_PAGES)
    except UnicodeError:
        raise ReportImportError("无法识别文件编码，请另存为 UTF-8 文本后再上传。") from None
    except ReportParseError as exc:
        raise ReportImportError(
            f"{exc.chinese}。请上传 .txt、.html、.mhtml、.docx 或 .pdf 文件，或直接粘贴报告全文。"
        ) from exc


@transaction.atomic
def report_import(
    *,
    owner: Organization,
    text: str,
    source_name: str,
    actor: User,
    source: dict | None = None,
) -> ImportedReport:
    """Parse a published report into a draft awaiting confirmation.

    ``source`` says how the text was read from a file (kind, pages, OCR); the organisation
    as printed is checked against the names the platform knows, a close one offered as a
    doubt for the reviewer, never put in its place.
    """
    from .parsing import ReportParseError, parse_report, suggest_organization
    from .selectors import known_reporting_bodies

    try:
        document = parse_report(text)
    except ReportParseError as exc:
        # The staff see the Chinese half only (the English half is for the command line).
        raise ReportImportError(f"无法解析该报告：{exc.chinese}。") from exc
    suggest_organization(document, known_reporting_bodies())
    if source:
        document["source"] = source
    report = ImportedReport.objects.create(
        owner=owner,
        reporting_body=(document.get("organization") or "")[:200],
        year=document.get("year"),
        format=document["format"],
        source_name=source_name[:255],
        source_text=text,
        parsed=document,
        document=document,
        violations=document.get("violations", []),
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    audit.record(
        "reports.import",
        report,
        actor=actor,
        changes={
            "source": source_name,
            "format": report.format,
            "statistics": len(statistics.flatten(document)),
            "doubts": len(document.get("doubts", [])),
        },
    )
    return report


@transaction.atomic
def report_import_confirm(
    *,
    report: ImportedReport,
    reporting_body: str,
    year: int,
    values: dict,
    actor: User,
    replace: bool = False,
) -> ImportedReport:
    """Save the checked figures; they replace an earlier confirmed report only when asked to."""
    from .checks import check

    report = ImportedReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ImportStatus.SUPERSEDED:
        raise ReportImportError("该报告已被新版本替换，不能再确认。")
    earlier = list(
        ImportedReport.objects.select_for_update()
        .filter(
            owner=report.owner,
            reporting_body=reporting_body,
            year=year,
            status=ImportStatus.CONFIRMED,
        )
        .exclude(pk=report.pk)
    )
    if earlier and not replace:
        raise ReportImportError(
            f"已有确认过的“{reporting_body}”{year}年度报告。如要以本次导入替换，请勾选“替换已有报告”。"
        )
    for old in earlier:
        old.status = ImportStatus.SUPERSEDED
        old.save(update_fields=["status"])
        audit.record("reports.import_supersede", old, actor=actor, changes={"by": report.pk})
    named_before = {"reporting_body": report.reporting_body, "year": report.year}
    before = statistics.flatten(report.document)
    document = statistics.with_values(report.document, values)
    document["organization"] = reporting_body
    document["year"] = year
    document["violations"] = check(document, report.source_text)
    report.reporting_body = reporting_body
    report.year = year
    report.document = document
    report.violations = document["violations"]
    report.status = ImportStatus.CONFIRMED
    report.confirmed_by = actor
    report.confirmed_at = timezone.now()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Another confirmation of the same agency and year won the race.
        raise ReportImportError(
            f"“{reporting_body}”{year}年度报告刚刚已由他人确认，请刷新后重试。"
        ) from None
    after = statistics.flatten(document)
    changes = {
        path: [before.get(path), after.get(path)]
        for path in sorted(set(before) | set(after))
        if before.get(path) != after.get(path)
    }
    for key, old_value in named_before.items():
        if old_value != getattr(report, key):
            changes[key] = [old_value, getattr(report, key)]
    audit.record("reports.import_confirm", report, actor=actor, changes=changes)
    return report
