"""Who sees which visit figures."""

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.accounts.permissions import Action, organizations_for, require

from .scope import Scope, site_owner_id


def _column_owner(organization: Organization | None) -> Organization | None:
    """The organ whose column a staff member works for: divisions publish under their agency."""
    while (
        organization is not None
        and organization.kind == OrganizationKind.DIVISION
        and organization.parent_id is not None
    ):
        organization = organization.parent
    return organization


def analytics_scope_for(user) -> Scope:
    """The visits `user` may see: those of the organizations in their scope, widened from a
    division to its agency's whole column (visit figures are about a column, and a division's
    pages are part of its agency's). The site-wide pages come with the site owner.
    PermissionDenied without 查看访问统计."""
    require(user, Action.ANALYTICS_VIEW)
    ids = set(organizations_for(user, Action.ANALYTICS_VIEW).values_list("pk", flat=True))
    owner = _column_owner(user.organization)
    if owner is not None:
        ids |= Organization.objects.subtree_ids(owner)
    return Scope(frozenset(ids), unattributed=site_owner_id() in ids)
