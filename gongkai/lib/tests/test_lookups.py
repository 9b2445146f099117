"""`field__among`: the same rows as `field__in`, on both databases."""

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.lib.lookups import among


def test_among_finds_the_rows_in_the_list_and_an_empty_list_finds_none(db):
    made = [
        Organization.objects.create(name=f"机构{n}", code=f"org-{n}", kind=OrganizationKind.AGENCY)
        for n in range(4)
    ]
    wanted = [made[0].pk, made[2].pk, 10**9]  # one id no row has
    assert set(Organization.objects.filter(among("pk", wanted))) == {made[0], made[2]}
    assert not Organization.objects.filter(among("pk", [])).exists()
    # Combined with another condition, as the staff list combines it with the 索引号 prefix.
    either = Organization.objects.filter(among("pk", [made[1].pk]) | among("code", ["org-3"]))
    assert set(either) == {made[1], made[3]}
