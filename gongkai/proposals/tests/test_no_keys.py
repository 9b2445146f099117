"""No internal key (a TextChoices value) shows as text on the pages of the three apps."""

import re
from datetime import date

from django.urls import reverse
from django.utils.html import strip_tags

from gongkai.appeals import services as appeal_services
from gongkai.appeals.models import AppealKind, AppealResult
from gongkai.consultations import services as consultation_services
from gongkai.proposals import services

from .test_services import register, replied

# ASCII boundaries: Chinese characters count as word characters for \b.
KEYS = re.compile(
    r"(?<![A-Za-z_])(review|litigation_direct|litigation_after_review|upheld|corrected|pending|open|decided"
    r"|phone|in_person|online|answered|npc_suggestion|cppcc_proposal|lead|co|replied)(?![A-Za-z_])"
)


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return strip_tags(html)


def test_pages_show_labels_not_keys(client, agency, clerk):
    p = register(agency, clerk)
    shown = replied(agency, clerk)
    withheld = replied(agency, clerk, publish=False)
    services.proposal_withhold(proposal=withheld, actor=clerk, reason="涉及个人隐私")
    appeal = appeal_services.appeal_file(
        organization=agency,
        actor=clerk,
        kind=AppealKind.LITIGATION_AFTER_REVIEW,
        appellant="陈志明",
        body="上海市徐汇区人民法院",
        subject="请求撤销答复",
        filed_on=date(2026, 11, 2),
    )
    decided = appeal_services.appeal_file(
        organization=agency,
        actor=clerk,
        kind=AppealKind.REVIEW,
        appellant="李娜",
        body="上海市人民政府",
        subject="不服答复",
        filed_on=date(2026, 11, 2),
    )
    appeal_services.appeal_decide(
        appeal=decided, actor=clerk, result=AppealResult.CORRECTED, decided_on=date(2026, 12, 1)
    )
    c = consultation_services.consultation_log(
        organization=agency,
        actor=clerk,
        channel="in_person",
        topic="如何申请",
        asked_on=date(2026, 12, 15),
        answer="可以当面申请。",
    )
    client.force_login(clerk)
    urls = [
        reverse("accounts:dashboard"),
        reverse("appeals:list"),
        appeal.get_absolute_url(),
        decided.get_absolute_url(),
        reverse("consultations:list"),
        c.get_absolute_url(),
        reverse("proposals:list"),
        p.get_absolute_url(),
        withheld.get_absolute_url(),
        reverse("proposals:public_list"),
        reverse("proposals:public_detail", args=[shown.pk]),
        reverse("consultations:public_list"),
        reverse("consultations:ask"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = KEYS.findall(visible_text(response))
        assert not found, f"{url}: {found}"
