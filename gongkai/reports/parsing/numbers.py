"""Reading numbers as Chinese reports print them.

Reports mix full-width digits, thousands separators, units (件, 条, 人次, 个, 元, 万元),
Chinese numerals (二十三, 一百零五, 两千), approximations ("3000余") and signed changes
("+2", "-1", "减4"). Everything here is pure string work; callers pass text that has been
through :func:`gongkai.reports.parsing.text.normalize_line` (NFKC), but the functions also
accept raw text and normalise what they need themselves.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

Number = int | float

# Cells that mean "nothing printed here": absent, not zero (annual-stats.md, reading rules).
PLACEHOLDERS = frozenset(
    {"", "/", "\\", "—", "——", "-", "--", "---", "─", "──", "–", "无", "空", "不适用", "N/A", "n/a"}
)

# Units a count or an amount can carry. Longest first so that 万元 wins over 元 and 人次 over 人.
UNITS = (
    "万元",
    "人次",
    "件次",
    "件",
    "条",
    "宗",
    "个",
    "项",
    "次",
    "篇",
    "人",
    "家",
    "户",
    "份",
    "元",
)
_UNIT_ALT = "|".join(UNITS)

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"

# A printed figure as a regular-expression fragment (one group): at most 15 digits and 10
# decimals, starting where a run of digits starts. A longer run of digits is no statistic
# (an ID, a phone number, garbage), and bounding it keeps every figure a float can hold exact
# and every search linear in the length of the text.
MAX_DIGITS = 15
NUMBER = r"(?<!\d)(?<!\d\.)(\d{1,15}+(?:\.\d{1,10}+)?)"
_MAX_VALUE = 10**MAX_DIGITS
_MAX_NUMERAL_CHARS = 32

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CELL_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]|增加?|减少?|新增|净增|净减)?\s*"
    r"(?P<num>\d{1,15}+(?:\.\d{1,10}+)?)\s*"
    r"(?P<approx>余|多)?\s*"
    rf"(?P<unit>{_UNIT_ALT})?\s*"
    r"(?:余|多|左右)?$"
)
# A whole run of Chinese numerals followed by a unit, not preceded by 第 (ordinals are not
# counts). The run starts only where a run starts and is taken whole (possessive), so that a
# long run of numeral characters with no unit after it costs linear time, not quadratic.
_CN_NUMERAL_BEFORE_UNIT = re.compile(
    rf"(?<![第{CHINESE_NUMERAL_CHARS}])(?P<num>[{CHINESE_NUMERAL_CHARS}]++)"
    rf"(?P<tail>(?:余|多)?(?:{_UNIT_ALT}))"
)


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with the unit it was printed with (``""`` when none)."""

    value: Number
    unit: str = ""


def tidy(value: Decimal | float | int) -> Number:
    """Return ``value`` as an ``int`` when it is whole, else as a float without binary noise."""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if dec == dec.to_integral_value():
        return int(dec)
    return float(dec.normalize())


def chinese_to_int(text: str) -> int | None:
    """Read a Chinese numeral: ``二十三`` → 23, ``一百零五`` → 105, ``两千`` → 2000.

    Digit-by-digit spellings such as ``二〇一八`` (years) are read positionally → 2018.
    Returns ``None`` when ``text`` is not entirely a Chinese numeral.
    """
    if not text or len(text) > _MAX_NUMERAL_CHARS:
        return None
    if any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        if len(text) > MAX_DIGITS:
            return None
        if len(text) == 1:
            return _DIGITS[text]
        # 二〇一八: a digit string, as years are written.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0  # completed 万/亿 sections
    section = 0  # the part below the current big unit
    digit = None  # the last digit seen, waiting for its unit
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            # "十二" has no leading digit: it means 一十二.
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _BIG_UNITS[ch]
            section, digit = 0, None
    value = total + section + (digit or 0)
    return value if value < _MAX_VALUE else None


def replace_chinese_numerals(text: str) -> str:
    """Rewrite Chinese numerals that count something (followed by a unit) as digits.

    ``主动公开信息二十七条`` → ``主动公开信息27条``; ordinals (``第一条``) and words that merely
    contain numeral characters (``一是``, ``三审三校``) are left alone because no unit follows.
    """

    def _sub(match: re.Match[str]) -> str:
        value = chinese_to_int(match.group("num"))
        if value is None:
            return match.group(0)
        return f"{value}{match.group('tail')}"

    return _CN_NUMERAL_BEFORE_UNIT.sub(_sub, text)


def strip_thousands(text: str) -> str:
    """Remove thousands separators between digits (``1,046`` → ``1046``)."""
    return _THOUSANDS.sub("", text)


def _prepare(cell: str) -> str:
    cell = unicodedata.normalize("NFKC", cell).replace("\u00a0", " ").strip()
    return strip_thousands(cell)


@lru_cache(maxsize=4096)
def is_placeholder(cell: str | None) -> bool:
    """True for a blank cell or one of the printed "nothing here" marks (/, ——, —, -, 无)."""
    if cell is None:
        return True
    cleaned = _prepare(cell).replace(" ", "")
    return cleaned in PLACEHOLDERS or (bool(cleaned) and set(cleaned) <= set("-—─–/\\"))


@lru_cache(maxsize=4096)
def read_quantity(cell: str) -> Quantity | None:
    """Read one table cell or number phrase; ``None`` when it is not a number.

    Handles signs (``+2``, ``-1``, ``减4``), units, ``3000余`` and whole-cell Chinese numerals.
    """
    text = _prepare(cell).replace(" ", "")
    if not text:
        return None
    match = _CELL_NUMBER.match(text)
    if match is None:
        text = replace_chinese_numerals(text)
        match = _CELL_NUMBER.match(text)
        if match is None:
            value = chinese_to_int(text.rstrip("余多"))
            return None if value is None else Quantity(value)
    try:
        value = Decimal(match.group("num"))
    except InvalidOperation:  # pragma: no cover - the regex only admits decimals
        return None
    sign = match.group("sign") or ""
    if sign in {"-", "−"} or sign.startswith("减") or sign == "净减":
        value = -value
    return Quantity(tidy(value), match.group("unit") or "")


def parse_number(cell: str | None) -> Number | None:
    """The numeric value of a cell, or ``None`` when it is blank, a placeholder or text."""
    if cell is None or is_placeholder(cell):
        return None
    quantity = read_quantity(cell)
    return None if quantity is None else quantity.value


@lru_cache(maxsize=4096)
def is_value_cell(cell: str) -> bool:
    """True when a table cell holds a value position: a number or an absent-marker."""
    return is_placeholder(cell) or read_quantity(cell) is not None


def convert_money(quantity: Quantity, target_unit: str) -> Number:
    """Express a money amount in ``target_unit`` ("元" or "万元").

    A bare number is taken to be already in the target unit (the column header says so).
    """
    value = Decimal(str(quantity.value))
    if quantity.unit == "元" and target_unit == "万元":
        value = value / Decimal(10_000)
    elif quantity.unit == "万元" and target_unit == "元":
        value = value * Decimal(10_000)
    return tidy(value)
