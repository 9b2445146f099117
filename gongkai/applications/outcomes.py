"""The outcome of an application: one leaf of the 2021 national table, plus its legacy category.

Keys are exactly those of annual-stats.md (`withheld.state_secret`, `other.no_correction`…), so
the reports engine can count applications by them without a translation table.
"""

from django.db import models


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", "予以公开"
    PARTIALLY_DISCLOSED = "partially_disclosed", "部分公开"
    WITHHELD_STATE_SECRET = "withheld.state_secret", "不予公开：属于国家秘密"
    WITHHELD_PROHIBITED_BY_LAW = "withheld.prohibited_by_law", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY_STABILITY = "withheld.security_stability", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY_RIGHTS = "withheld.third_party_rights", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL_AFFAIRS = "withheld.internal_affairs", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS_INFORMATION = "withheld.process_information", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT_FILES = "withheld.enforcement_files", "不予公开：属于行政执法案卷"
    WITHHELD_ADMINISTRATIVE_QUERY = "withheld.administrative_query", "不予公开：属于行政查询事项"
    UNABLE_NOT_HELD = "unable_to_provide.not_held", "无法提供：本机关不掌握相关政府信息"
    UNABLE_NEEDS_CREATION = "unable_to_provide.needs_creation", "无法提供：没有现成信息需要另行制作"
    UNABLE_UNCLEAR_AFTER_CORRECTION = (
        "unable_to_provide.unclear_after_correction",
        "无法提供：补正后申请内容仍不明确",
    )
    NOT_PROCESSED_PETITION = "not_processed.petition_complaint", "不予处理：信访举报投诉类申请"
    NOT_PROCESSED_DUPLICATE = "not_processed.duplicate", "不予处理：重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication", "不予处理：要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive_repeated", "不予处理：无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRM_OR_REISSUE = (
        "not_processed.confirm_or_reissue",
        "不予处理：要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_CORRECTION = (
        "other.no_correction",
        "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    OTHER_FEE_UNPAID = (
        "other.fee_unpaid",
        "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER_OTHER = "other.other", "其他处理：其他"

    @property
    def group(self) -> str:
        """The table row the leaf belongs to: disclosed, withheld, unable_to_provide…"""
        return self.value.split(".", 1)[0]

    @property
    def needs_reason(self) -> bool:
        """The reply must say why (第36条, 第37条): whatever is not given in full, including
        无法提供, 不予处理 and 其他处理 — each refuses what was asked and may be challenged."""
        return self.group in REASONED_GROUPS

    @property
    def is_adverse(self) -> bool:
        """Anything but a full disclosure: the replies the 法制审核 stage reviews."""
        return self != Outcome.DISCLOSED


REASONED_GROUPS = frozenset(
    {"partially_disclosed", "withheld", "unable_to_provide", "not_processed", "other"}
)


class LegacyOutcome(models.TextChoices):
    """Categories of the 2008–2018 reports (keys of `legacy_outcomes` in annual-stats.md).

    `disclosed` and `partially_disclosed` add up to the usual `disclosed_or_partial`.
    """

    DISCLOSED = "disclosed", "同意公开"
    PARTIALLY_DISCLOSED = "partially_disclosed", "部分公开"
    WITHHELD = "withheld", "不予公开"
    NOT_EXIST = "not_exist", "信息不存在"
    NOT_OUR_AUTHORITY = "not_our_authority", "非本机关职责权限范围"
    OTHER_CHANNEL = "other_channel", "告知通过其他途径办理"
    CORRECTION_REQUESTED = "correction_requested", "告知作出更改补充"
    NOT_GOVERNMENT_INFORMATION = "not_government_information", "非《条例》所指政府信息"
    DUPLICATE = "duplicate", "重复申请"
    UNCLEAR = "unclear", "申请内容不明确"
    OTHER = "other", "其他"


LEGACY_TOTALS = {
    LegacyOutcome.DISCLOSED: "disclosed_or_partial",
    LegacyOutcome.PARTIALLY_DISCLOSED: "disclosed_or_partial",
}

_L = LegacyOutcome
# For each 2021 leaf, the legacy categories it may be counted under; the first is the default.
LEGACY_CHOICES: dict[Outcome, tuple[LegacyOutcome, ...]] = {
    Outcome.DISCLOSED: (_L.DISCLOSED,),
    Outcome.PARTIALLY_DISCLOSED: (_L.PARTIALLY_DISCLOSED,),
    Outcome.WITHHELD_STATE_SECRET: (_L.WITHHELD,),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: (_L.WITHHELD,),
    Outcome.WITHHELD_SECURITY_STABILITY: (_L.WITHHELD,),
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS: (_L.WITHHELD,),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: (_L.WITHHELD,),
    Outcome.WITHHELD_PROCESS_INFORMATION: (_L.WITHHELD,),
    Outcome.WITHHELD_ENFORCEMENT_FILES: (_L.WITHHELD,),
    # 第36条第(七)项: 工商、不动产登记等 — the applicant is told to use that law's procedure.
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: (_L.OTHER_CHANNEL, _L.WITHHELD),
    # 36(四) 信息不存在 and 36(五) 非本机关负责公开 both land in (四)1.
    Outcome.UNABLE_NOT_HELD: (_L.NOT_EXIST, _L.NOT_OUR_AUTHORITY),
    Outcome.UNABLE_NEEDS_CREATION: (_L.NOT_EXIST, _L.NOT_GOVERNMENT_INFORMATION),
    Outcome.UNABLE_UNCLEAR_AFTER_CORRECTION: (_L.UNCLEAR, _L.CORRECTION_REQUESTED),
    Outcome.NOT_PROCESSED_PETITION: (_L.NOT_GOVERNMENT_INFORMATION, _L.OTHER_CHANNEL),
    Outcome.NOT_PROCESSED_DUPLICATE: (_L.DUPLICATE,),
    Outcome.NOT_PROCESSED_PUBLICATION: (_L.OTHER_CHANNEL,),
    Outcome.NOT_PROCESSED_EXCESSIVE: (_L.DUPLICATE, _L.OTHER),
    Outcome.NOT_PROCESSED_CONFIRM_OR_REISSUE: (_L.NOT_GOVERNMENT_INFORMATION, _L.OTHER_CHANNEL),
    Outcome.OTHER_NO_CORRECTION: (_L.CORRECTION_REQUESTED,),
    Outcome.OTHER_FEE_UNPAID: (_L.OTHER,),
    Outcome.OTHER_OTHER: (_L.OTHER, _L.NOT_GOVERNMENT_INFORMATION, _L.OTHER_CHANNEL),
}


def default_legacy(outcome: Outcome) -> LegacyOutcome:
    return LEGACY_CHOICES[Outcome(outcome)][0]


def legacy_allowed(outcome: Outcome, legacy: LegacyOutcome) -> bool:
    return LegacyOutcome(legacy) in LEGACY_CHOICES[Outcome(outcome)]
