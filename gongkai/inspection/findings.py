"""What a check finds: a kind, the text found (personal data masked), a suggestion, a place."""

from dataclasses import dataclass

from django.db import models


class FindingKind(models.TextChoices):
    OBSOLETE_NAME = "obsolete_name", "机构名称已变更"
    OFFICE_WORDING = "office_wording", "不符合规范表述"
    FORBIDDEN = "forbidden", "禁用表述"
    MISUSED = "misused", "易错字词"
    ID_NUMBER = "id_number", "居民身份证号码"
    MOBILE = "mobile", "手机号码"
    BANK_CARD = "bank_card", "银行卡号"
    PERSONAL_USCC = "personal_uscc", "个体工商户统一社会信用代码"

    @property
    def is_personal_data(self) -> bool:
        return self in PERSONAL_DATA


PERSONAL_DATA = frozenset(
    {FindingKind.ID_NUMBER, FindingKind.MOBILE, FindingKind.BANK_CARD, FindingKind.PERSONAL_USCC}
)


@dataclass(frozen=True)
class Hit:
    kind: FindingKind
    found: str  # as it may be shown: personal data masked
    suggestion: str
    start: int  # offsets in the text checked
    end: int
    context: str = ""  # the surrounding text, personal data masked

    def with_context(self, text: str, mask) -> "Hit":
        left = text[max(0, self.start - 12) : self.start]
        right = text[self.end : self.end + 12]
        snippet = f"{mask(left)}【{self.found}】{mask(right)}".replace("\n", " ")
        return Hit(self.kind, self.found, self.suggestion, self.start, self.end, snippet)
