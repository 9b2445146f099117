"""What the import review page says about a parsed report, in the national tables' words.

A violation's place and a doubtful cell are stored as statistic paths
(``applications.outcomes.total.commercial``); the reviewer reads the row and column labels the
national format prints, and one line saying what the broken rule requires.
"""

from __future__ import annotations

from . import statistics

RULES = {
    "1": "本列：本年新收 + 上年结转 应等于 办理结果总计 + 结转下年度继续办理",
    "2": "本列：（七）总计 应等于各项办理结果之和",
    "3": "本行：总计 应等于自然人与五类法人或其他组织之和",
    "appeals": "总计 应等于 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    "channels": "受理申请总数 应等于各申请渠道件数之和",
    "consultations": "咨询总数 应等于各类咨询之和",
    "percentage": "正文中的百分比应等于其所述数量除以基数（按所印位数四舍五入）",
}
DOUBTS = {
    "ocr_repaired": "文字识别把数字认成了字母或符号，已按数字读取",
    "placed_by_order": "这一行数字与行名分开印出，已按国家表格的固定行序归位",
    "not_placed": "这一行数字无法确定属于哪一行，未读取",
    "prose_contradicts": "正文所述与表格数字不一致（以表格为准）",
    "organization": "机关名称可能被识别错误，与已知机关名称相近",
}
_ORGANISATION_COLUMNS = {key for key, _ in statistics.COLUMNS[1:6]}
_COLUMN_LABELS = {
    key: (f"法人或其他组织 · {label}" if key in _ORGANISATION_COLUMNS else label)
    for key, label in statistics.COLUMNS
}
_APPLICATION_ROWS = {
    "applications.new": "一、本年新收政府信息公开申请数量",
    "applications.carried_in": "二、上年结转政府信息公开申请数量",
    "applications.carried_out": "四、结转下年度继续办理",
    **{
        f"applications.outcomes.{path}": f"三、本年度办理结果 {label}"
        for path, label in statistics.OUTCOME_LEAVES
    },
}
_APPEAL_GROUPS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼 · 未经复议直接起诉",
    "litigation_after_review": "行政诉讼 · 复议后起诉",
    "litigation": "行政诉讼",
}
_APPEAL_RESULTS = dict(statistics.APPEAL_RESULTS)
_PROACTIVE_ROWS = dict(statistics.PROACTIVE_ROWS)
_PROACTIVE_COLUMNS = dict(statistics.PROACTIVE_COLUMNS)


def place(where: str) -> tuple[str, str]:
    """(row, column) of a statistic path as the national tables print them."""
    if where.startswith("text:"):
        return "正文", f"“{where[5:]}”"
    if where == "organization":
        return "发布机关", ""
    if where in _APPLICATION_ROWS:
        return _APPLICATION_ROWS[where], "整行"
    head, _, last = where.rpartition(".")
    if head in _APPLICATION_ROWS and last in _COLUMN_LABELS:
        return _APPLICATION_ROWS[head], _COLUMN_LABELS[last]
    parts = where.split(".")
    if len(parts) == 3 and parts[0] == "appeals" and parts[1] in _APPEAL_GROUPS:
        return _APPEAL_GROUPS[parts[1]], _APPEAL_RESULTS.get(parts[2], parts[2])
    if len(parts) == 3 and parts[0] == "proactive" and parts[1] in _PROACTIVE_ROWS:
        return _PROACTIVE_ROWS[parts[1]], _PROACTIVE_COLUMNS.get(parts[2], "")
    field = statistics.FIELDS_BY_PATH.get(where)
    if field:
        return field.label, ""
    return where if not where.isascii() else "报告中的一项", ""


def violation_rows(violations: list[dict]) -> list[dict]:
    """Each violation with the rule in one Chinese line and its place as printed."""
    rows = []
    for violation in violations:
        row, column = place(str(violation.get("where", "")))
        rows.append(
            {
                "rule": RULES.get(str(violation.get("rule")), "报告内部数字不一致"),
                "row": row,
                "column": column,
                "expected": violation.get("expected"),
                "found": violation.get("found"),
            }
        )
    return rows


def doubt_rows(doubts: list[dict]) -> list[dict]:
    """Each doubtful cell with its reason in Chinese and its place as printed."""
    rows = []
    for doubt in doubts:
        row, column = place(str(doubt.get("where", "")))
        rows.append(
            {
                "reason": DOUBTS.get(str(doubt.get("reason")), "需人工核对"),
                "row": row,
                "column": column,
                "printed": doubt.get("printed", ""),
                "read": doubt.get("read", ""),
            }
        )
    return rows


def doubted_paths(doubts: list[dict]) -> set[str]:
    """The statistics to mark: a whole row's doubt marks each of its cells."""
    paths: set[str] = set()
    for doubt in doubts:
        where = str(doubt.get("where") or "")
        if where in _APPLICATION_ROWS:
            paths.update(f"{where}.{column}" for column in statistics.COLUMN_KEYS)
        elif where:
            paths.add(where)
    return paths
