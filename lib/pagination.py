"""A paginator whose total is counted only up to a cap.

An exact COUNT(*) of everything a user may see grows with the data (PITFALLS.md: on
large tables the count alone takes longer than the page). Nobody pages through a
thousand cases: past the cap the list says "meer dan 1000" and asks to refine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: Callable[[int], int], cap: int) -> None:
        """`count(limit)` returns the number of items, but at most `limit`."""
        super().__init__(object_list, per_page)
        self._count = count
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self._count(self.cap + 1)

    @property
    def is_capped(self) -> bool:
        """True when there are more than `cap` items (the count is then cap + 1)."""
        return self.count > self.cap


class RowsByIds:
    """The rows of an ordered list of ids, read a slice at a time: the object list of a
    paginator whose order and total were settled by one query of ids.

    `rows(ids)` returns the rows of those ids in any order; an id it no longer returns
    (a row deleted, or no longer visible, since the ids were read) is left out.
    """

    def __init__(self, ids: list[int], rows: Callable[[list[int]], Iterable]) -> None:
        self.ids = ids
        self._rows = rows

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list:
        ids = self.ids[index]
        by_id = {row.pk: row for row in self._rows(ids)}
        return [by_id[pk] for pk in ids if pk in by_id]
