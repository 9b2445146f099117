from io import StringIO

from django.core.management import call_command

from gongkai.accounts.models import Organization, RoleGrant, User
from gongkai.catalog.models import Item


def test_demo_loads_the_office_and_one_account_per_role_idempotently(db, settings):
    settings.GONGKAI_DEMO_ARCHIVE = True  # as `make run` has it; the option below leaves it out
    out = StringIO()
    call_command("demo", "--no-archive", stdout=out)
    call_command("demo", stdout=StringIO())
    root = Organization.objects.get(code="shsfj")
    assert root.name == "上海市司法局"
    assert Organization.objects.filter(parent=root, kind="subordinate").count() == 16
    assert User.objects.filter(username="clerk").count() == 1
    assert set(RoleGrant.objects.values_list("role", flat=True)) == {
        "clerk",
        "division_head",
        "legal_reviewer",
        "leader",
        "admin",
    }
    printed = out.getvalue()
    assert "clerk" in printed and "Gongkai-2026!" in printed
    assert User.objects.get(username="leader").check_password("Gongkai-2026!")
    assert not Item.objects.filter(published_at__year__lte=2018).exists()
    assert "历史主动公开信息" not in printed
