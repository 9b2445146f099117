"""Reading published 政府信息公开工作年度报告 into the annual statistics document.

Public API: :func:`parse_report` and :class:`ReportParseError`.
"""

from .document import SCHEMA, parse_report, report_text
from .errors import ReportParseError, decode_report

__all__ = ["SCHEMA", "ReportParseError", "decode_report", "parse_report", "report_text"]
