"""State changes of the accounts app, each one audited."""

from django.db import transaction

from . import audit
from .models import Organization, Role, RoleGrant, User


class AccountError(Exception):
    """A change the rules refuse; the message is shown to the user as it is."""


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
    """Create a staff account or update one: fields, roles and optionally the password.

    A password chosen by someone else must be changed by its holder at their next login. The
    site always keeps one active system administrator: the change that would leave none (the
    last one removing their own role, or being deactivated) is refused.
    """
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
        user.must_change_password = actor.pk != user.pk
    user.save()
    wanted = set(data["roles"])
    was_admin = not creating and Role.ADMIN in before["roles"]
    if was_admin and (Role.ADMIN not in wanted or not user.is_active):
        _keep_an_administrator(user)
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


def _keep_an_administrator(leaving: User) -> None:
    """Refuse to let `leaving` stop being an active administrator when no other is left.

    The administrators' grants are locked first: two administrators removing each other at the
    same moment cannot both see the other one still there.
    """
    grants = RoleGrant.objects.select_for_update().filter(role=Role.ADMIN)
    others = [
        g for g in grants.select_related("user") if g.user_id != leaving.pk and g.user.is_active
    ]
    if not others:
        raise AccountError(
            "系统至少要保留一名有效的系统管理员：请先为其他工作人员授予“系统管理员”角色，"
            "再取消本账号的该角色或停用本账号。"
        )


@transaction.atomic
def password_change(*, user: User, new_password: str) -> User:
    """The holder sets their own password (checked by the form); no longer an initial one."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record("accounts.password_change", user, actor=user, changes={"password": ["***", "***"]})
    return user
