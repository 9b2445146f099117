"""Figures of legacy reports (2008–2018, no national tables).

Legacy reports state their figures in sentences ("共受理申请263件，其中当面申请97件…",
"“信息不存在”95件", "行政复议案件23件，其中维持17件…", "未发生行政复议、行政诉讼") and
sometimes in a Shanghai-style 附表 (统计指标 | 单位 | 统计数). The 附表, being a table, wins
over the sentences when both give the same figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..statistics import APPEAL_RESULT_KEYS
from .cells import line_cells
from .labels import core
from .numbers import (
    NUMBER,
    Number,
    Quantity,
    convert_money,
    parse_number,
    read_quantity,
    tidy,
)
from .paragraphs import Paragraph
from .text import clauses, sentences

_NUM = rf"{NUMBER}(?:余|多)?"

# -- 收到申请 ---------------------------------------------------------------------------------
_RECEIVED = (
    re.compile(
        r"(?:受理|收到|接收|接到|收)(?:了)?(?:各类|各项)?[^,。;]{0,16}?申请(?:共计|共|总数|合计|为)?"
        rf"{_NUM}(?:件|宗|条|个|份|人次)"
    ),
    re.compile(
        r"(?:受理|收到|接收|接到)(?:了)?[^,。;]{0,10}?依申请公开(?:政府)?(?:信息)?(?:申请)?"
        rf"(?:共计|共)?{_NUM}(?:件|条|宗|个)"
    ),
    re.compile(rf"申请(?:总数|数量|总量)(?:为|是|共|达)?{_NUM}(?:件|宗|条|个|份)"),
)
_RECEIVED_NONE = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收|发生|有)[^。;]{0,30}?申请"
    r"|申请(?:数|数量)?(?:为|是)?(?:0|零)(?:件|宗|条|个)?(?=[,。;]|$)"
)


def read_received_total(paragraphs: list[Paragraph]) -> Number | None:
    """``received_total``: 受理/收到申请…件, or 0 when the report says none was received."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            if "申请" not in sentence:
                continue
            for clause in _clause_groups(sentence):
                for pattern in _RECEIVED:
                    match = pattern.search(clause)
                    if match and "咨询" not in match.group(0):
                        return tidy(float(match.group(1)))
                if _RECEIVED_NONE.search(clause) and "复议" not in clause:
                    return 0
    return None


def _clause_groups(sentence: str) -> list[str]:
    # Clauses split on semicolons and full stops only: "共受理申请263件,其中…" stays whole.
    return [c for c in re.split(r"[;。]", sentence) if c.strip()]


# -- 答复结果 ---------------------------------------------------------------------------------
LEGACY_OUTCOMES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "同意公开和部分公开",
            "同意公开和同意部分公开",
            "公开和部分公开",
            "全部或部分公开",
            "同意和部分同意公开",
        ),
        "disclosed_or_partial",
    ),
    (("同意部分公开", "部分公开"), "partially_disclosed"),
    (("不同意公开", "否决公开", "不予公开", "不公开"), "withheld"),
    (("同意公开", "予以公开", "全部公开"), "disclosed"),
    (("信息不存在", "不存在"), "not_exist"),
    (("其他途径",), "other_channel"),
    (
        (
            "非本机关",
            "不属于本机关",
            "不属于本行政机关",
            "非本部门",
            "不属于本部门",
            "非本单位",
            "不属于本单位",
            "非本局",
        ),
        "not_our_authority",
    ),
    (("更改补充", "更改、补充", "作出补正", "补充更改"), "correction_requested"),
    (("所指政府信息", "不属于政府信息", "非政府信息"), "not_government_information"),
    (("重复申请",), "duplicate"),
    (("内容不明确", "申请内容不明"), "unclear"),
)
_OUTCOME_COUNT = re.compile(rf"{_NUM}(?:件|条|宗|个|份)")


def read_legacy_outcomes(paragraphs: list[Paragraph]) -> dict[str, Number]:
    """Replies by category as the report names them (同意公开, 信息不存在, 非本机关…)."""
    found: dict[str, Number] = {}
    for paragraph in paragraphs:
        if "申请" not in paragraph.text and "答复" not in paragraph.text:
            continue
        for sentence in sentences(paragraph.text):
            if "咨询" in sentence or "复议" in sentence or "诉讼" in sentence:
                continue
            for clause in clauses(sentence):
                match = _OUTCOME_COUNT.search(clause)
                if match is None:
                    continue
                head = clause[: match.start()]
                if _counts_information(head, clause[match.start() : match.end()]):
                    continue
                key = next(
                    (k for words, k in LEGACY_OUTCOMES if any(w in head for w in words)), None
                )
                if key and key not in found:
                    found[key] = tidy(float(match.group(1)))
    return found


def _counts_information(head: str, count: str) -> bool:
    """ "不予公开信息27条" counts items of information (条), not applications: outcome keys
    count applications only, so a 条 count of 信息 with no 申请 in its clause is not one."""
    return count.endswith("条") and "信息" in head and "申请" not in head


def drop_impossible_outcomes(outcomes: dict[str, Number], received: Number | None) -> None:
    """An outcome count larger than the applications received is not a count of them."""
    if received is None:
        return
    for key in [k for k, v in outcomes.items() if v > received]:
        del outcomes[key]


# -- 复议、诉讼 -------------------------------------------------------------------------------
_RESULTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("尚未审结", "未审结", "审理中", "未结案", "正在审理"), "pending"),
    (("纠正", "纠错", "撤销", "确认违法", "败诉"), "corrected"),
    (("维持", "驳回"), "upheld"),
    (("其他情形", "其他结果", "其它情形", "其他"), "other"),
)
_NEGATION = re.compile(r"未|没有|无|均为0|均为零|为0件|为零")


def read_legacy_appeals(paragraphs: list[Paragraph]) -> dict[str, dict[str, Number]]:
    """``appeals.review`` / ``appeals.litigation`` from sentences (legacy reports)."""
    groups: dict[str, dict[str, Number]] = {}
    for paragraph in paragraphs:
        relevant = "复议" in paragraph.section or "诉讼" in paragraph.section
        for sentence in sentences(paragraph.text):
            if "复议" not in sentence and "诉讼" not in sentence:
                continue
            if not (relevant or "信息公开" in sentence):
                continue
            _read_appeal_sentence(sentence, groups)
    return {
        g: {k: groups[g][k] for k in APPEAL_RESULT_KEYS if k in groups[g]}
        for g in ("review", "litigation")
        if groups.get(g)
    }


def _read_appeal_sentence(sentence: str, groups: dict[str, dict[str, Number]]) -> None:
    current: str | None = None
    for clause in clauses(sentence):
        mentions_review = "复议" in clause and "复议后" not in clause
        mentions_suit = "诉讼" in clause or "起诉" in clause
        if "申诉" in clause:
            continue  # 行政申诉 has no key
        match = re.search(rf"{_NUM}(?:件|宗|起|个|次)", clause)
        if match is None:
            if _NEGATION.search(clause):
                mentions = (("review", mentions_review), ("litigation", mentions_suit))
                for group, mentioned in mentions:
                    if mentioned and group not in groups:
                        groups[group] = {"total": 0}
            if mentions_review != mentions_suit:
                current = "review" if mentions_review else "litigation"
            continue
        value = tidy(float(match.group(1)))
        head = clause[: match.start()]
        result = next((k for words, k in _RESULTS if any(w in head for w in words)), None)
        if result and current is not None and (result != "other" or "其他" in head):
            groups.setdefault(current, {}).setdefault(result, value)
            continue
        if mentions_review and mentions_suit:
            if value == 0:
                # "行政复议和行政诉讼均为0件": both are printed zeros.
                for group in ("review", "litigation"):
                    groups.setdefault(group, {}).setdefault("total", 0)
            current = None  # "复议、诉讼1件": a combined figure with no key
            continue
        if mentions_review or mentions_suit:
            current = "review" if mentions_review else "litigation"
            groups.setdefault(current, {})
            groups[current].setdefault("total", value)


# -- 附表 (统计指标 | 单位 | 统计数) ------------------------------------------------------------
_ANNEX_ROWS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("全文电子化",), ()),
    (("主动公开政府信息数", "主动公开信息数"), ("proactive", "items_new")),
    (("页面访问量", "专栏访问量", "网站访问量"), ("column_visits",)),
    (("现场接待",), ("consultations", "in_person")),
    (("网上咨询",), ("consultations", "online")),
    (("咨询电话", "电话咨询"), ("consultations", "phone")),
    (("当面申请",), ("applications", "by_channel", "in_person")),
    (("传真申请",), ("applications", "by_channel", "fax")),
    (("电子邮件申请", "网上申请", "网络申请"), ("applications", "by_channel", "online")),
    (("信函申请",), ("applications", "by_channel", "letter")),
    (("其他形式申请", "其它形式申请", "其他申请"), ("applications", "by_channel", "other")),
    (("申请总数", "收到申请数", "受理申请数", "申请数"), ("applications", "received_total")),
    (("同意部分公开",), ("applications", "legacy_outcomes", "partially_disclosed")),
    # Before 同意公开, which "不同意公开答复数" also contains.
    (("否决公开", "不同意公开", "不予公开"), ("applications", "legacy_outcomes", "withheld")),
    (("同意公开",), ("applications", "legacy_outcomes", "disclosed")),
    (("所指政府信息",), ("applications", "legacy_outcomes", "not_government_information")),
    (("信息不存在",), ("applications", "legacy_outcomes", "not_exist")),
    (
        ("非本部门", "非本机关", "不属于本行政机关"),
        ("applications", "legacy_outcomes", "not_our_authority"),
    ),
    (("申请内容不明确",), ("applications", "legacy_outcomes", "unclear")),
    (("更改补充",), ("applications", "legacy_outcomes", "correction_requested")),
    (("其他途径",), ("applications", "legacy_outcomes", "other_channel")),
    (("行政复议",), ("appeals", "review", "total")),
    (("行政诉讼",), ("appeals", "litigation", "total")),
    (("收取的费用", "收费", "费用"), ("fees_yuan",)),
)
_PROACTIVE_NEW = ("proactive", "items_new")
_FEE_PART = re.compile(r"检索费|复制费|邮寄费|复印费|信息处理费")
_TOP_LEVEL_ROW = re.compile(r"^[一二三四五六七八九十]+、")
_ANNEX_RESULTS = (
    ("维持", "upheld"),
    ("纠错", "corrected"),
    ("纠正", "corrected"),
    ("其他情形", "other"),
)


def read_annex(lines: list[str]) -> dict[tuple[str, ...], Number]:
    """Keyed figures of a 附表 (统计指标 | 单位 | 统计数), as ``{path: value}``."""
    out: dict[tuple[str, ...], Number] = {}
    in_annex = False
    value_column = -1
    cumulative_column: int | None = None
    appeal_group: str | None = None
    fee_parts: list[Number] = []
    for line in lines:
        cells = line_cells(line)
        if len(cells) < 2:
            continue
        names = [core(c) for c in cells]
        if any(n in {"统计指标", "指标名称", "指标"} for n in names):
            in_annex = True
            value_column = next(
                (
                    i
                    for i, n in enumerate(names)
                    if "统计数" in n or "本年" in n or "本期" in n or n == "数量"
                ),
                len(cells) - 1,
            )
            cumulative_column = next(
                (i for i, n in enumerate(names) if "累计" in n and i != value_column), None
            )
            continue
        if not in_annex:
            continue
        label = core(cells[0])
        unit = cells[1].strip() if len(cells) > 2 else ""
        text = cells[value_column] if value_column < len(cells) else cells[-1]
        value = parse_number(text)
        path = _annex_path(label)
        if path is None and _FEE_PART.search(label) and "减免" not in label:
            # 检索费 / 复制费 / 邮寄费 rows: together they are what was charged.
            if value is not None:
                fee_parts.append(_in_yuan(text, value, unit))
            continue
        if path and path[0] == "appeals":
            appeal_group = path[1]
        elif path or _TOP_LEVEL_ROW.match(cells[0].strip()):
            appeal_group = None  # "六、举报投诉数量": the results below are not appeals
        elif not path and appeal_group:
            result = next((k for w, k in _ANNEX_RESULTS if w in label), None)
            path = ("appeals", appeal_group, result) if result else None
        if path == _PROACTIVE_NEW and cumulative_column is not None:
            # 本年 | 累计 columns: the cumulative column is the running total of proactive items.
            cumulative = (
                parse_number(cells[cumulative_column]) if cumulative_column < len(cells) else None
            )
            if cumulative is not None:
                out.setdefault(("proactive", "items_total"), cumulative)
        if path is None or value is None:
            continue
        if path == ("fees_yuan",):
            value = _in_yuan(text, value, unit)
        key = path
        if key in out and key[-1] == "online":
            out[key] = tidy(out[key] + value)  # 网上 + 电子邮件 are both online
        else:
            out.setdefault(key, value)
    if fee_parts and ("fees_yuan",) not in out:
        out[("fees_yuan",)] = tidy(sum(Decimal(str(v)) for v in fee_parts))
    return out


def _in_yuan(text: str, value: Number, unit_column: str) -> Number:
    """A money cell in 元: its own unit if printed ("3万元"), else the 单位 column's."""
    quantity = read_quantity(text) or Quantity(value)
    unit = quantity.unit or ("万元" if "万元" in unit_column else "元")
    return convert_money(Quantity(quantity.value, unit), "元")


def _annex_path(label: str) -> tuple[str, ...] | None:
    for words, path in _ANNEX_ROWS:
        if any(w in label for w in words):
            return path or None
    return None
