"""``parse_report``: a published annual report's text → the statistics document.

The steps: normalise the lines, find the title (organisation and year), read the national
tables from the cell stream (二, 三, 四), decide the format from what the tables are, read the
keyed figures stated in sentences, and finally run the consistency checks. Keys come out in
the schema's order and absent statistics are left out.
"""

from __future__ import annotations

from typing import Any

from .. import statistics
from . import appeals_table, applications_table, detect, doubts, legacy, prose
from .cells import Cell, cell_stream
from .errors import ReportParseError
from .html import html_to_text, looks_like_html
from .labels import core
from .pages import drop_page_furniture
from .paragraphs import normalized_lines, text_paragraphs
from .proactive_table import ProactiveTable, read_proactive
from .text import ensure_text, split_lines

SCHEMA = statistics.SCHEMA


def report_text(text: str) -> str:
    """The plain text of a report given as text or as a saved HTML page."""
    ensure_text(text)
    if looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise ReportParseError("网页中没有文字", "the HTML page has no text")
    return drop_page_furniture(text)


def parse_report(text: str) -> dict[str, Any]:
    """Parse a published annual report (plain text or saved HTML) into the statistics document.

    Cells read with doubt (OCR-repaired digits, prose contradicting the table) are listed
    under ``"doubts"`` beside the statistics when there are any.
    Raises :class:`ReportParseError` for empty, binary or non-report input.
    """
    plain = report_text(text)
    lines, repairs = doubts.repair_ocr_cells(split_lines(plain))
    if repairs:
        plain = "\n".join(lines)
    document = _parse_plain(plain)
    found = doubts.locate(lines, repairs, _parse_plain) if repairs else []
    found += document.pop("_doubts", [])
    found += doubts.prose_contradictions(document, list(text_paragraphs(plain)))
    if found:
        document["doubts"] = found
    return document


def _parse_plain(plain: str) -> dict[str, Any]:
    from ..checks import check  # the checker imports the parser's helpers: import late

    original = split_lines(plain)
    normalized = list(normalized_lines(plain))
    title = detect.find_title(original, normalized)
    cells = cell_stream(normalized)

    proactive_table, apps_table, appeals = _read_tables(cells)
    has_tables = apps_table is not None or bool(proactive_table.rows)
    if title is None and not has_tables and not _mentions_report(normalized):
        raise ReportParseError(
            "不是政府信息公开工作年度报告", "not a government information disclosure annual report"
        )

    year = detect.find_year(title, normalized)
    organization = detect.find_organization(original, normalized, title)
    report_format = detect.detect_format(
        proactive_table.column_keys,
        apps_table is not None,
        bool(apps_table and apps_table.other_has_subrows),
        bool(apps_table and apps_table.other_single_row),
        year,
    )
    prose_paragraphs = list(text_paragraphs(plain))

    document: dict[str, Any] = {"schema": SCHEMA}
    if organization:
        document["organization"] = organization
    if year is not None:
        document["year"] = year
    document["format"] = report_format

    proactive: dict[str, Any] = dict(proactive_table.as_dict())
    proactive.update(prose.read_items(prose_paragraphs))

    applications: dict[str, Any] = apps_table.as_dict() if apps_table else {}
    channels = prose.read_channels(prose_paragraphs)
    legacy_figures: dict[tuple[str, ...], Any] = {}
    if report_format == "legacy":
        received = legacy.read_received_total(prose_paragraphs)
        if received is not None:
            applications["received_total"] = received
        if channels:
            applications["by_channel"] = channels
        outcomes = legacy.read_legacy_outcomes(prose_paragraphs)
        legacy.drop_impossible_outcomes(outcomes, received)
        if outcomes:
            applications["legacy_outcomes"] = outcomes
        if not appeals:
            appeals = legacy.read_legacy_appeals(prose_paragraphs)
        legacy_figures = legacy.read_annex(normalized)
    elif channels:
        applications["by_channel"] = channels

    consultations = prose.read_consultations(prose_paragraphs)
    fees = prose.read_fees(prose_paragraphs)
    visits = prose.read_column_visits(prose_paragraphs)

    if proactive:
        document["proactive"] = proactive
    if applications:
        document["applications"] = applications
    if appeals:
        document["appeals"] = appeals
    if consultations:
        document["consultations"] = consultations
    if fees is not None:
        document["fees_yuan"] = fees
    if visits is not None:
        document["column_visits"] = visits
    if legacy_figures:
        _merge_annex(document, legacy_figures)
    document["violations"] = check(document, plain)
    if apps_table is not None and apps_table.doubts:
        document["_doubts"] = apps_table.doubts  # parse_report lists them under "doubts"
    return document


def _read_tables(cells: list[Cell]) -> tuple[ProactiveTable, Any, dict]:
    """Tables 二, 三 and 四, located by their own labels rather than by section numbers."""
    start_3 = applications_table.find_start(cells)
    apps_table = None
    end_2 = len(cells)
    search_from = 0
    if start_3 is not None:
        apps_table = applications_table.read_applications(cells, start_3)
        end_2 = _header_start(cells, start_3)
        search_from = apps_table.end
    start_2 = next(
        (i for i, c in enumerate(cells[:end_2]) if core(c.text).startswith("第二十条")), None
    )
    proactive_table = ProactiveTable()
    if start_2 is not None:
        proactive_table = read_proactive(cells[start_2:end_2])
    appeals: dict = {}
    start_4 = appeals_table.find_start(cells, search_from)
    if start_4 is not None:
        appeals = appeals_table.read_appeals(cells, start_4)
    return proactive_table, apps_table, appeals


def _header_start(cells: list[Cell], start_3: int) -> int:
    """Where table 三's header begins (the table 二 reader must stop before it)."""
    for index in range(start_3 - 1, max(-1, start_3 - 60), -1):
        text = cells[index].text
        if "勾稽" in text or "申请人情况" in text or "收到和处理" in text:
            return index
    return start_3


def _mentions_report(lines: list[str]) -> bool:
    head = "".join(lines[:200])
    return "信息公开" in head and ("年度报告" in head or "年报" in head or "工作报告" in head)


def _merge_annex(document: dict[str, Any], figures: dict[tuple[str, ...], Any]) -> None:
    """Put 附表 figures into the document; a table's figure wins over a sentence's."""
    for path, value in figures.items():
        target = document
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    _reorder(document, statistics.TOP_ORDER)
    if "applications" in document:
        _reorder(document["applications"], ["received_total", "by_channel", "legacy_outcomes"])
        if "by_channel" in document["applications"]:
            channels = document["applications"]["by_channel"]
            _reorder(channels, [k for k in channels if k in statistics.CHANNEL_KEYS])
    if "proactive" in document:
        _reorder(document["proactive"], ["items_total", "items_new"])
    if "appeals" in document:
        for group in document["appeals"].values():
            _reorder(group, list(statistics.APPEAL_RESULT_KEYS))
    if "consultations" in document:
        _reorder(document["consultations"], [key for key, _ in statistics.CONSULTATION_PARTS])


def _reorder(mapping: dict, order: list[str]) -> None:
    items = [(k, mapping[k]) for k in order if k in mapping]
    items += [(k, v) for k, v in mapping.items() if k not in order]
    mapping.clear()
    mapping.update(items)
