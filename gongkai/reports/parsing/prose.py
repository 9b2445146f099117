"""Figures stated in sentences that have a key in every format.

``items_total`` / ``items_new`` (主动公开条数), ``by_channel`` (申请渠道), ``fees_yuan``
(依申请收费), ``consultations`` (政府信息公开咨询) and ``column_visits`` (专栏访问量) are
recorded whatever the report's format (annual-stats.md, "Prose figures"). Each reader takes
the first statement it finds; figures without a key are ignored.
"""

from __future__ import annotations

import re

from .numbers import NUMBER, Number, Quantity, convert_money, tidy
from .paragraphs import Paragraph
from .text import clauses, sentences

COUNT_UNITS = "件|条|宗|个|份|人次|次|批"
_NUM = rf"{NUMBER}(?:余|多)?"

# -- 主动公开 ---------------------------------------------------------------------------------
_ITEMS = (
    re.compile(
        r"主动公开(?:了)?(?:各类|各项)?(?:政府|政务)?(?:信息)?(?:共计|共|总数|达|合计|为)?"
        rf"{_NUM}条"
    ),
    re.compile(r"发布(?:了)?(?:各类)?(?:政府|政务)信息(?:共计|共|达|合计)?" rf"{_NUM}条"),
    re.compile(r"主动公开(?:政府|政务)?信息(?:数|数量|总数|总量)(?:为|达|共)?" rf"{_NUM}条"),
    # "主动公开规范性文件、政策解读、工作动态等信息656条", "主动公开…信息656条": the kinds
    # of information named between the verb and the count (within one clause).
    re.compile(r"主动公开[^,，。;；:：]{1,30}?信息(?:共计|共|总数|达|合计|为)?" rf"{_NUM}条"),
)
_ITEMS_NEW = re.compile(r"新增(?:主动公开)?(?:(?:政府|政务)?信息)?" rf"{_NUM}条")
# A count stated for the whole year ("全年共主动公开…") beats one stated for a channel
# ("通过政务新媒体主动公开…", "在门户网站主动公开…"), whichever comes first.
_WHOLE = re.compile(r"(?:共|全年|全局|总|合计|一共)[^,。;]{0,10}$")
_CHANNEL_SPECIFIC = re.compile(
    r"(?:通过|在|利用|依托|经由)[^,。;]{0,16}"
    r"(?:网站|新媒体|微博|微信|公报|客户端|平台|报刊|电视|广播|公开栏|政务号)[^,。;]{0,8}$"
)


def _item_rank(sentence: str, start: int) -> int:
    """2 for a whole-year count, 0 for a count of one channel, 1 otherwise."""
    before = sentence[max(0, start - 24) : start]
    before = re.split(r"[,。;]", before)[-1]
    if _WHOLE.search(before):
        return 2
    if _CHANNEL_SPECIFIC.search(before):
        return 0
    return 1


def read_items(paragraphs: list[Paragraph]) -> dict[str, Number]:
    """``items_total`` (累计…条) and ``items_new`` (the year's proactive count).

    "累计主动公开…110757条，新增21594条": the cumulative figure is ``items_total`` and the
    新增 figure is the year's; otherwise the year's is the "主动公开…条" stated for the whole
    year, or failing that the first one, so that a channel's share stated first
    ("通过新媒体主动公开500条，全年共主动公开2000条") is not taken for the total.
    """
    total: Number | None = None
    new: Number | None = None
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            if "依申请" in sentence and "主动公开" not in sentence:
                continue
            hits: list[tuple[int, bool, Number]] = []
            seen: set[int] = set()
            for pattern in _ITEMS:
                for match in pattern.finditer(sentence):
                    if match.start(1) in seen:
                        continue
                    seen.add(match.start(1))
                    before = sentence[max(0, match.start() - 4) : match.start()]
                    cumulative = "累计" in before or "历年" in before
                    hits.append((match.start(), cumulative, tidy(float(match.group(1)))))
            for _, cumulative, value in sorted(hits):
                if cumulative and total is None:
                    total = value
            yearly = [(p, v) for p, cumulative, v in hits if not cumulative]
            if new is None and yearly:
                new = max(yearly, key=lambda h: (_item_rank(sentence, h[0]), -h[0]))[1]
            if new is None and "公开" in sentence:
                match = _ITEMS_NEW.search(sentence)
                if match:
                    new = tidy(float(match.group(1)))
        if new is not None:
            break
    out: dict[str, Number] = {}
    if total is not None:
        out["items_total"] = total
    if new is not None:
        out["items_new"] = new
    return out


# -- 申请渠道 ---------------------------------------------------------------------------------
CHANNELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fax", ("传真",)),
    ("in_person", ("当面", "现场", "来访", "窗口")),
    ("letter", ("信函", "邮寄", "来信", "信件", "邮政", "寄送")),
    ("online", ("网络", "网上", "网站", "在线", "互联网", "电子邮件", "邮箱", "平台", "网页")),
    ("other", ("其他形式", "其他方式", "其他途径", "其他渠道", "其它形式", "其它方式")),
)
_CHANNEL_COUNT = re.compile(rf"{_NUM}(?:件|条|宗|个|份)")
_NOT_CHANNEL = ("咨询", "答复", "回复", "告知", "办结", "访问", "占比", "同比")


def _channel_of(clause: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for key, words in CHANNELS:
        for word in words:
            position = clause.find(word)
            if position != -1 and (best is None or position < best[1]):
                best = (key, position)
    return best


def read_channels(paragraphs: list[Paragraph]) -> dict[str, Number]:
    """Applications by channel (当面/网络/信函/传真/其他), from the first paragraph that
    gives at least two of them."""
    for paragraph in paragraphs:
        if "申请" not in paragraph.text:
            continue
        counts: dict[str, Number] = {}
        for sentence in sentences(paragraph.text):
            for clause in clauses(sentence):
                if any(word in clause for word in _NOT_CHANNEL):
                    continue
                if not any(word in clause for word in ("申请", "提交", "提出", "方式", "渠道")):
                    continue
                channel = _channel_of(clause)
                match = _CHANNEL_COUNT.search(clause)
                if channel is None or match is None or match.start() < channel[1]:
                    continue
                value = tidy(float(match.group(1)))
                counts[channel[0]] = tidy(counts.get(channel[0], 0) + value)
        if len(counts) >= 2:
            return counts
    return {}


# -- 收费 -------------------------------------------------------------------------------------
_FEE_ZERO = (
    re.compile(r"(?:未|没有|不)(?:向[^,。;]{0,12})?(?:收取|收)[^。;]{0,30}?费"),
    re.compile(r"(?:未|没有|无)(?:发生|产生|涉及)[^,。;]{0,20}?(?:收费|费用)"),
    re.compile(
        r"(?:收费|费用|处理费)(?:金额)?(?:为|是|共计|合计|总计)?(?:0|零)(?:\.0+)?(?:元|万元)"
    ),
    re.compile(r"(?:收费|费用)[^,。;]{0,6}(?:为|是)?(?:0|零)(?:\.0+)?(?:元|万元)?(?=[,。;]|$)"),
)
_FEE_AMOUNT = re.compile(
    r"(?:收取|收缴|收费)[^,。;]{0,24}?(?:费|费用)(?:共计|合计|总计|共|为|金额为?)?"
    rf"{NUMBER}(万元|元)"
)
_NOT_FEE = ("行政事业性收费", "经费", "采购", "预算", "决算", "收费项目", "收费标准")


def read_fees(paragraphs: list[Paragraph]) -> Number | None:
    """``fees_yuan``: 依申请收费 / 信息处理费 in 元; "未收取费用" is a printed zero."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            if "费" not in sentence or any(word in sentence for word in _NOT_FEE):
                continue
            match = _FEE_AMOUNT.search(sentence)
            if match:
                return convert_money(Quantity(tidy(float(match.group(1))), match.group(2)), "元")
            if any(p.search(sentence) for p in _FEE_ZERO):
                return 0
    return None


# -- 咨询 -------------------------------------------------------------------------------------
CONSULTATION_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phone", ("电话", "热线", "来电")),
    ("in_person", ("当面", "现场", "来访", "接待", "窗口")),
    ("online", ("网上", "网络", "在线", "邮件", "留言", "信箱", "网站")),
)
_CONSULT_COUNT = re.compile(rf"{_NUM}(?:人次|次|件|个|条|批|人)")
_GI_CONSULTATION = re.compile(
    r"信息公开(?:工作)?(?:相关|方面|类|有关)?的?(?:问题)?咨询|咨询[^,。;]{0,10}信息公开"
)
_CONSULT_WORDS = ("咨询", "接听", "接待", "来电", "来访")
_NOT_GI = ("法律咨询", "12348", "公共法律服务", "投诉", "业务咨询", "法律服务", "热线咨询数")


def read_consultations(paragraphs: list[Paragraph]) -> dict[str, Number]:
    """Consultations about 政府信息公开 only (not business or legal-service hotlines)."""
    for paragraph in paragraphs:
        if "咨询" not in paragraph.text:
            continue
        in_section = "咨询" in paragraph.section and not any(
            w in paragraph.section for w in _NOT_GI
        )
        counts: dict[str, Number] = {}
        for sentence in sentences(paragraph.text):
            if "咨询" not in sentence and not counts:
                continue
            if not (in_section or _GI_CONSULTATION.search(sentence)):
                continue
            if any(word in sentence for word in _NOT_GI):
                continue
            parts = clauses(sentence)
            for position, clause in enumerate(parts):
                match = _CONSULT_COUNT.search(clause)
                if match is None or not any(w in clause for w in _CONSULT_WORDS):
                    continue
                value = tidy(float(match.group(1)))
                part = next(
                    (
                        k
                        for k, words in CONSULTATION_PARTS
                        if any(w in clause[: match.start()] for w in words)
                    ),
                    None,
                )
                if "total" not in counts and _introduces_parts(parts[position + 1 :]):
                    # "接待…咨询216人次，其中电话咨询130人次…": the figure the 其中 splits
                    # is the total, whatever word (接待, 来访) it was stated with.
                    part = None
                if part is None:
                    if "total" not in counts:
                        counts["total"] = value
                elif part not in counts:
                    counts[part] = value
        if counts:
            ordered = {"total": counts["total"]} if "total" in counts else {}
            ordered.update({k: v for k, v in counts.items() if k != "total"})
            return ordered
    return {}


def _introduces_parts(following: list[str]) -> bool:
    return bool(following) and following[0].lstrip().startswith(("其中", "分别"))


# -- 专栏访问量 -------------------------------------------------------------------------------
_VISITS = re.compile(
    r"(?:专栏|栏目|专区|信息公开网站|公开网)[^,。;]{0,12}?(?:访问量|浏览量|点击量|访问)(?:为|达|达到|共|共计|累计|总计)?"
    rf"{_NUM}(?:万)?(?:人次|次)?"
)


def read_column_visits(paragraphs: list[Paragraph]) -> Number | None:
    """``column_visits``: 政府信息公开专栏访问量."""
    for paragraph in paragraphs:
        match = _VISITS.search(paragraph.text)
        if match:
            value = float(match.group(1))
            if match.group(0).endswith(("万人次", "万次", "万")):
                value *= 10_000
            return tidy(value)
    return None
