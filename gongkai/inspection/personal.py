"""Personal data in text about to be published: the classic leak is a 公示名单 with ID numbers.

Each detector confirms what a pattern finds before reporting it (an ID number's check digit and
birth date, a bank card's Luhn digit, a credit code's check character), so that ordinary long
numbers — document serials, amounts — are not flagged.
"""

import re
from datetime import date

from gongkai.applications.validators import resident_id_check_char, uscc_check_char

from .findings import FindingKind, Hit

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3})([\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d])")
_CARD = re.compile(r"(?<![\d])(?:\d[ -]?){15,18}\d(?![\d])")
_USCC = re.compile(r"(?<![0-9A-Z])(92[0-9A-HJ-NPQRTUWXY]{16})(?![0-9A-Z])")
CARD_PREFIXES = ("62", "4", "5", "35", "37", "60")


def _birth_ok(digits: str) -> bool:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= date.today().year


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask(value: str) -> str:
    """3101**********1235: the first and last four characters, stars between."""
    plain = re.sub(r"[ -]", "", value)
    if len(plain) <= 8:
        return plain[:3] + "*" * (len(plain) - 3)
    return plain[:4] + "*" * (len(plain) - 8) + plain[-4:]


def mask_text(text: str) -> str:
    """`text` with every confirmed personal number in it masked (for contexts and logs)."""
    hits = sorted(find(text, with_context=False), key=lambda h: h.start, reverse=True)
    for hit in hits:
        text = text[: hit.start] + hit.found + text[hit.end :]
    return text


def find(text: str, *, with_context: bool = True) -> list[Hit]:
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(kind, start, end, raw, suggestion):
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        hits.append(Hit(kind, mask(raw), suggestion, start, end))

    for m in _ID.finditer(text):
        raw = m.group(0)
        if _birth_ok(m.group(2)) and resident_id_check_char(raw[:17]) == raw[17].upper():
            add(FindingKind.ID_NUMBER, m.start(), m.end(), raw, "公开前删除或遮盖身份证号码")
    for m in _USCC.finditer(text):
        code = m.group(1)
        if uscc_check_char(code[:17]) == code[17]:
            add(
                FindingKind.PERSONAL_USCC,
                m.start(),
                m.end(),
                code,
                "个体工商户的统一社会信用代码关联自然人，公开前确认是否需要遮盖",
            )
    for m in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", m.group(0))
        if 16 <= len(digits) <= 19 and digits.startswith(CARD_PREFIXES) and luhn_ok(digits):
            add(FindingKind.BANK_CARD, m.start(), m.end(), digits, "公开前删除或遮盖银行卡号")
    for m in _MOBILE.finditer(text):
        add(FindingKind.MOBILE, m.start(), m.end(), m.group(0), "公开前删除或遮盖手机号码")
    hits.sort(key=lambda h: h.start)
    if with_context:
        return [h.with_context(text, mask_text_shallow) for h in hits]
    return hits


def mask_text_shallow(text: str) -> str:
    return mask_text(text) if text else text
