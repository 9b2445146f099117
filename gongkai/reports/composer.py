"""The report's text: each section starts as a draft written from the figures, then staff edit it.

Drafts follow the register of the reports agencies publish (the seed: "2018年，我局共受理政府信息
公开申请263件。其中，当面申请97件…"), shares to two decimals rounded half up, so that the
percentage rule of the checks holds for the draft. A figure no source recorded is not invented:
the draft says that it is to be filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import statistics


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    table: str = ""  # the key of the official table printed under the text (engine.tables)


SECTIONS = {
    "2021": [
        Section("overview", "一、总体情况"),
        Section("proactive", "二、主动公开政府信息情况", "proactive"),
        Section("applications", "三、收到和处理政府信息公开申请情况", "applications"),
        Section("appeals", "四、政府信息公开行政复议、行政诉讼情况", "appeals"),
        Section("problems", "五、存在的主要问题及改进情况"),
        Section("other", "六、其他需要报告的事项"),
    ],
    "legacy": [
        Section("overview", "一、概述"),
        Section("proactive", "二、主动公开政府信息情况"),
        Section("applications", "三、依申请公开政府信息情况"),
        Section("appeals", "四、复议、诉讼情况"),
        Section("consultations", "五、咨询处理等相关政务公开工作情况"),
        Section("problems", "六、主要问题和改进措施"),
        Section("tables", "七、统计表", "legacy"),
    ],
}
SECTIONS["2019"] = SECTIONS["2021"]

NOT_RECORDED = "（本系统未登记此项数据，请据实填写。）"


def share(part: int | float, whole: int | float) -> str:
    """`part` of `whole` as a percentage with two decimals, rounded half up ("41.83%")."""
    if not whole:
        return "0.00%"
    value = (Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    return f"{value}%"


def _get(doc: dict, path: str):
    return statistics.get(doc, path)


def _n(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _overview(doc: dict, we: str, year: int) -> str:
    org = doc.get("organization", "")
    parts = [
        f"{year}年，{org}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
        "不公开为例外，依法做好政府信息公开工作。"
    ]
    new, items = _get(doc, "applications.new.total"), _get(doc, "proactive.items_new")
    received = new if new is not None else _get(doc, "applications.received_total")
    if items is not None:
        parts.append(f"全年主动公开政府信息{items}条。")
    if received is not None:
        parts.append(f"全年{we}共收到政府信息公开申请{received}件。")
    return "".join(parts)


def _proactive(doc: dict, we: str, year: int) -> str:
    total, new = _get(doc, "proactive.items_total"), _get(doc, "proactive.items_new")
    if total is None and new is None:
        return NOT_RECORDED
    text = f"{year}年，{we}依法主动公开政府信息。"
    if total is not None:
        text += f"截至{year}年底，{we}累计主动公开政府信息{total}条"
        text += f"，新增{new}条。" if new is not None else "。"
    else:
        text += f"全年新增主动公开政府信息{new}条。"
    categories = (doc.get("unkeyed") or {}).get("proactive_categories") or []
    if new and categories:
        text += (
            "其中，"
            + "；".join(
                f"{_kind(c['category'])}信息{c['count']}条，占{share(c['count'], new)}"
                for c in categories
            )
            + "。"
        )
    issued = _get(doc, "proactive.normative_documents.issued")
    if issued is not None:
        in_force = _get(doc, "proactive.normative_documents.in_force")
        text += f"本年制发行政规范性文件{issued}件"
        text += f"，现行有效{in_force}件。" if in_force is not None else "。"
    return text


def _kind(category: str) -> str:
    """A category as a class of information: 业务类 stays, 其他 reads 其他类."""
    return category if category.endswith("类") else f"{category}类"


def _channels(doc: dict) -> str:
    channels = _get(doc, "applications.by_channel") or {}
    said = [
        f"{label}申请{channels[key]}件" for key, label in statistics.CHANNELS if key in channels
    ]
    return f"其中，{'，'.join(said)}。" if said else ""


def _topics(doc: dict, base: int) -> str:
    topics = (doc.get("unkeyed") or {}).get("application_topics") or []
    named = [t for t in topics if t["topic"] != "未分类"]
    if not base or not named:
        return ""
    shown, rest = named[:3], named[3:]
    text = "从申请信息内容看，" + "，".join(
        f"{share(t['count'], base)}涉及{t['topic']}信息" for t in shown
    )
    if rest:
        text += "，其余为" + "和".join(t["topic"] for t in rest[:2]) + "等信息"
    return text + "。"


def _applications_legacy(doc: dict, we: str, year: int) -> str:
    received = _get(doc, "applications.received_total")
    if received is None:
        return NOT_RECORDED
    lines = [
        "（一）申请情况",
        f"{year}年，{we}共受理政府信息公开申请{received}件。"
        + _channels(doc)
        + _topics(doc, received),
        "（二）申请处理情况",
    ]
    outcomes = _get(doc, "applications.legacy_outcomes") or {}
    answered = sum(outcomes.values())
    labels = dict(statistics.LEGACY_OUTCOMES)
    granted_keys = ("disclosed_or_partial", "disclosed", "partially_disclosed")
    granted = sum(outcomes.get(k, 0) for k in granted_keys)
    others = [(k, v) for k, v in outcomes.items() if k not in granted_keys and v]
    others.sort(key=lambda kv: -kv[1])
    opening = (
        f"受理的{received}件政府信息公开申请均已答复。"
        if answered == received
        else f"受理的{received}件政府信息公开申请中，已答复{answered}件。"
    )
    text = opening + f"其中，“同意公开和部分公开”的{granted}件，占总数的{share(granted, answered)}"
    if others:
        text += f"；其他情况{answered - granted}件，其中，" + "，".join(
            f"“{labels.get(k, '其他')}”{v}件，占总数的{share(v, answered)}" for k, v in others
        )
    lines.append(text + "。")
    lines += ["（三）依申请收费情况", _fees(doc, we, year)]
    return "\n".join(lines)


def _fees(doc: dict, we: str, year: int) -> str:
    fees = _get(doc, "fees_yuan")
    if fees is None:
        return f"{year}年依申请公开收费情况{NOT_RECORDED}"
    if fees == 0:
        return f"{year}年，未向申请人收取因信息公开申请而产生的费用。"
    return f"{year}年，{we}收取信息处理费{_n(fees)}元。"


def _applications_2021(doc: dict, we: str, year: int) -> str:
    new = _get(doc, "applications.new.total")
    if new is None:
        return NOT_RECORDED
    carried_in = _get(doc, "applications.carried_in.total") or 0
    closed = _get(doc, "applications.outcomes.total.total") or 0
    carried_out = _get(doc, "applications.carried_out.total") or 0
    text = f"{year}年，{we}共收到政府信息公开申请{new}件。" + _channels(doc) + _topics(doc, new)
    # The shares get a paragraph of their own that opens with the count they are shares of:
    # the percentage rule takes the nearest earlier count as a sentence's base.
    text += (
        f"\n加上年结转的{carried_in}件，本年度办结{closed}件，结转下年度继续办理{carried_out}件。"
    )
    if closed:
        parts = []
        for path, label in (
            ("disclosed", "予以公开"),
            ("partially_disclosed", "部分公开"),
        ):
            value = _get(doc, f"applications.outcomes.{path}.total") or 0
            parts.append(f"{label}{value}件，占办结总数的{share(value, closed)}")
        for group, label in (
            ("withheld", "不予公开"),
            ("unable_to_provide", "无法提供"),
            ("not_processed", "不予处理"),
            ("other", "其他处理"),
        ):
            rows = _get(doc, f"applications.outcomes.{group}") or {}
            value = sum(row.get("total", 0) for row in rows.values())
            parts.append(f"{label}{value}件，占办结总数的{share(value, closed)}")
        text += f"\n本年度办结的{closed}件申请中，" + "；".join(parts) + "。"
    return text


def _appeals(doc: dict, we: str, year: int) -> str:
    appeals = doc.get("appeals")
    if not appeals:
        return NOT_RECORDED
    results = dict(statistics.APPEAL_RESULTS)
    groups = dict(statistics.APPEAL_GROUPS) | {"litigation": "行政诉讼"}
    sentences = []
    for group, values in appeals.items():
        total = values.get("total")
        if total is None:
            continue
        if total == 0:
            sentences.append(f"{year}年，{we}未发生因政府信息公开引起的{groups[group]}案件。")
            continue
        detail = "，".join(
            f"{'维持' if key == 'upheld' else results[key].removeprefix('结果')}{values[key]}件"
            for key in ("upheld", "corrected", "other", "pending")
            if values.get(key)
        )
        sentences.append(
            f"{year}年，{we}因政府信息公开申请引起的{groups[group]}案件{total}件"
            + (f"，其中{detail}。" if detail else "。")
        )
    return "\n".join(sentences) or NOT_RECORDED


def _consultations(doc: dict, we: str, year: int) -> str:
    parts = []
    consult = doc.get("consultations") or {}
    if "total" in consult:
        said = [
            f"{label}{consult[key]}人次"
            for key, label in statistics.CONSULTATION_PARTS
            if key != "total" and key in consult
        ]
        parts.append(
            f"{year}年，{we}共接受政府信息公开咨询{consult['total']}人次"
            + (f"。其中，{'，'.join(said)}。" if said else "。")
        )
    else:
        parts.append(f"政府信息公开咨询情况{NOT_RECORDED}")
    visits = _get(doc, "column_visits")
    if visits is not None:
        ranking = (doc.get("unkeyed") or {}).get("column_ranking") or []
        sentence = f"{we}{year}年度政府信息公开专栏访问量{visits}次"
        if len(ranking) > 1:
            sentence += (
                "，其中，按点击率排序依次是：" + "、".join(ranking[:-1]) + f"和{ranking[-1]}"
            )
        parts.append(sentence + "。")
    return "\n".join(parts)


def _problems(doc: dict, we: str, year: int) -> str:
    return (
        f"{year}年，{we}政府信息公开工作取得一定成效，但仍存在一些不足：政策解读的形式有待丰富，"
        "依申请公开答复质量有待进一步提升。下一步，将进一步规范政府信息公开流程，充实公开内容。"
    )


def _other(doc: dict, we: str, year: int) -> str:
    parts = [_fees(doc, we, year)]
    visits = _get(doc, "column_visits")
    if visits is not None:
        parts.append(f"{year}年度政府信息公开专栏访问量{visits}次。")
    return "\n".join(parts)


def draft(document: dict, key: str, *, we: str = "我局") -> str:
    """The generated draft of section `key` of `document`'s format."""
    year = document.get("year")
    legacy = document.get("format") == "legacy"
    writers = {
        "overview": _overview,
        "proactive": _proactive,
        "applications": _applications_legacy if legacy else _applications_2021,
        "appeals": _appeals,
        "consultations": _consultations,
        "problems": _problems,
        "other": _other,
        "tables": lambda d, w, y: "",
    }
    return writers[key](document, we, year)


def drafts(document: dict, *, we: str = "我局") -> dict[str, str]:
    """Every section's draft, by key."""
    return {s.key: draft(document, s.key, we=we) for s in SECTIONS[document["format"]]}


def intro(document: dict) -> str:
    year = document.get("year")
    return (
        "本报告依照《中华人民共和国政府信息公开条例》第五十条的规定编制，所列数据的统计期限为"
        f"{year}年1月1日至{year}年12月31日。"
    )


def full_text(document: dict, sections: dict[str, str]) -> str:
    """The report's prose (title, intro, sections) as plain text: what the percentage rule reads."""
    lines = [f"{document.get('organization', '')}{document.get('year')}年政府信息公开工作年度报告"]
    lines.append(intro(document))
    for section in SECTIONS[document["format"]]:
        lines.append(section.heading)
        lines.append(sections.get(section.key, ""))
    return "\n".join(lines)
