"""State changes of the accounts app, each one audited."""

from django.db import transaction

from . import audit
from .models import Organization, RoleGrant, User


@transaction.atomic
def organization_create(*, data: dict, actor: User) -> Organization:
    organization = Organization(**data)
    organization.full_clean()
    organization.save()
    audit.record(
        "accounts.organization_create",
        organization,
        actor=actor,
        changes={k: str(v) for k, v in data.items() if v not in ("", None)},
    )
    return organization


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


def staff_values(user: User) -> dict:
    """A staff account's editable fields, as the staff form shows them and the audit log records."""
    return {
        "full_name": user.full_name,
        "organization": user.organization,
        "email": user.email,
        "phone": user.phone,
        "is_active": user.is_active,
        "roles": sorted(user.role_set()),
    }


@transaction.atomic
def staff_save(*, data: dict, actor: User, user: User | None = None) -> User:
    """Create a staff account or update one: fields, roles and optionally the password."""
    creating = user is None
    if creating:
        user = User(username=data["username"])
    before = {} if creating else staff_values(user)
    user.full_name = data["full_name"]
    user.organization = data["organization"]
    user.email = data.get("email", "")
    user.phone = data.get("phone", "")
    user.is_active = data.get("is_active", True)
    if data.get("password"):
        user.set_password(data["password"])
    user.save()
    wanted = set(data["roles"])
    RoleGrant.objects.filter(user=user).exclude(role__in=wanted).delete()
    for role in wanted:
        RoleGrant.objects.get_or_create(user=user, role=role)
    user._role_cache = frozenset(wanted)  # what the rows now say
    changes = audit.diff(before, staff_values(user))
    if data.get("password"):
        changes["password"] = ["***", "***"]  # that it changed, never the value
    audit.record(
        "accounts.staff_create" if creating else "accounts.staff_update",
        user,
        actor=actor,
        changes=changes,
    )
    return user
