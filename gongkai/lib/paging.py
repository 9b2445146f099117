"""A paginator that stops counting: a list of a million rows is read a page at a time from an
index, but `COUNT(*)` of every matching row cost more than the page (≈ 50 ms at 10⁵ rows).

The count goes no further than CAP rows; past it the pager says "共 10000 多条" and offers the
pages up to the cap (a filter narrows the list; nobody pages through 334 pages of 30).
"""

from functools import cached_property

from django.core.paginator import Paginator

CAP = 10_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def _counted(self) -> int:
        items = self.object_list
        if hasattr(items, "query"):  # a queryset: SELECT COUNT(*) FROM (… LIMIT cap + 1)
            return items[: self.cap + 1].count()
        return len(items)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def count_is_floor(self) -> bool:
        """True when there are more rows than `count` says."""
        return self._counted > self.cap
