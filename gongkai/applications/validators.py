"""Check digits of the identity documents applicants give (GB 11643, GB 32100)."""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_id_check_char(first17: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are `first17`."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def uscc_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code beginning with `first17`."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


# The first two digits of an address code (GB/T 2260): the provinces, Hong Kong, Macao, Taiwan.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


def normalize(value: str) -> str:
    """Full-width digits and letters (typed with a Chinese input method) as ASCII, no spaces."""
    return unicodedata.normalize("NFKC", value).strip().upper().replace(" ", "")


def resident_id_problem(value: str) -> str | None:
    """Why `value` is not a valid 18-digit resident ID number (GB 11643-1999), or None."""
    value = normalize(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X。"
    if value[:2] not in PROVINCE_CODES or value[2:6] == "0000":
        return "居民身份证号码前6位（户籍所在地行政区划代码）不存在，请核对。"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不存在，请核对。"
    if born.year < 1900 or born > date.today():
        return "居民身份证号码中的出生日期不合理，请核对。"
    if resident_id_check_char(value[:17]) != value[17]:
        return "居民身份证号码校验位不正确，请核对是否有输错的数字。"
    return None


def uscc_problem(value: str) -> str | None:
    """Why `value` is not a valid unified social credit code (GB 32100-2015), or None."""
    value = normalize(value)
    if len(value) != 18:
        return "统一社会信用代码应为18位。"
    if any(c not in _USCC_ALPHABET for c in value):
        return "统一社会信用代码只能由数字和大写字母组成（不使用I、O、S、V、Z）。"
    if not re.fullmatch(r"\d{6}", value[2:8]):
        return "统一社会信用代码的第3至8位应为登记管理机关行政区划码（数字）。"
    if uscc_check_char(value[:17]) != value[17]:
        return "统一社会信用代码校验位不正确，请核对是否有输错的字符。"
    return None


def validate_resident_id(value: str) -> None:
    problem = resident_id_problem(value)
    if problem:
        raise ValidationError(problem, code="resident_id")


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem, code="uscc")
