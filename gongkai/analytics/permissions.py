"""Who sees which visit figures."""

from gongkai.accounts.permissions import Action, organizations_for, require

from .scope import Scope, site_owner_id


def analytics_scope_for(user) -> Scope:
    """The visits `user` may see: those of the organizations in their scope (a division's staff
    see their organ's whole column). The site-wide pages come with the site owner.
    PermissionDenied without 查看访问统计."""
    require(user, Action.ANALYTICS_VIEW)
    ids = set(organizations_for(user, Action.ANALYTICS_VIEW).values_list("pk", flat=True))
    return Scope(frozenset(ids), unattributed=site_owner_id() in ids)
