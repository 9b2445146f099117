"""Administrators edit an office's templates; bad fields are refused by name."""

import pytest

from gongkai.letters import defaults, services
from gongkai.letters.models import LetterKind, LetterTemplate
from gongkai.letters.rendering import LetterError, problems


def test_every_shipped_template_names_only_known_fields_for_its_kind():
    for kind in LetterKind:
        for variant, _ in defaults.variants(kind):
            title, body = defaults.default(kind, variant)
            assert problems(body, kind) == [], (kind, variant)
            assert problems(title, kind) == []


def test_a_template_naming_an_unknown_field_is_refused_with_its_name(agency, admin_user):
    with pytest.raises(LetterError, match="不存在的字段“申请人名称”"):
        services.template_save(
            organization=agency,
            actor=admin_user,
            kind=LetterKind.RECEIPT,
            variant="",
            title="回执",
            body="{申请人名称}：已收到。",
        )
    with pytest.raises(LetterError, match="字段“理由”不适用于登记回执"):
        services.template_save(
            organization=agency,
            actor=admin_user,
            kind=LetterKind.RECEIPT,
            variant="",
            title="回执",
            body="{申请人}：{理由}",
        )
    with pytest.raises(LetterError, match="不成对的括号"):
        services.template_save(
            organization=agency,
            actor=admin_user,
            kind=LetterKind.RECEIPT,
            variant="",
            title="回执",
            body="{申请人：已收到。",
        )
    assert not LetterTemplate.objects.exists()


def test_an_office_copy_replaces_the_default_until_reset(agency, admin_user):
    services.template_save(
        organization=agency,
        actor=admin_user,
        kind=LetterKind.RECEIPT,
        variant="",
        title="申请回执",
        body="{申请人}：已收到申请 {申请编号}。",
    )
    assert services.template_for(agency, LetterKind.RECEIPT) == (
        "申请回执",
        "{申请人}：已收到申请 {申请编号}。",
    )
    services.template_reset(
        organization=agency, actor=admin_user, kind=LetterKind.RECEIPT, variant=""
    )
    assert services.template_for(agency, LetterKind.RECEIPT)[0] == "政府信息公开申请登记回执"
