"""State changes of the accounts app, each one audited."""

from django.db import transaction

from . import audit
from .models import Organization, Role, RoleGrant, User


@transaction.atomic
def organization_update(*, organization: Organization, data: dict, actor: User) -> Organization:
    """Save edited organization fields and audit what changed."""
    # A bound ModelForm has already written the new values onto `organization`: compare with the row.
    stored = Organization.objects.get(pk=organization.pk)
    before = {k: getattr(stored, k) for k in data}
    for key, value in data.items():
        setattr(organization, key, value)
    organization.full_clean()
    organization.save()
    after = {k: getattr(organization, k) for k in data}
    audit.record(
        "accounts.organization_update", organization, actor=actor, changes=audit.diff(before, after)
    )
    return organization


@transaction.atomic
def staff_grant_role(*, user: User, role: Role, actor: User | None = None) -> None:
    _, created = RoleGrant.objects.get_or_create(user=user, role=role)
    if created:
        audit.record("accounts.role_grant", user, actor=actor, changes={"role": role.value})
    user.__dict__.pop("_role_cache", None)


@transaction.atomic
def staff_revoke_role(*, user: User, role: Role, actor: User | None = None) -> None:
    deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
    if deleted:
        audit.record("accounts.role_revoke", user, actor=actor, changes={"role": role.value})
    user.__dict__.pop("_role_cache", None)
