"""A signed letter never changes: later template edits and corrections leave it as it was."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import services as app_services
from gongkai.applications.outcomes import Outcome
from gongkai.letters import services
from gongkai.letters.models import Letter, LetterKind
from gongkai.letters.rendering import LetterError

from .conftest import docx_text


@pytest.fixture
def replied(accepted, handler):
    app_services.application_reply(
        application=accepted,
        actor=handler,
        on=date(2026, 10, 9),
        outcome=Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
        summary="涉及第三方商业秘密",
    )
    return services.letter_files(accepted.letters.get(kind=LetterKind.REPLY))


def test_a_signed_letter_is_unchanged_by_a_later_template_edit(replied, agency, admin_user):
    before_docx, before_pdf = replied.docx.open("rb").read(), replied.pdf.open("rb").read()
    services.template_save(
        organization=agency,
        actor=admin_user,
        kind=LetterKind.REPLY,
        variant=Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
        title="不予公开决定书",
        body="{申请人}的申请不予公开。理由：{理由}",
    )
    again = services.letter_files(Letter.objects.get(pk=replied.pk))
    assert again.docx.open("rb").read() == before_docx
    assert again.pdf.open("rb").read() == before_pdf
    assert again.docx_sha256 == replied.docx_sha256 and again.title == "政府信息不予公开告知书"
    with pytest.raises(ValueError, match="不能修改"):
        again.save()


def test_a_correction_is_a_new_numbered_version_and_both_are_kept(
    replied, agency, admin_user, leader
):
    services.template_save(
        organization=agency,
        actor=admin_user,
        kind=LetterKind.REPLY,
        variant=Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
        title="不予公开告知书",
        body="{申请人}：经审查不予公开。理由：{理由}\n可向{复议机关}申请行政复议。",
    )
    new = services.letter_correct(letter=replied, actor=leader, reason="模板措辞更正")
    new = services.letter_files(new)
    old = Letter.objects.get(pk=replied.pk)
    assert old.superseded_at is not None and old.superseded_by == new
    assert new.version == 2 and new.supersedes == old
    assert new.number == "上海市司法局信公复〔2026〕第2号" and old.number.endswith("第1号")
    assert new.title == "不予公开告知书（更正）"
    assert "经审查不予公开" in docx_text(new.docx.open("rb").read())
    assert "经审查不予公开" not in docx_text(old.docx.open("rb").read())
    with pytest.raises(LetterError, match="已被更正"):
        services.letter_correct(letter=old, actor=leader, reason="再次更正")


def test_only_a_signer_may_reissue_a_reply(replied, clerk):
    with pytest.raises(PermissionDenied):
        services.letter_correct(letter=replied, actor=clerk, reason="更正")
