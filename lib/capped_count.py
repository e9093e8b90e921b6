"""How many rows a queryset holds, counted up to a cap, as an expression for one query."""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Subquery


class CappedCount(Subquery):
    """`(SELECT COUNT(*) FROM (<queryset> LIMIT cap) capped)`: at most `cap`.

    Counting the sliced rows directly rather than through `pk IN (sliced)`, which made the
    database look up every counted row a second time by its key (at a million cases
    the manager's five capped counts spent two fifths of their time there).
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) capped)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, cap: int) -> None:
        super().__init__(queryset.order_by().values("pk")[:cap])
