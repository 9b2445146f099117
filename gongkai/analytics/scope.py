"""Whose visits a figure covers: a set of organizations, with or without the site-wide pages."""

from dataclasses import dataclass

from django.db.models import Q

from gongkai.accounts.models import Organization, OrganizationKind


@dataclass(frozen=True)
class Scope:
    # None: every organization. Otherwise the organizations whose pages are counted.
    organization_ids: frozenset[int] | None = None
    # Pages that belong to no organization (home, guide, search) belong to the site's owner.
    unattributed: bool = True

    def q(self) -> Q:
        if self.organization_ids is None:
            return Q() if self.unattributed else Q(organization__isnull=False)
        q = Q(organization_id__in=self.organization_ids)
        return q | Q(organization__isnull=True) if self.unattributed else q


EVERYTHING = Scope()


def site_owner_id() -> int | None:
    """The id of the agency that runs the site (whose pages are the site-wide ones)."""
    owner = Organization.objects.site_owner()
    return owner.pk if owner is not None else None


def scope_of_organization(organization: Organization) -> Scope:
    """An organization's own column: its pages and its divisions' (内设处室 publish under it).

    District bureaus and other subordinate organs run their own columns and report separately.
    """
    divisions = Organization.objects.filter(kind=OrganizationKind.DIVISION)
    return Scope(
        frozenset(divisions.subtree_ids(organization)),
        unattributed=organization.pk == site_owner_id(),
    )
