"""Who sees which visit figures."""

from gongkai.accounts.permissions import Action, require, scoped_ids

from .scope import Scope, site_owner_id


def analytics_scope_for(user) -> Scope:
    """The visits `user` may see: those of the organizations in their scope (a division's staff
    see their organ's whole column). The site-wide pages come with the site owner.
    PermissionDenied without 查看访问统计."""
    require(user, Action.ANALYTICS_VIEW)
    ids = set(scoped_ids(user, Action.ANALYTICS_VIEW))
    return Scope(frozenset(ids), unattributed=site_owner_id() in ids)
