"""Reading published 政府信息公开工作年度报告 into the annual statistics document.

Public API: :func:`parse_report` and :class:`ReportParseError`.
"""

from .document import SCHEMA, parse_report, report_text
from .errors import ReportParseError, decode_report
from .files import SUFFIXES, read_report_bytes
from .report_file import ParsedFile, parse_report_file, suggest_organization

__all__ = [
    "SCHEMA",
    "SUFFIXES",
    "ParsedFile",
    "ReportParseError",
    "decode_report",
    "parse_report",
    "parse_report_file",
    "read_report_bytes",
    "report_text",
    "suggest_organization",
]
