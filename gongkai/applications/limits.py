"""The public submission's limits (issue 15): per client address, every post counted before it is
read, and per ID number once the form is valid. The web form and the API ask the same questions
against the same counts."""

from django.conf import settings

from gongkai.accounts.middleware import client_ip
from gongkai.lib import throttle

HOUR, DAY = 60 * 60, 24 * 60 * 60
ADDRESS_MESSAGE = "您提交得过于频繁，请一小时后再试。"
ID_MESSAGE = "以该证件号码提交的申请今日已达上限，请明日再提交，或到受理点现场提交。"


def address_allowed(request) -> bool:
    return throttle.allow(
        "apply-address",
        client_ip(request) or "",
        limit=settings.GONGKAI_APPLY_LIMIT_PER_ADDRESS,
        window=HOUR,
    )


def id_allowed(cleaned: dict) -> bool:
    return throttle.allow(
        "apply-id",
        f"{cleaned['id_type']}:{cleaned['id_number']}",
        limit=settings.GONGKAI_APPLY_LIMIT_PER_ID,
        window=DAY,
    )
